import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { NODE_FLAGS } from './node-flags.js';

/**
 * Set in the environment of the node that `relaunch` starts, so that it runs
 * the command itself: the launching process's pid, which names the run's
 * temporary folder (the pid users and tools see).
 */
export const LAUNCHED_ENV = 'PODSIM_LAUNCHED';

/** The commands that simulate, and so run faster under NODE_FLAGS. */
const SIMULATING = new Set(['run', 'explain']);

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
 * Signals: the child ignores SIGINT and hears it from this process over IPC,
 * once per SIGINT this process gets. A Ctrl-C at the terminal reaches both
 * processes (one process group), and a `kill -INT` only this one: either way
 * the child hears it exactly once, so "a second Ctrl-C stops at once" still
 * means a second Ctrl-C. SIGTERM and SIGHUP are passed on as signals. If this
 * process dies outright, the child sees the IPC channel close and stops as
 * on a second Ctrl-C.
 */
export function relaunch(p: LaunchProcess, onExit: (code: number) => void): void {
  const child = spawn(p.execPath, [...NODE_FLAGS, ...p.execArgv, ...p.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...p.env, [LAUNCHED_ENV]: String(process.pid) },
  });
  const forwardInterrupt = () => {
    if (child.connected) child.send({ signal: 'SIGINT' });
    else child.kill('SIGINT');
  };
  const forward = (signal: NodeJS.Signals) => () => void child.kill(signal);
  const handlers: [NodeJS.Signals, () => void][] = [
    ['SIGINT', forwardInterrupt],
    ['SIGTERM', forward('SIGTERM')],
    ['SIGHUP', forward('SIGHUP')],
  ];
  for (const [signal, h] of handlers) process.on(signal, h);
  child.on('exit', (code, signal) => {
    for (const [s, h] of handlers) process.off(s, h);
    onExit(code ?? 128 + (signal !== null ? constants.signals[signal] : 1));
  });
}

/**
 * In a child started by `relaunch`: `handler` runs for each SIGINT the parent
 * passes on; the process's own SIGINT (the terminal's copy) is ignored; a
 * parent that went away counts as a second interrupt (`onGone`).
 * Returns an unregister function. Undefined when this process was not
 * started by relaunch.
 */
export function launchedInterrupts(handler: () => void, onGone: () => void): (() => void) | undefined {
  if (process.env[LAUNCHED_ENV] === undefined || process.send === undefined) return undefined;
  const onMessage = (m: unknown) => {
    if (typeof m === 'object' && m !== null && (m as { signal?: unknown }).signal === 'SIGINT') handler();
  };
  const ignore = () => {};
  process.on('message', onMessage);
  process.on('SIGINT', ignore);
  process.on('disconnect', onGone);
  process.channel?.ref();
  return () => {
    process.off('message', onMessage);
    process.off('SIGINT', ignore);
    process.off('disconnect', onGone);
    process.channel?.unref();
  };
}
