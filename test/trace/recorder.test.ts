import { setCondition } from '../../src/api/cluster.js';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/model/pod.js';
import { containerStatus, FACTS, Gi, makeNode, makePod, World } from './world.js';

/**
 * A tiny world driven by hand:
 * - t=0: nodes n-0 (4 cpu, 8Gi) and n-1 (2 cpu, 4Gi); pods web-1 (ReplicaSet,
 *   500m/1Gi), batch-1 (Job, 1/1Gi), big (bare, 8 cpu: never fits).
 * - web-1 bound 1.5 s, Running 3.005 s, evicted 20 s, Failed and removed 21 s.
 * - batch-1 bound 2 s, Running 4 s, Succeeded 7 s.
 * - n-2 (1 cpu, 2Gi) added at 10 s; n-1 Ready=Unknown at 15 s. Run ends at 25 s.
 */
function tinyWorld(): { world: World; pods: Record<string, Pod> } {
  const world = new World(10_000);
  const { cluster } = world;
  const web = makePod('web-1', { cpu: 500, memory: Gi, owner: { kind: 'ReplicaSet', name: 'web-7d4b9' } });
  const batch = makePod('batch-1', { cpu: 1000, memory: Gi, owner: { kind: 'Job', name: 'batch' } });
  const big = makePod('big', { cpu: 8000 });
  const failedScheduling = (message: string) =>
    cluster.recordEvent({ type: 'Warning', reason: 'FailedScheduling', kind: 'Pod', namespace: 'default', name: 'big', node: '', message });
  const scheduled = (pod: Pod, node: string) => {
    cluster.bindPod(pod, node);
    cluster.recordEvent({
      type: 'Normal',
      reason: 'Scheduled',
      kind: 'Pod',
      namespace: 'default',
      name: pod.metadata.name,
      node,
      message: `Successfully assigned default/${pod.metadata.name} to ${node}`,
    });
  };
  world
    .at(0, () => {
      cluster.addNode(makeNode('n-0', 4000, 8 * Gi, 0));
      cluster.addNode(makeNode('n-1', 2000, 4 * Gi, 1));
      cluster.createPod(web);
      cluster.createPod(batch);
      cluster.createPod(big);
      failedScheduling('0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.');
    })
    .at(1500, () => scheduled(web, 'n-0'))
    .at(2000, () => scheduled(batch, 'n-1'))
    .at(3005, () => {
      web.status.containerStatuses = [containerStatus({ state: { state: 'running', startedAt: 3005 } })];
      cluster.updatePodStatus(web, 'Running', 'Started');
    })
    .at(4000, () => cluster.updatePodStatus(batch, 'Running', 'Started'))
    .at(7000, () => {
      batch.status.containerStatuses = [
        containerStatus({ state: { state: 'terminated', exitCode: 0, reason: 'Completed', startedAt: 4000, finishedAt: 7000 } }),
      ];
      cluster.updatePodStatus(batch, 'Succeeded', 'Completed');
    })
    .at(10_000, () => cluster.addNode(makeNode('n-2', 1000, 2 * Gi, 2)))
    .at(12_000, () => failedScheduling('0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: "gpu"}, 2 Insufficient cpu.'))
    .at(15_000, () => {
      const n1 = cluster.node('n-1')!;
      n1.ready = 'Unknown';
      cluster.updateNode(n1);
      cluster.recordEvent({ type: 'Normal', reason: 'NodeNotReady', kind: 'Node', namespace: '', name: 'n-1', node: 'n-1', message: 'Node n-1 status is now: NodeNotReady' });
    })
    .at(20_000, () => {
      cluster.recordEvent({ type: 'Normal', reason: 'TaintManagerEviction', kind: 'Pod', namespace: 'default', name: 'web-1', node: 'n-0', message: 'Marking for deletion Pod default/web-1' });
      setCondition(web, 'DisruptionTarget', 'True', 20_000, 'DeletionByTaintManager', 'Taint manager: deleting due to NoExecute taint');
      cluster.deletePod(web);
    })
    .at(21_000, () => {
      web.status.containerStatuses = [
        containerStatus({
          state: { state: 'terminated', exitCode: 137, reason: 'Error', startedAt: 6000, finishedAt: 21_000 },
          lastTerminationState: { state: 'terminated', exitCode: 1, reason: 'Error', startedAt: 3005, finishedAt: 5000 },
          restartCount: 2,
        }),
      ];
      cluster.updatePodStatus(web, 'Failed', 'Error');
      cluster.removePod(web);
    });
  return { world, pods: { web, batch, big } };
}

function runTiny() {
  const { world, pods } = tinyWorld();
  world.engine.run(25_000);
  const summary = world.recorder.finish(25_000, FACTS);
  return { world, pods, summary };
}

