import { describe, expect, it } from 'vitest';
import { renderSweepReport, type SweepPoint } from '../../src/report/sweep-report.js';

const point = (type: string, mean: number): SweepPoint => ({ params: { type }, mean: { cost: mean }, low: { cost: mean - 1 }, high: { cost: mean + 1 }, runs: { cost: [mean] } });

describe('a sweep over a text parameter (instance types)', () => {
  it('places the values in grid order on the x axis, labelled as written, with no NaN', () => {
    const html = renderSweepReport({
      name: 'types',
      parameters: ['type'],
      metrics: ['cost'],
      slos: [],
      points: [point('m5.large', 10), point('c5.xlarge', 12), point('r5.large', 11)],
      chosen: { type: 'c5.xlarge' },
      runCount: 3,
    });
    expect(html).not.toContain('NaN');
    const labels = [...html.matchAll(/text-anchor="middle">([a-z0-9.]+)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual(expect.arrayContaining(['m5.large', 'c5.xlarge', 'r5.large']));
    expect(html.indexOf('>m5.large<')).toBeLessThan(html.indexOf('>c5.xlarge<'));
    expect(html).toContain('chosen c5.xlarge');
  });
});
