import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '../../src/api/event.js';
import { NotableEvents } from '../../src/io/trace/notable-events.js';
import { formatRunSummary, table } from '../../src/io/trace/print-summary.js';
import type { PrintFacts } from '../../src/io/trace/recorder.js';
import { buildSummary, PodTotals } from '../../src/io/trace/summary.js';

function totals(): PodTotals {
  const pods = new PodTotals();
  pods.count({ phase: 'Running', restarts: 3, evicted: false, unschedulable: false, ending: 'Running' });
  pods.count({ phase: 'Failed', restarts: 0, evicted: true, unschedulable: false, ending: 'Evicted' });
  pods.count({ phase: 'Failed', restarts: 0, evicted: false, unschedulable: false, ending: 'Deleted' });
  pods.count({ phase: 'Pending', restarts: 0, evicted: false, unschedulable: true, ending: 'Pending', failedScheduling: true });
  pods.count({ phase: 'Running', restarts: 0, evicted: false, unschedulable: false, ending: 'Running', failedScheduling: true });
  pods.scheduling.add(0);
  pods.scheduling.add(800);
  pods.startup.add(3200);
  return pods;
}

function summary(pods = totals()) {
  return buildSummary(
    {
      scenario: 's',
      seed: 1,
      scenarioSha256: 'x',
      eventsProcessed: 9,
      workloads: { web: { kind: 'Deployment', desired: 3, min_available: 2, time_below_desired_s: 1510 } },
    },
    3_600_000,
    pods,
    { outages: [{ node: 'n-1', lost_s: 12, recovered_s: 40 }], total: 2, lost: 1, cpuMean: 0.4, memoryMean: 0.3, nodeMs: 0 },
  );
}

const event = (time: number, type: 'Normal' | 'Warning', reason: string, kind: string, name: string, message: string): KubeEvent => ({
  time,
  type,
  reason,
  kind,
  namespace: 'default',
  name,
  node: 'n-1',
  message,
});

function facts(events: readonly KubeEvent[], pods = totals()): PrintFacts {
  const notable = new NotableEvents();
  for (const e of events) notable.add(e);
  return {
    endings: pods.endings,
    failedSchedulingPods: pods.failedScheduling,
    jobs: [{ namespace: 'default', name: 'nightly', completions: '0/1', succeeded: 0, failed: 7, durationS: 754.5, status: 'Failed', reason: 'BackoffLimitExceeded' }],
    events: notable.shown(),
  };
}

