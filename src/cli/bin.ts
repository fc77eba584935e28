#!/usr/bin/env node
import { performance } from 'node:perf_hooks';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { DEFAULT_MAX_EVENTS } from '../sim/max-events.js';
import { EXIT, type CommandContext } from './io.js';
import { flagSyntaxProblem } from './flag-syntax.js';
import { relaunch, runTag, shouldRelaunch } from './launch.js';
import { OUTPUT_FORMATS } from './output-format.js';
import { outputFailure } from './output-streams.js';
import { ProcessSignals } from './signals.js';
import { VERSION } from './version.js';

/**
 * The only place that touches `process`: builds the context and maps commands
 * to functions. Each command's module is imported when the command runs, so
 * a command loads only what it uses (validate does not load the simulator).
 */
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
  colour: process.stdout.isTTY === true && !process.env.NO_COLOR,
  progress: process.stderr.isTTY === true,
};

/** `podsim --help`'s last words: the exit codes (cli.md). */
const EXIT_CODES = `Exit codes:
  0    done
  1    problems found: validate found errors; a run stopped by --max-events,
       stalled or stuck at one instant (its trace written, marked
       incomplete); --check found violations; a benchmark suite failed;
       a sweep's runs failed or are missing, or no grid point meets its
       SLOs; merge found runs missing
  2    bad usage or invalid input (file:line:col), or an --out that cannot
       be written: nothing written
  129  the terminal closed (SIGHUP): stopped at once, nothing written
  130  interrupted by SIGINT (Ctrl-C): the run stopped at an event boundary,
       its trace written, marked interrupted
  141  the standard output closed early (| head): ended quietly
  143  terminated by SIGTERM: as 130
A second signal stops at once and writes nothing.`;

/** A number flag's value: yargs gives NaN for a word. */
function wholeNumber(flag: string, value: number | undefined, least: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= least)) {
    const given = Number.isNaN(value) ? '' : `, not ${value}`;
    throw new Error(`--${flag} takes a whole number${least > 0 ? ` above ${least - 1}` : ''}${given}`);
  }
}

/** A string flag given without a value (`--out` last on the line) gets ''. */
function nonEmpty(flag: string, value: string | undefined): void {
  if (value !== undefined && value.trim() === '') throw new Error(`--${flag} needs a value`);
}

/** The scenario, named once: as the positional FILE or as `-f FILE` (kubectl's flag). */
function oneScenario(positional: string | undefined, file: string | undefined): void {
  if (positional !== undefined && file !== undefined) throw new Error('name the scenario once: FILE or -f FILE');
  if (positional === undefined && file === undefined) throw new Error('name a scenario: FILE or -f FILE');
}

const fileOption = { alias: 'filename', type: 'string', describe: 'the scenario file (instead of the positional FILE)' } as const;

const setOption = {
  type: 'string',
  array: true,
  default: [] as string[],
  describe: 'override a Scenario field: PATH=VALUE (nodePools.<name>.count=8)',
} as const;

/** A usage mistake: one line, exit 2 (yargs' own go through .fail below, worded the same way). */
function usageError(line: string): never {
  process.stderr.write(`error: ${line} (podsim --help lists the commands and flags)\n`);
  process.exit(EXIT.usage);
}

