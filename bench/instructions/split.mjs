// Reads `callgrind_annotate FILE` on stdin; prints its instructions split into V8's garbage collector
// (by C++ symbol) and everything else (the mutator: JIT code, builtins, runtime). Compare builds by the
// mutator figure: which collections fall inside the windows shifts with small changes, a step of some
// 10-70M instructions that has nothing to do with the change.
import { createInterface } from 'node:readline';
const GC = /Scaveng|Sweep|Mark|Evacuat|Heap::|GC|Pretenur|SizeFromMap|Marking|Compact|BodyDescriptor|EvacuationAllocator|Remembered|SlotSet|MemoryChunk|Page|Space|Worklist|ObjectVisitor|heap::base/;
let total = 0;
let gc = 0;
for await (const line of createInterface({ input: process.stdin })) {
  const m = /^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)$/.exec(line);
  if (!m || line.includes('PROGRAM TOTALS')) continue;
  const ir = Number(m[1].replaceAll(',', ''));
  total += ir;
  if (!m[2].includes('???:0x') && GC.test(m[2])) gc += ir;
}
const M = (n) => `${(n / 1e6).toFixed(1)}M`;
console.log(`mutator ${M(total - gc)}, garbage collector ${M(gc)} (of ${M(total)} listed)`);
