import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { LAUNCHED_ENV } from '../../src/cli/launch.js';
import { ProcessSignals } from '../../src/cli/signals.js';

/** A process as ProcessSignals sees it: signals and IPC messages are emitted by the test; exit records its code. */
function fakeProcess(launched: boolean) {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  const stderr: string[] = [];
  let unrefs = 0;
  const proc = {
    env: launched ? { [LAUNCHED_ENV]: '1' } : {},
    on: (event: string, listener: (...args: never[]) => void) => emitter.on(event, listener as (...args: unknown[]) => void),
    ...(launched ? { send: () => true, channel: { unref: () => void unrefs++ } } : {}),
    stderr: { write: (t: string) => stderr.push(t) },
    exit: ((code: number) => {
      exits.push(code);
    }) as (code: number) => never,
  };
  return { proc, emit: (event: string, ...args: unknown[]) => emitter.emit(event, ...args), exits, stderr, unrefs: () => unrefs };
}

describe('ProcessSignals', () => {
  it('the first SIGINT or SIGTERM goes to the handler; a second abandons and ends the process at once with 128 + n', () => {
    const p = fakeProcess(false);
    const signals = new ProcessSignals(p.proc);
    signals.install();
    const heard: string[] = [];
    let abandoned = 0;
    signals.onInterrupt((s) => heard.push(s), () => void abandoned++);
    p.emit('SIGTERM');
    expect(heard).toEqual(['SIGTERM']);
    expect(p.exits).toEqual([]);
    p.emit('SIGINT');
    expect(heard).toEqual(['SIGTERM']);
    expect(abandoned).toBe(1);
    expect(p.exits).toEqual([130]);
    expect(p.stderr.join('')).toBe('stopped at once: nothing was written\n');
  });

  it('a signal with no handler registered (loading, printing) ends the process at once', () => {
    const p = fakeProcess(false);
    const signals = new ProcessSignals(p.proc);
    signals.install();
    const unregister = signals.onInterrupt(() => {
      throw new Error('not registered any more');
    });
    unregister();
    p.emit('SIGTERM');
    expect(p.exits).toEqual([143]);
    expect(p.stderr).toEqual([]);
  });

  it('SIGHUP ends the process at once, after the cleanup, with 129', () => {
    const p = fakeProcess(false);
    const signals = new ProcessSignals(p.proc);
    signals.install();
    let abandoned = 0;
    signals.onInterrupt(() => {}, () => void abandoned++);
    p.emit('SIGHUP');
    expect(abandoned).toBe(1);
    expect(p.exits).toEqual([129]);
  });

  it('launched: a signal that came both from the OS and from the launcher counts once, in either order', () => {
    const p = fakeProcess(true);
    const signals = new ProcessSignals(p.proc);
    signals.install();
    expect(p.unrefs()).toBe(1);
    const heard: string[] = [];
    signals.onInterrupt((s) => heard.push(s));
    p.emit('message', { signal: 'SIGINT' });
    p.emit('SIGINT');
    expect(heard).toEqual(['SIGINT']);
    expect(p.exits).toEqual([]);
    // A second Ctrl-C: the OS copy first this time.
    p.emit('SIGINT');
    expect(p.exits).toEqual([130]);
  });

  it('launched: a kill of one process only (OS or launcher) counts, and other messages are ignored', () => {
    for (const first of [() => ['SIGTERM'], () => ['message', { signal: 'SIGTERM' }]] as const) {
      const p = fakeProcess(true);
      const signals = new ProcessSignals(p.proc);
      signals.install();
      const heard: string[] = [];
      signals.onInterrupt((s) => heard.push(s));
      p.emit('message', { hello: 1 });
      p.emit('message', 'SIGINT');
      const [event, ...args] = first();
      p.emit(event as string, ...args);
      expect(heard).toEqual(['SIGTERM']);
      expect(p.exits).toEqual([]);
    }
  });

  it('launched: the launcher going away (killed outright) stops at once, after the cleanup', () => {
    const p = fakeProcess(true);
    const signals = new ProcessSignals(p.proc);
    signals.install();
    let abandoned = 0;
    signals.onInterrupt(() => {}, () => void abandoned++);
    p.emit('disconnect');
    expect(abandoned).toBe(1);
    expect(p.exits).toEqual([130]);
  });
});