describe('formatRunSummary', () => {
  const events = [
    event(12_000, 'Warning', 'FailedScheduling', 'Pod', 'big', '0/2 nodes are available: 2 Insufficient cpu.'),
    event(13_000, 'Warning', 'FailedScheduling', 'Pod', 'big', '0/2 nodes are available: 2 Insufficient cpu.'),
    event(20_000, 'Warning', 'NodeNotReady', 'Pod', 'web-a', 'Node is not ready'),
    event(85_000, 'Normal', 'TaintManagerEviction', 'Pod', 'web-a', 'Marking for deletion Pod default/web-a'),
    event(86_000, 'Normal', 'Started', 'Pod', 'web-b', 'Started container app'),
  ];

  it('prints the run, outages, workloads, Jobs, pods by how they ended, latencies, counts and the events worth reading', () => {
    expect(formatRunSummary(summary(), facts(events))).toBe(
      [
        'SCENARIO   SEED   SIMULATED   NODES   PODS',
        's          1      1h0m0s      2       5',
        '',
        'NODE   LOST   RECOVERED   DOWN',
        'n-1    12s    40s         28s',
        '',
        'WORKLOAD         DESIRED   MIN AVAILABLE   BELOW DESIRED',
        'deployment/web   3         2               25m10s',
        '',
        'JOB           COMPLETIONS   SUCCEEDED   FAILED   DURATION   STATUS   REASON',
        'job/nightly   0/1           0           7        12m34.5s   Failed   BackoffLimitExceeded',
        '',
        'PHASE       PODS',
        'Pending     1',
        'Running     2',
        'Succeeded   0',
        'Failed      0',
        'Unknown     0',
        'Evicted     1      deleted by an eviction (taint manager, Eviction API, kubelet)',
        'Deleted     1      deleted before they finished: replaced by a rollout, scaled down, or removed',
        'Total       5',
        '',
        'Scheduling latency   p50 400ms   p95 760ms   max 800ms',
        'Startup latency      p50 3.2s    p95 3.2s    max 3.2s',
        '',
        'Restarts 3   Evictions 1 (replaced 0)   Preemptions 0   FailedScheduling 2 pods (1 never scheduled)',
        '',
        'LAST SEEN          TYPE      REASON                 OBJECT      MESSAGE',
        '1m25s              Normal    TaintManagerEviction   pod/web-a   Marking for deletion Pod default/web-a',
        '13s (x2 over 1s)   Warning   FailedScheduling       pod/big     0/2 nodes are available: 2 Insufficient cpu.',
        '20s                Warning   NodeNotReady           pod/web-a   Node is not ready',
        '',
      ].join('\n'),
    );
  });

  it('-o wide: p99, and the events with first time, count and node', () => {
    const text = formatRunSummary(summary(), facts(events), { wide: true });
    expect(text).toContain('Scheduling latency   p50 400ms   p95 760ms   p99 792ms   max 800ms');
    expect(text).toContain('LAST SEEN   FIRST SEEN   COUNT   TYPE      REASON                 OBJECT      NODE   MESSAGE');
    expect(text).toContain('13s         12s          2       Warning   FailedScheduling       pod/big     n-1    0/2 nodes');
  });

  it('colours only when asked: bold headers, a failed Job in red, Warnings in yellow', () => {
    expect(formatRunSummary(summary(), facts(events))).not.toContain('\u001b[');
    const text = formatRunSummary(summary(), facts(events), { colour: true });
    expect(text).toContain('\u001b[1mSCENARIO\u001b[0m   ');
    expect(text).toContain('\u001b[31mFailed\u001b[0m   BackoffLimitExceeded');
    expect(text).toContain('\u001b[33mWarning\u001b[0m   FailedScheduling');
  });

  it('says so when there was no Warning, and shows - for latencies never measured', () => {
    const s = buildSummary({ scenario: 's', seed: 1, scenarioSha256: 'x', eventsProcessed: 0 }, 0, new PodTotals(), {
      outages: [],
      total: 0,
      lost: 0,
      cpuMean: 0,
      memoryMean: 0,
      nodeMs: 0,
    });
    const text = formatRunSummary(s, { endings: new Map(), failedSchedulingPods: 0, jobs: [], events: [] });
    expect(text).toContain('Scheduling latency   p50 -   p95 -   max -');
    expect(text).not.toContain('JOB');
    expect(text.endsWith('No Warning events.\n')).toBe(true);
  });

  it('pads columns to the widest cell plus three spaces, without trailing spaces', () => {
    expect(table([['A', 'BB', 'C'], ['long cell', 'x', '']])).toBe('A           BB   C\nlong cell   x');
  });
});

describe('NotableEvents', () => {
  it('keeps the last few of each rank, disruptions first, routine NodeNotReady last, Normal events out', () => {
    const n = new NotableEvents(3);
    for (let i = 0; i < 5; i++) n.add(event(i * 1000, 'Warning', 'NodeNotReady', 'Pod', `p${i}`, 'Node is not ready'));
    n.add(event(9000, 'Warning', 'BackOff', 'Pod', 'c', 'Back-off restarting failed container'));
    n.add(event(9500, 'Normal', 'TaintManagerEviction', 'Pod', 'p1', 'Cancelling deletion of Pod default/p1'));
    n.add(event(9900, 'Normal', 'Killing', 'Pod', 'p1', 'Stopping container app'));
    n.add(event(10_000, 'Normal', 'TaintManagerEviction', 'Pod', 'p0', 'Marking for deletion Pod default/p0'));
    expect(n.shown().map((f) => `${f.event.reason}/${f.event.name}`)).toEqual(['TaintManagerEviction/p0', 'BackOff/c', 'NodeNotReady/p4']);
  });
});