async function main(): Promise<void> {
  const problem = flagSyntaxProblem(hideBin(process.argv));
  if (problem !== undefined) usageError(problem);
  await yargs(hideBin(process.argv))
  .scriptName('podsim')
  .version(VERSION)
  .strict()
  .command(
    'run [scenario]',
    'simulate a scenario and write its traces',
    (y) =>
      y
        .positional('scenario', { type: 'string' })
        .option('f', fileOption)
        .option('o', { alias: 'output', choices: OUTPUT_FORMATS, describe: 'json or yaml: print summary.json; wide: wider tables' })
        .option('seed', { type: 'string', describe: 'random seed (overrides spec.seed)' })
        .option('out', { type: 'string', describe: 'output folder (default results/<scenario>/)' })
        .option('duration', { type: 'string', describe: 'simulated horizon, e.g. 30m (overrides spec.duration)' })
        .option('set', setOption)
        .option('max-events', { type: 'number', describe: `stop, marked incomplete, after this many events, node samples included (default ${DEFAULT_MAX_EVENTS})` })
        .option('check', { type: 'boolean', default: false, describe: 'check invariants as the run goes (node capacity, pod phases, controller bounds...); violations exit 1' })
        .option('report', { type: 'boolean', default: false, describe: 'also write report.html (podsim report) into the output folder' })
        .check((a) => {
          oneScenario(a.scenario, a.f);
          wholeNumber('max-events', a['max-events'], 1);
          for (const flag of ['seed', 'out', 'duration'] as const) nonEmpty(flag, a[flag]);
          return true;
        }),
    async (a) => {
      process.exitCode = await (await import('./run.js')).runCommand(
        {
          scenario: (a.scenario ?? a.f)!,
          set: a.set,
          ...(a.seed !== undefined ? { seed: a.seed } : {}),
          ...(a.out !== undefined ? { out: a.out } : {}),
          ...(a.duration !== undefined ? { duration: a.duration } : {}),
          ...(a['max-events'] !== undefined ? { maxEvents: a['max-events'] } : {}),
          check: a.check,
          report: a.report,
          ...(a.o !== undefined ? { output: a.o } : {}),
        },
        ctx,
      );
    },
  )
  .command(
    'explain [scenario] [pod]',
    'why a pod is where it is: per-node filter verdicts and scores at each scheduling attempt',
    (y) =>
      y
        .positional('scenario', { type: 'string', describe: 'the scenario file (or -f FILE; then the first positional is the pod)' })
        .positional('pod', { type: 'string', describe: 'the pod: NAME (with -n) or NAMESPACE/NAME' })
        .option('f', fileOption)
        .option('pod', { type: 'string', describe: 'the pod, NAMESPACE/NAME (or NAME with -n)' })
        .option('n', { alias: 'namespace', type: 'string', describe: 'the pod\'s namespace (default: default)' })
        .option('at', { type: 'string', describe: 'stop the run at this simulated time (default: its horizon)' })
        .option('o', { alias: 'output', choices: OUTPUT_FORMATS, describe: 'json or yaml: the explanation as data; wide: every node' })
        .option('format', { choices: ['text', 'json'] as const, describe: 'text or json (json is -o json)' })
        .option('set', setOption)
        .check((a) => {
          for (const flag of ['pod', 'at', 'n'] as const) nonEmpty(flag, a[flag]);
          const [scenario, pod] = a.f !== undefined ? [a.f, a.scenario] : [a.scenario, a.pod];
          oneScenario(scenario, undefined);
          if (a.f !== undefined && a.pod !== undefined && a.scenario !== undefined && a.scenario !== a.pod) throw new Error('name the pod once: POD or --pod');
          if (pod === undefined && a.pod === undefined) throw new Error('name the pod: podsim explain FILE POD [-n NAMESPACE] (or --pod NAMESPACE/NAME)');
          if (a.format !== undefined && a.o !== undefined && a.format !== 'text' && a.format !== a.o) throw new Error(`--format ${a.format} disagrees with -o ${a.o}`);
          return true;
        }),
    async (a) => {
      const [scenario, positionalPod] = a.f !== undefined ? [a.f, a.scenario] : [a.scenario!, a.pod];
      const pod = (a.f !== undefined ? (positionalPod ?? a.pod) : (a.pod ?? positionalPod))!;
      const format = a.o ?? a.format ?? 'text';
      process.exitCode = await (await import('./explain.js')).explainCommand(
        { scenario, pod, format, set: a.set, ...(a.n !== undefined ? { namespace: a.n } : {}), ...(a.at !== undefined ? { at: a.at } : {}) },
        ctx,
      );
    },
  )
  .command(
    'report <dir>',
    'write DIR/report.html: the charts of a run folder (or of a sweep folder)',
    (y) => y.positional('dir', { type: 'string', demandOption: true }),
    async (a) => {
      process.exitCode = (await import('./report.js')).reportCommand({ dir: a.dir }, ctx);
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
        .option('out', { type: 'string', describe: 'output folder (default results/bench/)' })
        .check((a) => {
          wholeNumber('reps', a.reps, 1);
          wholeNumber('warmup', a.warmup, 0);
          nonEmpty('out', a.out);
          return true;
        }),
    async (a) => {
      process.exitCode = (await import('./bench.js')).benchCommand(
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
    'sweep <sweep>',
    'a capacity study: run a Sweep document\'s grid x seeds on every core; sweep.csv, the table, the cheapest grid point meeting the SLOs',
    (y) =>
      y
        .positional('sweep', { type: 'string', demandOption: true })
        .option('jobs', { type: 'number', describe: 'worker processes (default: the available cores)' })
        .option('shard', { type: 'string', describe: 'run only shard I/N of the run list (0-based), or auto (Indexed Job, Slurm array)' })
        .option('shards', { type: 'number', describe: 'with --shard auto in an Indexed Job: the number of shards (the Job\'s completions)' })
        .option('out', { type: 'string', describe: 'sweep folder (default results/<sweep>/)' })
        .option('resume', { type: 'boolean', default: false, describe: 'keep runs already finished in the folder' })
        .option('search', { type: 'string', describe: 'bisect this parameter (values in increasing capacity) for the first value meeting the SLOs' })
        .check((a) => {
          wholeNumber('jobs', a.jobs, 1);
          wholeNumber('shards', a.shards, 1);
          for (const flag of ['shard', 'out', 'search'] as const) nonEmpty(flag, a[flag]);
          return true;
        }),
    async (a) => {
      process.exitCode = await (await import('./sweep.js')).sweepCommand(
        {
          sweep: a.sweep,
          resume: a.resume,
          env: process.env,
          terminal: process.stderr.isTTY === true,
          ...(a.jobs !== undefined ? { jobs: a.jobs } : {}),
          ...(a.shard !== undefined ? { shard: a.shard } : {}),
          ...(a.shards !== undefined ? { shards: a.shards } : {}),
          ...(a.out !== undefined ? { out: a.out } : {}),
          ...(a.search !== undefined ? { search: a.search } : {}),
        },
        ctx,
      );
    },
  )
  .command(
    'merge <dirs..>',
    'join the folders of a sharded sweep: sweep.csv recomputed, missing runs listed',
    (y) =>
      y
        .positional('dirs', { type: 'string', array: true, demandOption: true })
        .option('out', { type: 'string', describe: 'where sweep.csv goes (default: the first folder)' })
        .check((a) => (nonEmpty('out', a.out), true)),
    async (a) => {
      process.exitCode = (await import('./merge.js')).mergeCommand({ dirs: a.dirs, ...(a.out !== undefined ? { out: a.out } : {}) }, ctx);
    },
  )
  .command(
    'validate [files..]',
    'report every problem in scenario files; simulate nothing',
    (y) =>
      y
        .positional('files', { type: 'string', array: true })
        .option('f', { ...fileOption, array: true, describe: 'a file to validate (repeatable), as well as the positional ones' })
        .option('o', { alias: 'output', choices: ['json', 'yaml'] as const, describe: 'the problems as data on stdout' })
        .option('set', setOption)
        .check((a) => {
          if ((a.files ?? []).length + (a.f ?? []).length === 0) throw new Error('name a file to validate: FILE... or -f FILE');
          return true;
        }),
    async (a) => {
      process.exitCode = (await import('./validate.js')).validateCommand([...(a.files ?? []), ...(a.f ?? [])], a.set, ctx, a.o);
    },
  )
  .demandCommand(1, 'name a command: run, validate, explain, sweep, merge or bench')
  .epilogue(EXIT_CODES)
  .fail((msg, err) => {
    if (!msg) throw err;
    // One line, naming the flag as typed: yargs' own messages may span several, and say `Argument: format`.
    usageError(msg.replace(/\s*\n\s*/g, ' ').replace(/Argument: ([\w-]+),/g, '--$1:'));
  })
  .parseAsync();
}

// A simulating command runs in a node started with NODE_FLAGS (launch.ts); this one only waits for it.
if (shouldRelaunch(process)) relaunch(process, (code) => process.exit(code));
else {
  signals.install();
  // A write to a closed pipe or a full disk fails after the fact, as an 'error' event: without a listener, a stack trace.
  for (const [stream, name] of [[process.stdout, 'the standard output'], [process.stderr, 'the standard error']] as const) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      const { code, message } = outputFailure(name, e);
      if (message !== undefined && stream !== process.stderr) process.stderr.write(message);
      process.exit(code);
    });
  }
  await main();
}
