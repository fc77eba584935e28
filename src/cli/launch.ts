import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { EXIT } from './io.js';
import { NODE_FLAGS } from './node-flags.js';

/**
 * Set in the environment of the node that `relaunch` starts, so that it runs
 * the command itself: the launching process's pid, which names the run's
 * temporary folder (the pid users and tools see).
 */
export const LAUNCHED_ENV = 'PODSIM_LAUNCHED';

/** The commands that simulate, and so run faster under NODE_FLAGS. */
const SIMULATING = new Set(['run', 'explain', 'sweep']);

/** What relaunch needs from the process (injected for tests). */
export interface LaunchProcess {
  readonly argv: readonly string[];
  readonly execArgv: readonly string[];
  readonly execPath: string;
  readonly env: NodeJS.ProcessEnv;
}

/** What distinguishes this run's temporary folders: the pid of the process the user started. */
export function runTag(): string {
  return process.env[LAUNCHED_ENV] ?? String(process.pid);
}

/**
 * Whether this process should start a node with NODE_FLAGS to run the
 * command instead of running it itself: a command that simulates, not
 * already started that way, and no flag of NODE_FLAGS chosen by the user
 * (on node's command line or in NODE_OPTIONS).
 */
export function shouldRelaunch(p: LaunchProcess): boolean {
  if (!SIMULATING.has(p.argv[2] ?? '') || p.env[LAUNCHED_ENV] !== undefined) return false;
  const chosen = [...p.execArgv, ...(p.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return !NODE_FLAGS.some((flag) => chosen.some((a) => a.split('=')[0] === flag.split('=')[0]));
}

/**
 * Runs the command in a child node started with NODE_FLAGS (a #! line cannot
 * pass V8 flags portably, and V8 sizes the young generation when the heap is
 * made), and ends this process as the child ends: same exit code, or 128 + n
 * for a child killed by signal n.
 *
 * Signals: this process outlives them and passes each SIGINT and SIGTERM it
 * gets to the child over IPC, once per signal; the child may also get the
 * same signal from the OS (a Ctrl-C reaches the whole process group), and
 * counts a signal that came both ways once (signals.ts), so "a second Ctrl-C
 * stops at once" still means a second Ctrl-C. SIGHUP is passed on as a
 * signal. If this process dies outright, the child sees the IPC channel
 * close and stops at once, removing its temporary folder.
 */
export function relaunch(p: LaunchProcess, onExit: (code: number) => void): void {
  const child = spawn(p.execPath, [...NODE_FLAGS, ...p.execArgv, ...p.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...p.env, [LAUNCHED_ENV]: String(process.pid) },
  });
  const forward = (signal: NodeJS.Signals) => () => {
    if (signal !== 'SIGHUP' && child.connected) child.send({ signal });
    else child.kill(signal);
  };
  const handlers: [NodeJS.Signals, () => void][] = [
    ['SIGINT', forward('SIGINT')],
    ['SIGTERM', forward('SIGTERM')],
    ['SIGHUP', forward('SIGHUP')],
  ];
  for (const [signal, h] of handlers) process.on(signal, h);
  child.on('error', (e) => {
    process.stderr.write(`error: cannot start ${p.execPath} to simulate: ${e.message}\n`);
    onExit(EXIT.usage);
  });
  child.on('exit', (code, signal) => {
    for (const [s, h] of handlers) process.off(s, h);
    onExit(code ?? 128 + (signal !== null ? constants.signals[signal] : 1));
  });
}
