import { describe, expect, it } from 'vitest';
import { Backoff } from '../../src/kubelet/backoff.js';
import { container, makePod, s, World } from './world.js';

/** worked-examples.md §1: one container, image present, start 2 s, runs 3 s, exits 1, restartPolicy Always. */
function crashLoop(runs = 3) {
  const w = new World({ kubelet: { containerStartLatencyMs: s(2) } });
  w.addNode('n1', ['app:1']);
  const pod = w.submit(makePod('crash', { containers: [container('app', { image: 'app:1', runs, exitCode: 1 })] }), 'n1');
  return { w, pod };
}

describe('CrashLoopBackOff (worked example §1)', () => {
  const { w, pod } = crashLoop();
  w.run(700);

  it('starts at 2, 7, 22, 47, 92, 177, 342, 647', () => {
    expect(w.times('crash', 'Started')).toEqual([2, 7, 22, 47, 92, 177, 342, 647]);
  });

  it('restarts at once after the first exit, then 10, 20, 40, 80, 160 and 300 s after each finish', () => {
    expect(w.restartTimes('crash')).toEqual([5, 20, 45, 90, 175, 340, 645]);
  });

  it('reports BackOff at every exit but the first', () => {
    expect(w.times('crash', 'BackOff')).toEqual([10, 25, 50, 95, 180, 345, 650]);
    const [, , message] = w.eventsOf('crash').find(([, r]) => r === 'BackOff') ?? [];
    expect(message).toBe('Back-off restarting failed container app in pod crash_default(uid-crash)');
  });

  it('stays Running the whole time', () => {
    expect(w.transitions('crash')).toEqual([[2, 'Pending', 'Running', 'Started']]);
    expect(pod.status.phase).toBe('Running');
  });

  it('shows CrashLoopBackOff with the back-off in effect while waiting', () => {
    const st = pod.status.containerStatuses[0];
    expect(st?.state).toEqual({
      state: 'waiting',
      reason: 'CrashLoopBackOff',
      message: 'back-off 5m0s restarting failed container=app pod=crash_default(uid-crash)',
    });
    expect(st?.lastTerminationState).toMatchObject({ exitCode: 1, reason: 'Error', startedAt: s(647), finishedAt: s(650) });
    expect(st?.restartCount).toBe(7);
  });

  it('gives every start Pulled (already present), Created then Started', () => {
    expect(w.eventsOf('crash').slice(0, 3)).toEqual([
      [0, 'Pulled', 'Container image "app:1" already present on machine'],
      [2, 'Created', 'Created container: app'],
      [2, 'Started', 'Started container app'],
    ]);
    expect(w.times('crash', 'Pulled')).toEqual([0, 5, 20, 45, 90, 175, 340, 645]);
  });
});

describe('the crash-loop back-off reset', () => {
  it('restarts at once, every time, a container that ran more than 10 minutes', () => {
    const { w } = crashLoop(660);
    w.run(3000);
    // starts at 2, exits at 662; restarts at once: 664, exits 1324; ...
    expect(w.restartTimes('crash')).toEqual([662, 1324, 1986, 2648]);
    expect(w.times('crash', 'BackOff')).toEqual([]);
  });

  it('goes back to the initial back-off when more than resetAfter passed since the last restart', () => {
    const b = new Backoff(s(10), s(300), s(600));
    const k = 'uid_app';
    // §1's restarts: each doBackOff that lets a restart through moves the back-off on
    const restarts: [number, number, number][] = [
      [5, 5, 10],
      [10, 20, 20],
      [25, 45, 40],
      [50, 90, 80],
      [95, 175, 160],
      [180, 340, 300],
      [345, 645, 300],
    ];
    for (const [finishedAt, now, backoff] of restarts) {
      expect(b.isInBackOffSince(k, s(finishedAt), s(now))).toBe(false);
      b.next(k, s(finishedAt), s(now));
      expect(b.get(k)).toBe(s(backoff));
    }
    // started at 647, it now runs 11 minutes before failing: no back-off, and the next one is 10 s
    const finishedAt = s(647 + 660);
    expect(b.isInBackOffSince(k, finishedAt, finishedAt)).toBe(false);
    b.next(k, finishedAt, finishedAt);
    expect(b.get(k)).toBe(s(10));
  });
});