describe('TraceRecorder on a hand-driven world', () => {
  it('writes transitions.csv with a first Pending row per pod and a run-global seq', () => {
    const { world } = runTiny();
    expect(world.read('transitions.csv')).toBe(
      [
        'time_s,seq,namespace,name,node,from_phase,to_phase,reason',
        '0.000,1,default,web-1,,,Pending,',
        '0.000,2,default,batch-1,,,Pending,',
        '0.000,3,default,big,,,Pending,',
        '3.005,7,default,web-1,n-0,Pending,Running,Started',
        '4.000,8,default,batch-1,n-1,Pending,Running,Started',
        '7.000,9,default,batch-1,n-1,Running,Succeeded,Completed',
        '21.000,13,default,web-1,n-0,Running,Failed,Error',
        '',
      ].join('\n'),
    );
  });

  it('writes events.csv with RFC 4180 quoting of messages with commas and quotes', () => {
    const { world } = runTiny();
    expect(world.read('events.csv')).toBe(
      [
        'time_s,seq,type,reason,kind,namespace,name,node,message',
        '0.000,4,Warning,FailedScheduling,Pod,default,big,,0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
        '1.500,5,Normal,Scheduled,Pod,default,web-1,n-0,Successfully assigned default/web-1 to n-0',
        '2.000,6,Normal,Scheduled,Pod,default,batch-1,n-1,Successfully assigned default/batch-1 to n-1',
        '12.000,10,Warning,FailedScheduling,Pod,default,big,,"0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: ""gpu""}, 2 Insufficient cpu."',
        '15.000,11,Normal,NodeNotReady,Node,,n-1,n-1,Node n-1 status is now: NodeNotReady',
        '20.000,12,Normal,TaintManagerEviction,Pod,default,web-1,n-0,Marking for deletion Pod default/web-1',
        '',
      ].join('\n'),
    );
  });

  it('samples nodes.csv at 0, 10, 20 s and at the end, each showing the state after that instant: the nodes that changed, then every node at the end', () => {
    const { world } = runTiny();
    const G = Gi;
    expect(world.read('nodes.csv')).toBe(
      [
        'time_s,node,ready,cpu_requested_m,cpu_allocatable_m,memory_requested_bytes,memory_allocatable_bytes,pods',
        `0.000,n-0,True,0,4000,0,${8 * G},0`,
        `0.000,n-1,True,0,2000,0,${4 * G},0`,
        `10.000,n-0,True,500,4000,${G},${8 * G},1`,
        `10.000,n-2,True,0,1000,0,${2 * G},0`,
        `20.000,n-1,Unknown,0,2000,0,${4 * G},0`,
        `25.000,n-0,True,0,4000,0,${8 * G},0`,
        `25.000,n-1,Unknown,0,2000,0,${4 * G},0`,
        `25.000,n-2,True,0,1000,0,${2 * G},0`,
        '',
      ].join('\n'),
    );
  });

  it('writes pods.csv in creation order with times, outcome, restarts, exit code and attempts', () => {
    const { world } = runTiny();
    expect(world.read('pods.csv')).toBe(
      [
        'namespace,name,owner_kind,owner_name,node,created_s,scheduled_s,running_s,finished_s,deleted_s,final_phase,reason,restarts,exit_code,scheduling_attempts',
        'default,web-1,ReplicaSet,web-7d4b9,n-0,0.000,1.500,3.005,21.000,20.000,Failed,Error,2,137,1',
        'default,batch-1,Job,batch,n-1,0.000,2.000,4.000,7.000,,Succeeded,Completed,0,0,1',
        'default,big,,,,0.000,,,,,Pending,,0,,2',
        '',
      ].join('\n'),
    );
  });

  it('returns and writes the summary with numpy-style percentiles and time-weighted requested means', () => {
    const { world, summary } = runTiny();
    const expected = {
      scenario: 'tiny',
      seed: 7,
      duration_s: 25,
      scenario_sha256: 'abc123',
      pods: { total: 3, Pending: 1, Running: 0, Succeeded: 1, Failed: 1, Unknown: 0 },
      // numpy.percentile([1500, 2000], [50, 95, 99, 100]) = 1750, 1975, 1995, 2000 (ms)
      scheduling_latency_s: { p50: 1.75, p95: 1.975, p99: 1.995, max: 2 },
      // numpy.percentile([3005, 4000], ...) = 3502.5, 3950.25, 3990.05, 4000 -> whole ms, half up
      startup_latency_s: { p50: 3.503, p95: 3.95, p99: 3.99, max: 4 },
      restarts: 2,
      evictions: 1,
      replacements: 0,
      preemptions: 0,
      unschedulable_pods: 1,
      jobs: { completed: 0, failed: 0, completion_time_s: { p50: null, p95: null, p99: null, max: null } },
      workloads: {},
      // cpu: (500*500/6000 + 5000*1500/6000 + 3000*500/6000 + 11000*500/7000) / 25000 = 0.0931
      // memory: (500*1/12 + 5000*2/12 + 3000*1/12 + 11000*1/14) / 25000 = 0.0764
      // node-seconds: n-0 and n-1 for 25 s, n-2 from 10 s: 25 + 25 + 15
      nodes: { total: 3, lost: 1, outages: [{ node: 'n-1', lost_s: 15, recovered_s: null }], cpu_requested_mean: 0.093, memory_requested_mean: 0.076, node_seconds: 65 },
      events_processed: 42,
    };
    expect(summary).toEqual(expected);
    expect(world.read('summary.json')).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    expect(Object.keys(JSON.parse(world.read('summary.json')) as object)).toEqual(Object.keys(expected));
  });

  it('writes exactly the six trace files', () => {
    const { world } = runTiny();
    expect(readdirSync(world.dir).sort()).toEqual(['events.csv', 'nodes.csv', 'pods.csv', 'summary.json', 'transitions.csv', 'workloads.csv']);
  });

  it('is byte-identical across two runs of the same world', () => {
    const a = runTiny().world;
    const b = runTiny().world;
    for (const f of ['events.csv', 'nodes.csv', 'pods.csv', 'summary.json', 'transitions.csv', 'workloads.csv']) expect(a.read(f)).toBe(b.read(f));
  });

  it('keeps the last Warning events for the printed summary', () => {
    const { world } = runTiny();
    expect(world.recorder.lastWarnings.map((e) => [e.time, e.reason])).toEqual([
      [0, 'FailedScheduling'],
      [12_000, 'FailedScheduling'],
    ]);
  });
});
