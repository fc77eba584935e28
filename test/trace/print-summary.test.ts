import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '../../src/api/event.js';
import { formatRunSummary, table } from '../../src/io/trace/print-summary.js';
import { buildSummary, PodTotals } from '../../src/io/trace/summary.js';

function summary() {
  const pods = new PodTotals();
  pods.count({ phase: 'Running', restarts: 3, evicted: false, unschedulable: false });
  pods.count({ phase: 'Failed', restarts: 0, evicted: true, unschedulable: false });
  pods.count({ phase: 'Pending', restarts: 0, evicted: false, unschedulable: true });
  pods.scheduling.add(0);
  pods.scheduling.add(800);
  pods.startup.add(3200);
  return buildSummary({ scenario: 's', seed: 1, scenarioSha256: 'x', eventsProcessed: 9 }, 60_000, pods, {
    outages: [{ node: 'n-1', lost_s: 12, recovered_s: 40 }],
    total: 2,
    lost: 1,
    cpuMean: 0.4,
    memoryMean: 0.3,
    nodeMs: 0,
  });
}

const warning = (time: number, reason: string, kind: string, name: string, message: string): KubeEvent => ({
  time,
  type: 'Warning',
  reason,
  kind,
  namespace: 'default',
  name,
  node: '',
  message,
});

describe('formatRunSummary', () => {
  it('prints phases, latencies, counts, node outages and the last warnings as kubectl-style tables', () => {
    const text = formatRunSummary(summary(), [
      warning(12_000, 'FailedScheduling', 'Pod', 'big', '0/2 nodes are available: 2 Insufficient cpu.'),
      warning(85_000, 'BackOff', 'Pod', 'web-x7k2p', 'Back-off restarting failed container app in pod web-x7k2p_default(uid)'),
    ]);
    expect(text).toBe(
      [
        'PHASE       PODS',
        'Pending     1',
        'Running     1',
        'Succeeded   0',
        'Failed      1',
        'Unknown     0',
        'Total       3',
        '',
        'Scheduling latency   p50 0.400s   p95 0.760s   max 0.800s',
        'Startup latency      p50 3.200s   p95 3.200s   max 3.200s',
        '',
        'Restarts 3   Evictions 1 (replaced 0)   Preemptions 0   Unschedulable pods 1',
        '',
        'NODE   LOST      RECOVERED   DOWN',
        'n-1    12.000s   40.000s     28.000s',
        '',
        'LAST SEEN   TYPE      REASON             OBJECT          MESSAGE',
        '12.000s     Warning   FailedScheduling   pod/big         0/2 nodes are available: 2 Insufficient cpu.',
        '85.000s     Warning   BackOff            pod/web-x7k2p   Back-off restarting failed container app in pod web-x7k2p_default(uid)',
        '',
      ].join('\n'),
    );
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
    const text = formatRunSummary(s, []);
    expect(text).toContain('Scheduling latency   p50 -   p95 -   max -');
    expect(text.endsWith('No Warning events.\n')).toBe(true);
  });

  it('pads columns to the widest cell plus three spaces, without trailing spaces', () => {
    expect(table([['A', 'BB', 'C'], ['long cell', 'x', '']])).toBe('A           BB   C\nlong cell   x');
  });
});
