import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportCommand, reportHtml } from '../../src/cli/report.js';
import { runCommand } from '../../src/cli/run.js';
import { ROOT, tempDir } from '../cli/run-cli.js';
import { testContext } from '../support/context.js';

/**
 * The report pages, byte for byte against reviewed copies (open them in a
 * browser to review): a run folder (node-failure's golden trace, copied so
 * that trace changes elsewhere do not move it) and a sweep folder written
 * to the sweep.csv layout of io/report/sweep-folder.ts. Regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run test/report` after an intended change.
 */
const FIXTURES = path.join(ROOT, 'test/fixtures/report');

function golden(name: string, html: string): void {
  const file = path.join(FIXTURES, `${name}.html`);
  if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, html);
  expect(html).toBe(fs.readFileSync(file, 'utf8'));
}

/** Nothing that a browser would fetch or run: no script, no external URL, no src/href, no url() but the page's own pattern. */
function expectSelfContained(html: string): void {
  expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|\ssrc=|\shref=/i);
  expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:\/\//);
  expect(html.match(/url\([^)]*\)/g)?.every((u) => u === 'url(#not-ready)') ?? true).toBe(true);
}

describe('run report', () => {
  const dir = path.join(FIXTURES, 'node-failure');

  it('matches the reviewed page byte for byte, and is self-contained', () => {
    const html = reportHtml(dir);
    golden('node-failure', html);
    expectSelfContained(html);
  });

  it('marks the outages, charts each workload and lists the Warning events', () => {
    const html = reportHtml(dir);
    // summary.json: zone-a-0 lost 175 s, recovered 730 s; zone-a-1 295 s to 430 s.
    expect(html).toContain('zone-a-0 not Ready 2m55s–12m10s');
    expect(html).toContain('zone-a-1 not Ready 4m55s–7m10s');
    expect(html).toContain('data-chart="workload daemonset/node-exporter"');
    expect(html).toContain('data-chart="workload deployment/web"');
    expect(html.match(/<td>NodeNotReady<\/td>/g)).toHaveLength(6);
    for (const chart of ['phases', 'cpu heat map', 'memory heat map', 'scheduling latency', 'startup latency', 'restarts', 'evictions']) {
      expect(html).toContain(`data-chart="${chart}"`);
    }
  });

  it('podsim run --report writes the same page as podsim report on the folder', async () => {
    const out = path.join(tempDir(), 'out');
    const ctx = testContext(ROOT);
    expect(await runCommand({ scenario: path.join(ROOT, 'scenarios/node-failure.yml'), out, set: [], report: true }, ctx)).toBe(0);
    const first = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(ctx.out.join('')).toContain(`wrote ${path.join(out, 'report.html')}`);
    expect(reportCommand({ dir: out }, testContext(ROOT))).toBe(0);
    expect(fs.readFileSync(path.join(out, 'report.html'), 'utf8')).toBe(first);
    expect(first).toBe(reportHtml(dir)); // the golden trace is this run's
  });

  it('reads workloads.csv when the run folder has one (columns time_s, kind, namespace, name, desired, available)', () => {
    const copy = tempDir();
    fs.cpSync(dir, copy, { recursive: true });
    fs.writeFileSync(
      path.join(copy, 'workloads.csv'),
      'time_s,kind,namespace,name,desired,available\n0.000,Deployment,default,web,9,0\n1.000,Deployment,default,web,9,9\n175.000,Deployment,default,web,9,7\n481.000,Deployment,default,web,9,9\n',
    );
    const html = reportHtml(copy);
    expect(html).toContain('from workloads.csv');
    expect(html).toContain('data-chart="workload deployment/web"');
    expect(html).not.toContain('data-chart="workload daemonset/node-exporter"'); // only what workloads.csv lists
  });

  it('a folder that is not a run: exit 2 naming it, nothing written', () => {
    const empty = tempDir();
    const ctx = testContext(ROOT);
    expect(reportCommand({ dir: empty }, ctx)).toBe(2);
    expect(ctx.err.join('')).toContain('is not a run folder: it has no summary.json');
    expect(fs.readdirSync(empty)).toEqual([]);
  });
});

describe('sweep report', () => {
  const dir = path.join(FIXTURES, 'capacity-sweep');

  it('matches the reviewed page byte for byte, and is self-contained', () => {
    const html = reportHtml(dir);
    golden('capacity-sweep', html);
    expectSelfContained(html);
  });

  it('draws each metric with its SLO line and the chosen point', () => {
    const html = reportHtml(dir);
    // The folder `podsim sweep scenarios/sweeps/capacity.yml` wrote (sweep.csv and the Sweep's copy): the answer it printed.
    expect(html).toContain('chosen: nodes=15, per_zone=5');
    for (const m of ['startup_p95_s', 'web_dip_s', 'web_dip_depth', 'pending', 'nightly_s', 'node_seconds']) expect(html).toContain(`data-chart="sweep ${m}"`);
    // SLOs over a metric's own expression are lines on its chart; jobs.completed is no metric, so no line.
    expect(html).toContain('SLO web_back_in_7m: max(below_desired_s[deployment/web]) &lt; 420');
    expect(html).toContain('SLO nothing_pending: pods.Pending == 0');
    expect(html).not.toContain('SLO nightly_done');
    expect(html.match(/<circle /g)).toHaveLength(25 * 6); // 25 runs, 6 metrics
  });
});
