import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '../../src/api/event.js';
import { loadRunnable } from '../../src/sim/load-runnable.js';
import type { Scenario } from '../../src/model/scenario.js';
import type { Pace } from '../../src/sim/pace.js';
import { RunLoop, type Ticker } from '../../src/sim/run-loop.js';
import { POD, SCENARIO, folderWith } from '../reliability/files.js';

/** A crash-looping pod on 2 nodes for 10 simulated minutes: events at many instants. */
function scenario(spec = '  duration: 10m\n'): Scenario {
  const text =
    SCENARIO(`${spec}  nodePools: [{name: w, count: 2, allocatable: {cpu: "2", memory: 4Gi}, images: [busybox:1.36]}]
  behaviors: [{match: {labels: {app: crash}}, run: {duration: 3s, exitCode: 1}}]
`) + POD('crash');
  const dir = folderWith({ 's.yml': text });
  const { scenario: s, diagnostics } = loadRunnable(path.join(dir, 's.yml'), []);
  if (!s) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return s;
}

/** What the run did, event by event: time and reason of each Kubernetes event, and the ticks between them. */
function recorder(loop: RunLoop, tickEveryMs?: number): { log: string[]; ticker?: Ticker } {
  const log: string[] = [];
  const watcher = { eventRecorded: (e: KubeEvent) => void log.push(`${loop.clock.now} ${e.reason}`) };
  if (tickEveryMs === undefined) {
    loop.observe(watcher);
    return { log };
  }
  let next = 0;
  const ticker: Ticker = {
    name: 'ticks',
    get nextTickMs() {
      return next;
    },
    tick: () => {
      log.push(`${loop.clock.now} tick`);
      next += tickEveryMs;
    },
  };
  loop.observe(watcher, ticker);
  return { log, ticker };
}

/** A pace that is always due and counts its pauses; `onPause` runs at the n-th. */
function countingPace(onPause?: (n: number) => void): Pace & { pauses: number } {
  const pace = {
    pauses: 0,
    due: () => true,
    pause: async () => {
      pace.pauses++;
      onPause?.(pace.pauses);
    },
  };
  return pace;
}

describe('RunLoop', () => {
  it('runs to the horizon; pacing changes when it yields, never what happens', async () => {
    const plain = new RunLoop(scenario());
    const a = recorder(plain);
    const r1 = await plain.run();
    const pace = countingPace();
    const paced = new RunLoop(scenario(), { pace });
    const b = recorder(paced);
    const r2 = await paced.run();
    expect(r1).toMatchObject({ status: 'complete', endMs: 600_000, ticks: 0, stalled: false });
    expect(r2).toEqual(r1);
    expect(b.log).toEqual(a.log);
    expect(pace.pauses).toBeGreaterThan(0);
  });

  it('takes ticks in time order with the events (after every event at their instant), to the horizon; they fire no event', async () => {
    const bare = new RunLoop(scenario());
    const events = recorder(bare).log;
    const r0 = await bare.run();
    const loop = new RunLoop(scenario());
    const { log } = recorder(loop, 60_000);
    const r = await loop.run();
    expect(r.eventsProcessed).toBe(r0.eventsProcessed);
    expect(r.ticks).toBe(11); // 0, 1 min, ..., 10 min
    expect(log.filter((l) => !l.endsWith(' tick'))).toEqual(events);
    const times = log.map((l) => Number(l.split(' ')[0]));
    expect(times).toEqual([...times].sort((x, y) => x - y));
    // The tick at 0 comes after every event at 0.
    const firstTick = log.indexOf('0 tick');
    expect(log.slice(firstTick + 1).every((l) => Number(l.split(' ')[0]) > 0)).toBe(true);
  });

  it('counts ticks towards maxEvents, and says how many of each', async () => {
    const loop = new RunLoop(scenario('  duration: 1000h\n'), { maxEvents: 300 });
    recorder(loop, 1_000);
    const r = await loop.run();
    expect(r.status).toBe('incomplete');
    expect(r.eventsProcessed + r.ticks).toBe(300);
    expect(r.reason).toBe(`stopped after --max-events 300 events (${r.eventsProcessed} simulation events, ${r.ticks} ticks) at t=${(r.endMs / 1000).toFixed(3)}s`);
  });

  it('stops on interrupt at the end of the instant in progress: the run of that instant as horizon', async () => {
    let loop: RunLoop | undefined;
    const pace = countingPace((n) => n === 3 && loop?.interrupt('SIGTERM'));
    loop = new RunLoop(scenario('  duration: 1000h\n'), { pace });
    const { log } = recorder(loop, 10_000);
    const r = await loop.run();
    expect(r).toMatchObject({ status: 'interrupted', signal: 'SIGTERM', reason: `interrupted (SIGTERM) at t=${(r.endMs / 1000).toFixed(3)}s` });
    expect(r.endMs).toBeLessThan(3_600_000_000);

    const to = new RunLoop({ ...scenario(), durationMs: r.endMs });
    const again = recorder(to, 10_000);
    const r2 = await to.run();
    expect(r2).toMatchObject({ status: 'complete', endMs: r.endMs, eventsProcessed: r.eventsProcessed });
    expect(again.log).toEqual(log);
  });

  it('cuts an instant denser than finishInstantEvents at an event boundary, and says so', async () => {
    // 40 pods created at t=0: far more than 5 events at that instant.
    const dense = () => {
      const pods = Array.from({ length: 40 }, (_, i) => POD(`p${i}`)).join('');
      const dir = folderWith({ 's.yml': SCENARIO(`  duration: 10m\n  nodePools: [{name: w, count: 4, allocatable: {cpu: "64", memory: 64Gi}}]\n`) + pods });
      const { scenario: s } = loadRunnable(path.join(dir, 's.yml'), []);
      return s!;
    };
    let loop: RunLoop | undefined;
    const pace = countingPace((n) => n === 1 && loop?.interrupt('SIGINT'));
    loop = new RunLoop(dense(), { pace, finishInstantEvents: 5 });
    const r = await loop.run();
    expect(r).toMatchObject({ status: 'interrupted', signal: 'SIGINT', endMs: 0, reason: 'interrupted (SIGINT) at t=0.000s, partway through that instant' });
    const whole = await new RunLoop({ ...dense(), durationMs: 0 }).run();
    expect(r.eventsProcessed).toBeLessThan(whole.eventsProcessed);
    expect(r.eventsProcessed).toBeLessThanOrEqual(8 + 5); // the look before the pause, then 5

    // Under the bound, the instant is finished as before.
    let loop2: RunLoop | undefined;
    loop2 = new RunLoop(dense(), { pace: countingPace((n) => n === 1 && loop2?.interrupt('SIGINT')) });
    const r2 = await loop2.run();
    expect(r2).toMatchObject({ status: 'interrupted', endMs: 0, eventsProcessed: whole.eventsProcessed, reason: 'interrupted (SIGINT) at t=0.000s' });
  });

  it('a signal heard as the run reaches its horizon interrupts nothing', async () => {
    const loop = new RunLoop(scenario('  duration: 10m\n'));
    let next = 0;
    // The last step is the tick at the horizon; the signal comes during it.
    loop.observe({}, {
      name: 'ticks',
      get nextTickMs() {
        return next;
      },
      tick: () => {
        if (loop.clock.now === 600_000) loop.interrupt('SIGINT');
        next += 60_000;
      },
    });
    const r = await loop.run();
    expect(r).toMatchObject({ status: 'complete', endMs: 600_000 });
    expect(r.signal).toBeUndefined();
  });
});
