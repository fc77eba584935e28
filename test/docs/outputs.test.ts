import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENTS_HEADER, TRANSITIONS_HEADER } from '../../src/io/trace/trace-rows.js';
import { NODES_HEADER } from '../../src/io/trace/node-samples.js';
import { PODS_HEADER } from '../../src/io/trace/pod-record.js';
import { WORKLOADS_HEADER } from '../../src/io/trace/workload-series.js';
import { folderWith, run } from '../reliability/files.js';
import { ROOT, blocks } from './blocks.js';

/**
 * docs/outputs.md shows rows of `podsim run scenarios/node-failure.yml`: every
 * CSV row it shows under a file's header is a row of that file, its
 * summary.json is the run's, its run.json has the run's keys, and every
 * column of every file is described in its table.
 */
const CSV: Readonly<Record<string, readonly string[]>> = {
  'pods.csv': PODS_HEADER,
  'transitions.csv': TRANSITIONS_HEADER,
  'events.csv': EVENTS_HEADER,
  'nodes.csv': NODES_HEADER,
  'workloads.csv': WORKLOADS_HEADER,
};

async function flagship(): Promise<string> {
  const dir = folderWith({});
  const r = await run(dir, { scenario: path.join(ROOT, 'scenarios/node-failure.yml'), out: path.join(dir, 'out') });
  expect(r.code).toBe(0);
  return path.join(dir, 'out');
}

const doc = (): string => fs.readFileSync(path.join(ROOT, 'docs/outputs.md'), 'utf8');

describe('docs/outputs.md', () => {
  it('shows rows, a summary.json and a run.json that the flagship run writes', async () => {
    const out = await flagship();
    const shown = blocks('outputs.md');
    let rows = 0;
    for (const [file, header] of Object.entries(CSV)) {
      const lines = fs.readFileSync(path.join(out, file), 'utf8').split('\n');
      const examples = shown.filter((b) => b.lang === 'text' && b.text.startsWith(`${header.join(',')}\n`));
      expect(examples.length, `an example of ${file}`).toBeGreaterThan(0);
      for (const b of examples) {
        for (const row of b.text.trimEnd().split('\n').slice(1)) {
          expect(lines, `docs/outputs.md:${b.line}: a row of ${file}`).toContain(row);
          rows++;
        }
      }
    }
    expect(rows).toBeGreaterThan(10);
    const json = shown.filter((b) => b.lang === 'json').map((b) => JSON.parse(b.text) as Record<string, unknown>);
    const summary = json.find((j) => 'pods' in j);
    expect(summary).toEqual(JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')));
    const runInfo = json.find((j) => 'podsim_version' in j);
    expect(Object.keys(runInfo!)).toEqual(Object.keys(JSON.parse(fs.readFileSync(path.join(out, 'run.json'), 'utf8')) as object));
  });

  it('describes every column of every CSV file and every key of summary.json and run.json', async () => {
    const text = doc();
    const section = (file: string): string => {
      const start = text.indexOf(`\n## ${file}\n`);
      expect(start, file).toBeGreaterThan(0);
      const end = text.indexOf('\n## ', start + 1);
      return text.slice(start, end < 0 ? undefined : end);
    };
    for (const [file, header] of Object.entries(CSV)) {
      for (const column of header) expect(section(file), `${file} ${column}`).toContain(`\`${column}\``);
    }
    const out = await flagship();
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => {
        const name = `${prefix}${k}`;
        if (v === null || typeof v !== 'object' || Array.isArray(v) || /latency|completion_time/.test(k)) return [name];
        if (k === 'workloads') return [name, ...Object.keys(Object.values(v)[0] as object).map((w) => `${name}.*.${w}`)];
        return keys(v as object, `${name}.`);
      });
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as object;
    for (const key of keys(summary).filter((k) => !/^pods\.[A-Z]/.test(k) && k !== 'pods.total')) {
      expect(section('summary.json'), key).toContain(`\`${key}\``);
    }
    const info = JSON.parse(fs.readFileSync(path.join(out, 'run.json'), 'utf8')) as object;
    for (const key of [...Object.keys(info), 'reason']) expect(section('run.json'), key).toContain(`\`${key}\``);
  });
});
