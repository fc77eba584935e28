#!/usr/bin/env node
import { performance } from 'node:perf_hooks';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { DEFAULT_MAX_EVENTS } from '../sim/run-loop.js';
import { EXIT, type CommandContext } from './io.js';
import { benchCommand } from './bench.js';
import { explainCommand } from './explain.js';
import { relaunch, runTag, shouldRelaunch } from './launch.js';
import { runCommand } from './run.js';
import { ProcessSignals } from './signals.js';
import { validateCommand } from './validate.js';
import { VERSION } from './version.js';

/** The only place that touches `process`: builds the context and maps commands to functions. */
const signals = new ProcessSignals(process);
const ctx: CommandContext = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  cwd: process.cwd(),
  argv: ['podsim', ...process.argv.slice(2)],
  wallClock: () => performance.now() / 1000,
  peakMemoryBytes: () => process.resourceUsage().maxRSS * 1024,
  cpuSeconds: () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  },
  runTag: runTag(),
  onInterrupt: (handler, abandon) => signals.onInterrupt(handler, abandon),
};

const setOption = {
  type: 'string',
  array: true,
  default: [] as string[],
  describe: 'override a Scenario field: PATH=VALUE (nodePools.<name>.count=8)',
} as const;

async function main(): Promise<void> {
  await yargs(hideBin(process.argv))
  .scriptName('podsim')
  .version(VERSION)
  .strict()
  .command(
    'run <scenario>',
    'simulate a scenario and write its traces',
    (y) =>
      y
        .positional('scenario', { type: 'string', demandOption: true })
        .option('seed', { type: 'string', describe: 'random seed (overrides spec.seed)' })
        .option('out', { type: 'string', describe: 'output folder (default results/<scenario>/)' })
        .option('duration', { type: 'string', describe: 'simulated horizon, e.g. 30m (overrides spec.duration)' })
        .option('set', setOption)
        .option('max-events', { type: 'number', describe: `stop, marked incomplete, after this many events (default ${DEFAULT_MAX_EVENTS})` })
        .option('check', { type: 'boolean', default: false, describe: 'check invariants as the run goes (node capacity, pod phases, controller bounds...); violations exit 1' })
        .check((a) => {
          const max = a['max-events'];
          if (max !== undefined && !(Number.isInteger(max) && max > 0)) throw new Error('--max-events takes a whole number above 0');
          return true;
        }),
    async (a) => {
      process.exitCode = await runCommand(
        {
          scenario: a.scenario,
          set: a.set,
          ...(a.seed !== undefined ? { seed: a.seed } : {}),
          ...(a.out !== undefined ? { out: a.out } : {}),
          ...(a.duration !== undefined ? { duration: a.duration } : {}),
          ...(a['max-events'] !== undefined ? { maxEvents: a['max-events'] } : {}),
          check: a.check,
        },
        ctx,
      );
    },
  )
  .command(
    'explain <scenario>',
    'why a pod is where it is: per-node filter verdicts and scores at each scheduling attempt',
    (y) =>
      y
        .positional('scenario', { type: 'string', demandOption: true })
        .option('pod', { type: 'string', demandOption: true, describe: 'the pod, NAMESPACE/NAME' })
        .option('at', { type: 'string', describe: 'stop the run at this simulated time (default: its horizon)' })
        .option('format', { choices: ['text', 'json'] as const, default: 'text' as const })
        .option('set', setOption),
    async (a) => {
      process.exitCode = await explainCommand(
        { scenario: a.scenario, pod: a.pod, format: a.format, set: a.set, ...(a.at !== undefined ? { at: a.at } : {}) },
        ctx,
      );
    },
  )
  .command(
    'bench',
    'run the benchmark suites; figures on stdout and in results/bench/',
    (y) =>
      y
        .option('suite', { type: 'string', array: true, describe: 'suites to run (default: all)' })
        .option('only', { type: 'string', array: true, describe: 'scheduler workloads to run (default: all)' })
        .option('quick', { type: 'boolean', default: false, describe: 'small sizes, one repetition' })
        .option('reps', { type: 'number', describe: 'repetitions per measurement' })
        .option('warmup', { type: 'number', describe: 'unmeasured repetitions before them (JIT and heap warm-up; default 3, 0 with --quick)' })
        .option('out', { type: 'string', describe: 'output folder (default results/bench/)' }),
    (a) => {
      process.exitCode = benchCommand(
        {
          quick: a.quick,
          ...(a.suite !== undefined ? { suites: a.suite } : {}),
          ...(a.only !== undefined ? { only: a.only } : {}),
          ...(a.reps !== undefined ? { reps: a.reps } : {}),
          ...(a.warmup !== undefined ? { warmup: a.warmup } : {}),
          ...(a.out !== undefined ? { out: a.out } : {}),
        },
        ctx,
      );
    },
  )
  .command(
    'validate <files..>',
    'report every problem in scenario files; simulate nothing',
    (y) => y.positional('files', { type: 'string', array: true, demandOption: true }).option('set', setOption),
    (a) => {
      process.exitCode = validateCommand(a.files, a.set, ctx);
    },
  )
  .demandCommand(1, 'name a command: run, validate, explain or bench')
  .fail((msg, err) => {
    if (!msg) throw err;
    process.stderr.write(`podsim: ${msg}\nTry 'podsim --help'.\n`);
    process.exit(EXIT.usage);
  })
  .parseAsync();
}

// A simulating command runs in a node started with NODE_FLAGS (launch.ts); this one only waits for it.
if (shouldRelaunch(process)) relaunch(process, (code) => process.exit(code));
else {
  signals.install();
  await main();
}
