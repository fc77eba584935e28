// Reads `callgrind_annotate FILE` on stdin; prints its instructions split into V8's garbage collector,
// its compilers (both by C++ symbol) and everything else (the mutator: JIT code, builtins, runtime).
// Compare builds by the mutator figure: which collections and which (re)compilations fall inside the
// windows shifts with small changes, steps of 10-120M instructions that have nothing to do with them.
import { createInterface } from 'node:readline';
const GC = /Scaveng|Sweep|Mark|Evacuat|Heap::|GC|Pretenur|SizeFromMap|Marking|Compact|BodyDescriptor|EvacuationAllocator|Remembered|SlotSet|MemoryChunk|Page|Space|Worklist|ObjectVisitor|heap::base/;
const COMPILER = /v8::internal::compiler::|maglev|Maglev|Compiler::|Compile|Parser|Bytecode|Turbofan|TurboFan|Deoptimiz/;
let total = 0;
let gc = 0;
let compiler = 0;
for await (const line of createInterface({ input: process.stdin })) {
  const m = /^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)$/.exec(line);
  if (!m || line.includes('PROGRAM TOTALS')) continue;
  const ir = Number(m[1].replaceAll(',', ''));
  total += ir;
  if (m[2].includes('???:0x')) continue;
  if (GC.test(m[2])) gc += ir;
  else if (COMPILER.test(m[2])) compiler += ir;
}
const M = (n) => `${(n / 1e6).toFixed(1)}M`;
console.log(`mutator ${M(total - gc - compiler)}, garbage collector ${M(gc)}, compilers ${M(compiler)} (of ${M(total)} listed)`);
