import { describe, expect, it } from 'vitest';
import { formatReport, growthExponent, type RunFigures } from '../../bench/e2e.bench.js';

const run = (shape: RunFigures['shape'], nodes: number, cpuS: number, o: Partial<RunFigures> = {}): RunFigures => ({
  shape,
  nodes,
  wallS: cpuS,
  cpuS,
  peakRssBytes: 100 * 2 ** 20,
  pods: nodes * 10,
  events: nodes * 30,
  simulatedS: 1800,
  status: 'complete',
  ...o,
});

describe('the e2e suite figures', () => {
  it('fits cost ~ nodes^k by least squares on logs', () => {
    expect(growthExponent([500, 1000, 5000, 10000].map((n) => ({ nodes: n, cpuS: 0.002 * n })))).toBeCloseTo(1, 10);
    expect(growthExponent([500, 1000, 5000].map((n) => ({ nodes: n, cpuS: 1e-6 * n * n })))).toBeCloseTo(2, 10);
  });

  it('prints each target beside its figure, and says when one is missed', () => {
    const series = [{ shape: 'job' as const, title: '', runs: [run('job', 1000, 2), run('job', 5000, 20)], exponent: 1.43, exponentAtTop: 1.43 }];
    const text = formatReport(series, [run('mixed', 5000, 8), run('million', 10000, 70, { peakRssBytes: 900 * 2 ** 20 })], [
      { workload: 'SchedulingBasic', nodes: 5000, isolated: 100_000, inSimulation: 60_000, ratio: 0.6 },
    ]);
    expect(text).toMatch(/^job\s+1\.43\s+1\.43\s+<= 1\.1\s+NO$/m);
    expect(text).toMatch(/^mixed 5000 wall\s+8\.00 s\s+< 10 s\s+yes$/m);
    expect(text).toMatch(/^million 10000 wall \(100,000 pods\)\s+70\.00 s\s+< 60 s\s+NO$/m);
    expect(text).toMatch(/^million 10000 peak RSS\s+900 MB\s+< 1,024 MB\s+yes$/m);
    expect(text).toMatch(/^SchedulingBasic in the simulation \/ isolated\s+0\.60\s+>= 0\.5\s+yes$/m);
  });

  it('shows a smaller run (--quick) beside a target without judging it', () => {
    const text = formatReport([], [run('mixed', 500, 3), run('million', 1000, 20)], [
      { workload: 'SchedulingBasic', nodes: 500, isolated: 10_000, inSimulation: 9_000, ratio: 0.9 },
    ]);
    expect(text).toMatch(/^mixed 500 wall\s+3\.00 s\s+< 10 s\s+n\/a \(5,000 nodes\)$/m);
    expect(text).toMatch(/^million 1000 peak RSS\s+100 MB\s+< 1,024 MB\s+n\/a \(10,000 nodes\)$/m);
    expect(text).toMatch(/^SchedulingBasic in the simulation \/ isolated\s+0\.90\s+>= 0\.5\s+n\/a \(5,000 nodes\)$/m);
  });

  it("judges the loader's run at 100,000 Pods only", () => {
    const full = formatReport([], [], [], { pods: 100_000, bytes: 17.5 * 2 ** 20, wallS: 0.9 });
    expect(full).toMatch(/^validate 100,000 Pods wall \(18 MB\)\s+0\.90 s\s+~ 1 s\s+yes$/m);
    const quick = formatReport([], [], [], { pods: 10_000, bytes: 2 ** 20, wallS: 0.5 });
    expect(quick).toMatch(/^validate 10,000 Pods wall \(1 MB\)\s+0\.50 s\s+~ 1 s\s+n\/a \(100,000 Pods\)$/m);
  });
});
