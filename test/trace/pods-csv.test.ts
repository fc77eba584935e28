import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newRecord, type PodOutcome } from '../../src/io/trace/pod-record.js';
import { PodsCsv } from '../../src/io/trace/pods-csv.js';
import { makePod, tempDir } from './world.js';

describe('pods.csv streaming', () => {
  it('writes a finished pod only once every pod created before it is written', () => {
    const path = join(tempDir(), 'pods.csv');
    const outcomes: PodOutcome[] = [];
    const csv = new PodsCsv(path, (o) => outcomes.push(o));
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => makePod(n));
    const records = [a!, b!, c!, d!].map((p) => newRecord(p));
    records.forEach((r) => csv.add(r));

    csv.close(records[1]!, b!);
    expect(csv.written).toBe(0);
    csv.close(records[2]!, c!);
    expect(csv.written).toBe(0);
    csv.close(records[0]!, a!);
    expect(csv.written).toBe(3);
    expect(outcomes.length).toBe(3);

    d!.status.phase = 'Running';
    csv.finish();
    expect(csv.written).toBe(4);
    const names = readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[1]);
    expect(names).toEqual(['a', 'b', 'c', 'd']);
    expect(outcomes.map((o) => o.phase)).toEqual(['Pending', 'Pending', 'Pending', 'Running']);
  });

  it('keeps creation order when finished pods wait behind a pod that lives to the end', () => {
    const path = join(tempDir(), 'pods.csv');
    const csv = new PodsCsv(path, () => {});
    const pods = Array.from({ length: 5000 }, (_, i) => makePod(`p-${i}`));
    const records = pods.map((p) => newRecord(p));
    records.forEach((r) => csv.add(r));
    for (let i = 1; i < pods.length; i += 2) csv.close(records[i]!, pods[i]!);
    csv.close(records[2]!, pods[2]!);
    expect(csv.written).toBe(0);
    csv.finish();
    const names = readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[1]);
    expect(names).toEqual(pods.map((p) => p.metadata.name));
    expect(existsSync(`${path}.waiting`)).toBe(false);
  });

  it('keeps creation order over many pods removed in reverse', () => {
    const path = join(tempDir(), 'pods.csv');
    const csv = new PodsCsv(path, () => {});
    const pods = Array.from({ length: 3000 }, (_, i) => makePod(`p-${i}`));
    const records = pods.map((p) => newRecord(p));
    records.forEach((r) => csv.add(r));
    for (let i = pods.length - 1; i >= 0; i--) csv.close(records[i]!, pods[i]!);
    expect(csv.written).toBe(3000);
    csv.finish();
    const names = readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[1]);
    expect(names).toEqual(pods.map((p) => p.metadata.name));
    expect(existsSync(`${path}.waiting`)).toBe(false);
  });
});
