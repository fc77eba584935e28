import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunnable } from '../../src/sim/load-runnable.js';
import type { Scenario } from '../../src/model/scenario.js';
import { INSTANT_EVENTS_CAP, INSTANT_EVENTS_FLOOR, InstantWatch } from '../../src/sim/instant-watch.js';
import { RunLoop } from '../../src/sim/run-loop.js';
import { podsim, tempDir } from '../cli/run-cli.js';
import { SCENARIO, folderWith } from '../reliability/files.js';

/**
 * The reproduction: a Deployment whose template binds its pod by
 * spec.nodeName to a node with a NoExecute taint the pod does not tolerate
 * (or tolerates for 0 s). The kubelet refuses each pod (untolerated) and
 * taint eviction deletes it at once, the ReplicaSet replaces it at once
 * (upstream does the same: no delay but the API's round trips, podsim's
 * controlPlane.apiLatency).
 */
const LOOP = (spec: string, tolerations = '') =>
  SCENARIO(`${spec}  nodePools:
    - {name: worker, count: 1, allocatable: {cpu: "4", memory: 16Gi}, taints: [{key: dedicated, value: x, effect: NoExecute}], images: [nginx:1.25]}
`) +
  `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      nodeName: worker-0
${tolerations}      containers: [{name: nginx, image: nginx:1.25}]
`;

function load(text: string): Scenario {
  const dir = folderWith({ 's.yml': text });
  const { scenario, diagnostics } = loadRunnable(path.join(dir, 's.yml'), []);
  if (!scenario) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return scenario;
}

describe('a simulated instant that never ends', () => {
  it('stops the run, stuck at the instant, naming what kept it busy', async () => {
    const r = await new RunLoop(load(LOOP('  duration: 1m\n')), { maxEventsPerInstant: 3000 }).run();
    expect(r).toMatchObject({ status: 'incomplete', stuck: true, stalled: false, endMs: 0, eventsProcessed: 3000 });
    expect(r.reason).toMatch(/^simulated time stopped advancing at t=0\.000s: 3000 events fired at that one instant \(the most frequent Kubernetes events there: .*Pod TaintManagerEviction \(33%\)/);
    expect(r.reason).toContain('ReplicaSet SuccessfulCreate (33%)');
  });

  it('does the same for tolerationSeconds: 0', async () => {
    const tolerate = '      tolerations: [{key: dedicated, operator: Exists, effect: NoExecute, tolerationSeconds: 0}]\n';
    const r = await new RunLoop(load(LOOP('  duration: 1m\n', tolerate)), { maxEventsPerInstant: 3000 }).run();
    expect(r).toMatchObject({ status: 'incomplete', stuck: true, endMs: 0 });
  });

  it('with an API latency, the same loop runs at its pace: one eviction per round trip', async () => {
    const loop = new RunLoop(load(LOOP('  duration: 1s\n  controlPlane: {apiLatency: 20ms}\n')), { maxEventsPerInstant: 3000 });
    const evictedAt: number[] = [];
    loop.observe({ eventRecorded: (e) => void (e.reason === 'TaintManagerEviction' && evictedAt.push(loop.clock.now)) });
    const r = await loop.run();
    expect(r).toMatchObject({ status: 'complete', stuck: false, endMs: 1000 });
    expect(evictedAt.slice(0, 3)).toEqual([40, 60, 80]);
    expect(evictedAt).toHaveLength(49);
  });

  it('leaves the busiest real instant far below the limit (the million-pod shape: 302,308 events, 311,000 objects)', () => {
    const stops = (objects: number, events: number) => {
      const w = new InstantWatch(() => objects);
      for (let i = 1; i <= events; i++) if (w.stepped(0)) return i;
      return undefined;
    };
    expect(stops(311_000, 400_000)).toBeUndefined();
    expect(stops(2, 1_000_000)).toBe(INSTANT_EVENTS_FLOOR + 2_000);
    expect(INSTANT_EVENTS_CAP).toBeGreaterThan(10 * 302_308);
  });

  it('podsim run: exit 1, one line that says time stopped, the trace so far marked incomplete', () => {
    const dir = folderWith({ 's.yml': LOOP('  duration: 1m\n') });
    const out = path.join(tempDir(), 'out');
    const r = podsim(['run', 's.yml', '--out', out], dir);
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^error: run stopped: simulated time stopped advancing at t=0\.000s: \d+ events fired at that one instant \(.*Pod TaintManagerEviction/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const run = JSON.parse(fs.readFileSync(path.join(out, 'run.json'), 'utf8')) as { status: string; events_processed: number };
    expect(run.status).toBe('incomplete');
    expect(run.events_processed).toBeLessThanOrEqual(INSTANT_EVENTS_FLOOR + 2_000);
    expect(fs.readFileSync(path.join(out, 'events.csv'), 'utf8')).toContain('TaintManagerEviction');
  }, 30_000);
});
