import { describe, expect, it } from 'vitest';
import { runScenario } from './sts-world.js';

/*
 * StatefulSet scenarios with timings worked out by hand from podsim's
 * defaults (model/defaults.ts, Kubernetes' own): an image is pulled in
 * 0.5 s registry latency + 100 MiB / 50 MiB/s = 2.5 s, a container starts
 * 1 s later and is Ready at once (no probes); the API latency is 0, so the
 * controller syncs at the instant a pod changes. A container with no
 * behaviour ignores SIGTERM: a deleted pod is gone after its grace period.
 * The scheduler spreads the set's pods over the three nodes (default
 * PodTopologySpread by the StatefulSet's selector): web-0 on n-1, web-1 on
 * n-2, web-2 on n-0 with seed 1.
 */

function scenario(opts: { replicas?: number; policy?: string; minReadySeconds?: number; grace?: number; events?: string } = {}): string {
  return `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata: {name: sts}
spec:
  seed: 1
  duration: 20m
  nodePools:
    - name: n
      count: 3
      allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
${opts.events ?? ''}
---
${statefulSet(opts)}`;
}

function statefulSet(opts: { replicas?: number; policy?: string; minReadySeconds?: number; grace?: number; partition?: number; version?: string }): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  replicas: ${opts.replicas ?? 3}
  serviceName: web
  ${opts.policy ? `podManagementPolicy: ${opts.policy}` : ''}
  ${opts.minReadySeconds ? `minReadySeconds: ${opts.minReadySeconds}` : ''}
  ${opts.partition !== undefined ? `updateStrategy: {rollingUpdate: {partition: ${opts.partition}}}` : ''}
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
      annotations: {version: "${opts.version ?? '1'}"}
    spec:
      terminationGracePeriodSeconds: ${opts.grace ?? 30}
      containers:
        - name: nginx
          image: registry.k8s.io/nginx-slim:0.24
          resources: {requests: {cpu: 100m}}`;
}

const stsEvents = (r: ReturnType<typeof runScenario>) =>
  r.events.filter((e) => e.kind === 'StatefulSet').map((e) => `${e.time / 1000} ${e.reason} ${e.message}`);

describe('OrderedReady startup', () => {
  it('creates each replica once the previous one is Running and Ready', () => {
    const r = runScenario(scenario(), 60);
    // web-0 at 0, Running and Ready at 3.5 (pull 2.5 + start 1); web-1 then, Ready at 7; web-2 then, Ready at 10.5.
    expect(stsEvents(r)).toEqual([
      '0 SuccessfulCreate create Pod web-0 in StatefulSet web successful',
      '3.5 SuccessfulCreate create Pod web-1 in StatefulSet web successful',
      '7 SuccessfulCreate create Pod web-2 in StatefulSet web successful',
    ]);
    expect(r.log.filter((l) => l.endsWith('ready'))).toEqual(['3.5 web-0 Running ready', '7 web-1 Running ready', '10.5 web-2 Running ready']);
    const pod = r.sim.cluster.pod('default', 'web-1')!;
    expect(pod.metadata.labels).toMatchObject({ app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1' });
    const s = r.set('web').status;
    expect(s).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 3, updatedReplicas: 3, observedGeneration: 1 });
    expect(s.currentRevision).toBe(s.updateRevision);
    expect(pod.metadata.labels['controller-revision-hash']).toBe(s.updateRevision);
  });

  it('with minReadySeconds 10, waits until the previous replica is available, on the requeue grid', () => {
    // Each sync that leaves a replica unavailable comes back 10 s later (syncStatefulSet's AddAfter);
    // a later AddAfter for a key already waiting is dropped (client-go's delaying queue keeps the earlier).
    //   0    web-0 created; requeue at 10
    //   3.5  web-0 Ready: updatePod asks for 3.5 + 11 = 14.5, the sync for 13.5: both dropped (10 waits)
    //   10   web-0 available only at 13.5: requeue at 20
    //   20   web-1 created; requeue at 30 (web-1 Ready at 23.5, its asks dropped)
    //   30   web-1 available only at 33.5: requeue at 40
    //   40   web-2 created
    const r = runScenario(scenario({ minReadySeconds: 10 }), 60);
    expect(stsEvents(r).map((e) => `${e.split(' ')[0]} ${e.split(' ')[4]}`)).toEqual(['0 web-0', '20 web-1', '40 web-2']);
  });

  it('Parallel creates every replica at once', () => {
    const r = runScenario(scenario({ policy: 'Parallel' }), 60);
    expect(stsEvents(r).map((e) => e.split(' ')[0])).toEqual(['0', '0', '0']);
    expect(r.log.filter((l) => l.endsWith('ready'))).toEqual(['3.5 web-0 Running ready', '3.5 web-1 Running ready', '3.5 web-2 Running ready']);
  });
});

describe('a StatefulSet pod on a partitioned node', () => {
  /*
   * n-2 (web-1) is partitioned at 33 (worked example §5's timing: heartbeats
   * every 10 s, monitor every 5 s, 50 s grace, 300 s toleration):
   *   30   last heartbeat heard
   *   85   Ready=Unknown: web-1 not ready, phase Unknown (NodeLost)
   *   90   unreachable:NoExecute
   *   390  90 + 300: taint eviction marks web-1 for deletion; the kubelet cannot
   *        hear it, so web-1 stays Terminating and the StatefulSet makes no
   *        second web-1 (the name is still taken by the old pod object)
   * then either the node heals at 495 (first heartbeat 500: the kubelet kills
   * web-1, gone 30 s later at 530, and the new web-1 is created at once and
   * lands back on n-2, which holds the image: Running at 531), or the node is
   * deleted at 400 and PodGC force-deletes the orphan after its 40 s
   * quarantine (runs on its 20 s grid: 400, then 440): web-1 is created at 440
   * on a node that has the image, Running at 441.
   */
  const partitioned = (after: string) =>
    scenario({
      events: `  events:
    - at: 33s
      partition: {nodes: [n-2]}
      ${after}`,
    });

  it('blocks the replacement until the node heals and the old pod is gone', () => {
    const r = runScenario(partitioned('for: 462s'), 700);
    const web1 = r.log.filter((l) => l.includes('web-1'));
    expect(web1).toContain('85 web-1 Unknown');
    expect(web1).toContain('390 web-1 deleting');
    expect(r.events.filter((e) => e.reason === 'TaintManagerEviction').map((e) => `${e.time / 1000} ${e.message}`)).toEqual(['390 Marking for deletion Pod default/web-1']);
    const after390 = web1.filter((l) => Number(l.split(' ')[0]) > 390);
    // At 500 the kubelet reports again (Running, still within its grace period), then kills it.
    expect(after390).toEqual(['500 web-1 Running ready', '500 web-1 Running ready', '530 web-1 Failed', '530 web-1 removed', '530 web-1 created', '530 web-1 bound n-2', '530 web-1 Pending', '531 web-1 Running ready']);
    expect(stsEvents(r).slice(3)).toEqual(['530 SuccessfulCreate create Pod web-1 in StatefulSet web successful']);
    expect(r.set('web').status).toMatchObject({ replicas: 3, readyReplicas: 3 });
  });

  it('or until PodGC force-deletes it once the node object is deleted', () => {
    const r = runScenario(
      scenario({
        events: `  events:
    - at: 33s
      partition: {nodes: [n-2]}
    - at: 400s
      removeNodes: {nodes: [n-2]}`,
      }),
      700,
    );
    const web1 = r.log.filter((l) => l.includes('web-1') && Number(l.split(' ')[0]) > 390);
    expect(web1.slice(0, 3)).toEqual(['440 web-1 Failed', '440 web-1 removed', '440 web-1 created']);
    expect(web1.at(-1)).toBe('441 web-1 Running ready');
    expect(stsEvents(r).slice(3)).toEqual(['440 SuccessfulCreate create Pod web-1 in StatefulSet web successful']);
  });
});

describe('updates and scaling', () => {
  /*
   * 3 replicas Ready at 10.5; at 60 a new template (an annotation: no pull)
   * with partition 1 and a 10 s grace period:
   *   60   web-2 deleted (highest ordinal first; maxUnavailable 1, none unavailable)
   *   70   web-2 gone; made again at the update revision; Running 71
   *   71   web-1 deleted; 81 gone and made again; Running 82
   *        web-0 stays at the current revision (below the partition)
   *   100  partition 0: web-0 deleted; 110 made again; Running 111: the update
   *        is complete and the update revision becomes current
   */
  const apply = (at: number, partition: number) => `    - at: ${at}s
      apply: {file: v2-${partition}.yml}`;

  it('rolls from the highest ordinal down to the partition, then on to 0', () => {
    const files = {
      'v2-1.yml': statefulSet({ version: '2', grace: 10, partition: 1 }),
      'v2-0.yml': statefulSet({ version: '2', grace: 10, partition: 0 }),
    };
    const r = runScenario(
      scenario({ grace: 10, events: `  events:\n${apply(60, 1)}\n${apply(100, 0)}` }),
      200,
      files,
    );
    expect(stsEvents(r).slice(3)).toEqual([
      '60 SuccessfulDelete delete Pod web-2 in StatefulSet web successful',
      '70 SuccessfulCreate create Pod web-2 in StatefulSet web successful',
      '71 SuccessfulDelete delete Pod web-1 in StatefulSet web successful',
      '81 SuccessfulCreate create Pod web-1 in StatefulSet web successful',
      '100 SuccessfulDelete delete Pod web-0 in StatefulSet web successful',
      '110 SuccessfulCreate create Pod web-0 in StatefulSet web successful',
    ]);
    const s = r.set('web').status;
    expect(s).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3 });
    expect(s.currentRevision).toBe(s.updateRevision);
    expect(r.statusAt(90)).toMatchObject({ currentReplicas: 1, updatedReplicas: 2 });
  });

  it('scales down from the highest ordinal, one pod at a time, and back up in order', () => {
    const r = runScenario(
      scenario({
        grace: 10,
        events: `  events:
    - at: 60s
      scale: {kind: StatefulSet, name: web, replicas: 1}
    - at: 100s
      scale: {kind: StatefulSet, name: web, replicas: 2}`,
      }),
      200,
    );
    // 60 web-2 deleted, gone at 70; then web-1, gone at 80. At 100 web-1 is made
    // again; its node kept the image: Running at 101.
    expect(stsEvents(r).slice(3)).toEqual([
      '60 SuccessfulDelete delete Pod web-2 in StatefulSet web successful',
      '70 SuccessfulDelete delete Pod web-1 in StatefulSet web successful',
      '100 SuccessfulCreate create Pod web-1 in StatefulSet web successful',
    ]);
    expect(r.set('web').status).toMatchObject({ replicas: 2, readyReplicas: 2 });
  });
});
