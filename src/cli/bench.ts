import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT, displayPath, type CommandContext } from './io.js';
import { NODE_FLAGS } from './node-flags.js';

export interface BenchArgs {
  /** Suites to run, by file name without `.bench.js` (default: all). */
  readonly suites?: readonly string[];
  /** Scheduler workloads to run (default: all). */
  readonly only?: readonly string[];
  /** Small sizes, one repetition: a smoke run of a few seconds per workload. */
  readonly quick?: boolean;
  readonly reps?: number;
  /** Unmeasured repetitions before the measured ones (default 0). */
  readonly warmup?: number;
  /** Output folder (default results/bench/). */
  readonly out?: string;
  /** Where the compiled suites are (default: dist-bench/bench beside the package). */
  readonly benchDir?: string;
}

/** dist-bench/bench of the package this file belongs to (dist/cli/bench.js or src/cli/bench.ts). */
function defaultBenchDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist-bench/bench');
}

function suiteArgs(args: BenchArgs, out: string): string[] {
  const a = ['--out', out];
  if (args.quick) a.push('--quick');
  if (args.reps !== undefined) a.push('--reps', String(args.reps));
  if (args.warmup !== undefined) a.push('--warmup', String(args.warmup));
  if (args.only && args.only.length > 0) a.push('--only', args.only.join(','));
  return a;
}

/**
 * `podsim bench`: runs every benchmark suite of bench/ (compiled into
 * dist-bench/ by `npm run build:bench`), each in its own Node process so
 * that one suite's heap does not skew the next. A suite's table goes to
 * stdout; its progress lines go straight to the terminal's stderr. Suites
 * write their figures to OUT/<suite>.json; for a suite that writes nothing
 * itself, its output is kept as OUT/<suite>.txt. Exit 0, 1 when a suite
 * failed, 2 when the suites are not built or a name is unknown.
 */
export function benchCommand(args: BenchArgs, ctx: CommandContext): number {
  const dir = args.benchDir ?? defaultBenchDir();
  if (!fs.existsSync(dir)) {
    ctx.stderr(`error: the benchmarks are not built (${displayPath(ctx.cwd, dir)} is missing): run \`npm run build:bench\`\n`);
    return EXIT.usage;
  }
  const all = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.js')).sort().map((f) => f.slice(0, -'.bench.js'.length));
  const unknown = (args.suites ?? []).filter((s) => !all.includes(s));
  if (unknown.length > 0) {
    ctx.stderr(`error: no benchmark suite ${unknown.join(', ')} (suites: ${all.join(', ')})\n`);
    return EXIT.usage;
  }
  const out = path.resolve(ctx.cwd, args.out ?? path.join('results', 'bench'));
  fs.mkdirSync(out, { recursive: true });
  let failed = 0;
  for (const suite of args.suites && args.suites.length > 0 ? args.suites : all) {
    ctx.stdout(`== ${suite}\n`);
    const before = fs.existsSync(path.join(out, `${suite}.json`)) ? fs.statSync(path.join(out, `${suite}.json`)).mtimeMs : -1;
    const r = spawnSync(process.execPath, [...NODE_FLAGS, path.join(dir, `${suite}.bench.js`), ...suiteArgs(args, out)], {
      cwd: ctx.cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
    ctx.stdout(r.stdout ?? '');
    const wroteJson = fs.existsSync(path.join(out, `${suite}.json`)) && fs.statSync(path.join(out, `${suite}.json`)).mtimeMs !== before;
    if (!wroteJson && r.status === 0) fs.writeFileSync(path.join(out, `${suite}.txt`), r.stdout ?? '');
    if (r.status !== 0) {
      failed++;
      ctx.stderr(`error: benchmark suite ${suite} failed (exit ${r.status ?? r.signal})\n`);
    }
  }
  ctx.stdout(`\nresults in ${displayPath(ctx.cwd, out)}/\n`);
  return failed > 0 ? EXIT.problems : EXIT.ok;
}
