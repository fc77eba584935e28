import { describe, expect, it } from 'vitest';
import { explainText, type ExplainJson } from '../../src/cli/explain-format.js';

/** Seven feasible nodes and six filtered out: the text shows the top 5 and 4 names per group; -o wide all of them. */
const report: ExplainJson = {
  pod: 'default/web-0',
  attempts: [
    {
      time_s: 0,
      result: 'Scheduled',
      node: 'n-6',
      message: 'Successfully assigned default/web-0 to n-6',
      nodes: [
        ...Array.from({ length: 7 }, (_, i) => ({ node: `n-${i}`, filter: { passed: true as const }, scores: { NodeResourcesFit: 10 * i }, total: 10 * i })),
        ...Array.from({ length: 6 }, (_, i) => ({ node: `full-${i}`, filter: { passed: false as const, plugin: 'NodeResourcesFit', reasons: ['Insufficient cpu'] } })),
      ],
    },
  ],
  phases: [{ time_s: 0, what: 'created (Pending)' }],
};

describe('explainText', () => {
  it('shows the top 5 feasible nodes and 4 names per verdict group', () => {
    const text = explainText(report);
    expect(text).toContain('(2 more feasible)');
    expect(text).toContain('6 nodes: Insufficient cpu (NodeResourcesFit) [full-0, full-1, full-2, full-3, ...]');
    expect(text).not.toMatch(/^ {4}n-0 /m);
  });

  it('-o wide: every feasible node and every name', () => {
    const text = explainText(report, true);
    expect(text).not.toContain('more feasible');
    expect(text).toContain('[full-0, full-1, full-2, full-3, full-4, full-5]');
    expect(text).toMatch(/^ {4}n-0 /m);
  });
});
