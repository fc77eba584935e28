import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInfo, shellJoin, writeRunInfo } from '../../src/io/trace/run-info.js';
import { tempDir } from './world.js';

const input = {
  podsimVersion: '0.1.0',
  command: ['run', 'scenarios/node-failure.yml', '--seed', '2', '--set', 'spec.nodePools[0].count=10'],
  seed: 2,
  scenarioSha256: 'abc',
  wallClockSeconds: 1.23456,
  peakMemoryBytes: 123_456_789,
  cpuSeconds: 2.34567,
  eventsProcessed: 1000,
  status: 'complete',
} as const;

describe('run.json', () => {
  it('holds the given figures in a fixed key order, with events per wall second derived', () => {
    const dir = tempDir();
    writeRunInfo(dir, input);
    expect(readFileSync(join(dir, 'run.json'), 'utf8')).toBe(
      `${JSON.stringify(
        {
          podsim_version: '0.1.0',
          command: "run scenarios/node-failure.yml --seed 2 --set 'spec.nodePools[0].count=10'",
          seed: 2,
          scenario_sha256: 'abc',
          wall_clock_s: 1.235,
          cpu_s: 2.346,
          peak_memory_bytes: 123_456_789,
          events_processed: 1000,
          events_per_wall_s: 810,
          status: 'complete',
        },
        null,
        2,
      )}\n`,
    );
  });

  it('adds the reason of an interrupted run, and null events/s for a zero wall time', () => {
    const info = runInfo({ ...input, wallClockSeconds: 0, status: 'interrupted', reason: 'interrupted' });
    expect(info.events_per_wall_s).toBeNull();
    expect(info.reason).toBe('interrupted');
    expect(Object.keys(info).at(-1)).toBe('reason');
  });

  it.each([
    [['run', 'a.yml'], 'run a.yml'],
    [['--out', 'my results'], "--out 'my results'"],
    [["it's"], "'it'\\''s'"],
  ])('joins %j as %s for a shell', (args, text) => {
    expect(shellJoin(args)).toBe(text);
  });
});
