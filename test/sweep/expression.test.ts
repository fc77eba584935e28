import { describe, expect, it } from 'vitest';
import { evaluate, holds, type RunData } from '../../src/sweep/evaluate.js';
import { ExpressionError, parseCondition, parseMetric } from '../../src/sweep/expression.js';

const RUN: RunData = {
  summary: {
    startup_latency_s: { p50: 1, p95: 12.5, p99: 20, max: 31 },
    jobs: { completed: 2, failed: 0, completion_time_s: { p50: 300, p95: null, p99: null, max: 700 } },
    pods: { Pending: 3 },
    workloads: { web: { time_below_desired_s: 340.5 } },
    nodes: { node_seconds: 36000 },
  },
  dips: [
    { workload: 'deployment/web', namespace: 'default', start_s: 100, length_s: 120, depth: 3 },
    { workload: 'daemonset/agent', namespace: 'kube-system', start_s: 150, length_s: 400, depth: 1 },
    { workload: 'deployment/web', namespace: 'default', start_s: 900, length_s: 60, depth: 5 },
  ],
};

const value = (text: string) => evaluate(parseMetric(text), RUN);
const met = (text: string) => holds(parseCondition(text), RUN);

describe('metric expressions over one run', () => {
  it.each([
    ['p95(startup_s)', 12.5],
    ['max(startup_s)', 31],
    ['p50(job_completion_s)', 300],
    ['jobs.failed', 0],
    ['pods.Pending', 3],
    ['workloads.web.time_below_desired_s', 340.5],
    ['workloads[web].time_below_desired_s', 340.5],
    ['max(below_desired_s[deployment/web])', 120],
    ['sum(below_desired_s[deployment/web])', 180],
    ['count(below_desired_s[Deployment/web])', 2],
    ['max(shortfall[deployment/web])', 5],
    ['max(below_desired_s[daemonset/kube-system/agent])', 400],
    ['max(below_desired_s)', 400],
    ['max(below_desired_s[deployment/api])', 0],
    ['nodes.node_seconds / 3600', 10],
    ['-(1 + 2) * 3 - 1', -10],
    ['2 * 3 + 4 / 2', 8],
  ])('%s = %s', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it('a missing value is null, and so is what is computed from it', () => {
    expect(value('p95(job_completion_s)')).toBeNull();
    expect(value('jobs.nope')).toBeNull();
    expect(value('jobs.completed + jobs.nope')).toBeNull();
    expect(value('1 / 0')).toBeNull();
  });
});

describe('SLO conditions over one run', () => {
  it.each([
    ['p95(startup_s) < 30', true],
    ['p95(startup_s) < 12.5', false],
    ['p95(startup_s) <= 12.5', true],
    ['jobs.failed == 0', true],
    ['jobs.failed != 0', false],
    ['max(below_desired_s[deployment/web]) < 120', false],
    ['max(below_desired_s[deployment/web]) >= 120', true],
    ['pods.Pending > 2', true],
    // a value that is missing never meets an SLO, whichever way it is written
    ['p95(job_completion_s) < 600', false],
    ['p95(job_completion_s) >= 600', false],
  ])('%s is %s', (text, expected) => {
    expect(met(text)).toBe(expected);
  });
});

describe('syntax errors name the character', () => {
  const offset = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof ExpressionError) return [e.offset, e.message];
      throw e;
    }
    throw new Error('no error');
  };
  it.each([
    ['p95(startup_s)', 14, 'expected a comparison'],
    ['p95(startup_s) < ', 17, 'expected a number'],
    ['p42(startup_s) < 3', 0, 'startup_s has no aggregate "p42" (it has p50, p95, p99, max)'],
    ['p95(cpu) < 3', 4, 'unknown series "cpu"'],
    ['sum(startup_s) < 3', 0, 'startup_s has no aggregate "sum"'],
    ['p95(startup_s[web]) < 3', 13, 'startup_s is not per workload'],
    ['jobs.failed == 0 0', 17, 'unexpected "0"'],
    ['(jobs.failed == 0', 13, 'expected ")"'],
  ])('%s', (text, at, message) => {
    const [o, m] = offset(() => parseCondition(text));
    expect(o).toBe(at);
    expect(m).toContain(message);
  });

  it('a metric has no comparison', () => {
    expect(() => parseMetric('jobs.failed == 0')).toThrow(/unexpected "== 0"/);
  });
});
