import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, podsim, tempDir, type CliResult } from '../cli/run-cli.js';

/*
 * Pod-level activeDeadlineSeconds through the built binary, `podsim run
 * --check` (no duration: the run ends when nothing is left to happen), as the
 * trace files show it.
 * One node with busybox:1.36 present; containerStartLatency 1 s; containers
 * run forever and ignore SIGTERM (exit 137 when the grace period ends).
 *
 * - Pod capped (deadline 30 s, grace 5 s): Running 1, DeadlineExceeded +
 *   Killing 30, Failed 35.
 * - Job batch (backoffLimit 1, Never; its pod template has deadline 20 s,
 *   grace 5 s): pod 1 Running 1, killed 20, Failed 25; the Job controller
 *   syncs 1 s after its pods change (syncJobBatchPeriod): at 26 it counts the
 *   failure and waits out the rest of the pod back-off (10 s from the
 *   failure), creating pod 2 at 35: Running 36, killed 55, Failed 60; the sync
 *   at 61 counts two failures > backoffLimit 1: BackoffLimitExceeded at 61.
 *   The Job's status write queues one more sync 1 s later (62), which finds
 *   the Job finished: the run's last event.
 */
const SCENARIO = `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata: {name: deadline}
spec:
  nodePools: [{name: w, count: 1, allocatable: {cpu: "4", memory: 8Gi}, images: [busybox:1.36]}]
---
apiVersion: v1
kind: Pod
metadata: {name: capped}
spec:
  activeDeadlineSeconds: 30
  terminationGracePeriodSeconds: 5
  containers: [{name: c, image: busybox:1.36}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: batch}
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      activeDeadlineSeconds: 20
      terminationGracePeriodSeconds: 5
      containers: [{name: c, image: busybox:1.36}]
`;

describe('podsim run: pods with activeDeadlineSeconds', () => {
  const dir = tempDir();
  const read = (f: string) => fs.readFileSync(path.join(dir, 'results/deadline', f), 'utf8').trimEnd().split('\n');
  let r: CliResult;
  let pods: string[] = [];
  let first = '';
  let second = '';
  beforeAll(() => {
    if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first (npm test does)`);
    fs.writeFileSync(path.join(dir, 's.yml'), SCENARIO);
    r = podsim(['run', 's.yml', '--check'], dir);
    pods = read('pods.csv');
    [first = '', second = ''] = pods.slice(2).map((row) => row.split(',')[1] ?? '');
  });

  it('runs clean under --check and ends at 62: the Job failed at 61 (1 s after its pod), and its status write queued one last sync 1 s later', () => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrote results/deadline/');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'results/deadline/summary.json'), 'utf8'))).toMatchObject({
      duration_s: 62,
      pods: { total: 3, Failed: 3 },
      jobs: { failed: 1 },
    });
  });

  it('pods.csv: each pod Failed, DeadlineExceeded, exit 137, finished at its deadline + grace', () => {
    expect(pods).toEqual([
      'namespace,name,owner_kind,owner_name,node,created_s,scheduled_s,running_s,finished_s,deleted_s,final_phase,reason,restarts,exit_code,scheduling_attempts',
      'default,capped,,,w-0,0.000,0.000,1.000,35.000,,Failed,DeadlineExceeded,0,137,1',
      `default,${first},Job,batch,w-0,0.000,0.000,1.000,25.000,,Failed,DeadlineExceeded,0,137,1`,
      `default,${second},Job,batch,w-0,35.000,35.000,36.000,60.000,,Failed,DeadlineExceeded,0,137,1`,
    ]);
    expect(first).toMatch(/^batch-[a-z0-9]{5}$/);
  });

  it('transitions.csv: Running -> Failed with reason DeadlineExceeded', () => {
    const failed = read('transitions.csv').filter((row) => row.includes(',Failed,'));
    expect(failed.map((row) => row.replace(/^([\d.]+),\d+,/, '$1,'))).toEqual([
      `25.000,default,${first},w-0,Running,Failed,DeadlineExceeded`,
      '35.000,default,capped,w-0,Running,Failed,DeadlineExceeded',
      `60.000,default,${second},w-0,Running,Failed,DeadlineExceeded`,
    ]);
  });

  it('events.csv: the kubelet\'s DeadlineExceeded (Normal) then Killing at each deadline; the Job controller reacts as to any failed pod', () => {
    const rows = read('events.csv')
      .slice(1)
      .map((row) => row.replace(/^([\d.]+),\d+,/, '$1,'))
      .filter((row) => /,(DeadlineExceeded|Killing|SuccessfulCreate|BackoffLimitExceeded),/.test(row));
    const deadline = (t: string, pod: string) => [
      `${t},Normal,DeadlineExceeded,Pod,default,${pod},w-0,Pod was active on the node longer than the specified deadline`,
      `${t},Normal,Killing,Pod,default,${pod},w-0,Stopping container c`,
    ];
    expect(rows).toEqual([
      `0.000,Normal,SuccessfulCreate,Job,default,batch,,Created pod: ${first}`,
      ...deadline('20.000', first),
      ...deadline('30.000', 'capped'),
      `35.000,Normal,SuccessfulCreate,Job,default,batch,,Created pod: ${second}`,
      ...deadline('55.000', second),
      // the sync 1 s after pod 2 failed at 60 (syncJobBatchPeriod)
      '61.000,Warning,BackoffLimitExceeded,Job,default,batch,,Job has reached the specified backoff limit',
    ]);
  });
});
