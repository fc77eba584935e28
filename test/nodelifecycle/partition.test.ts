import { describe, expect, it } from 'vitest';
import { FaultWorld } from './world.js';

/*
 * Worked example §5 (spec/worked-examples.md) with upstream's timing of the
 * NoExecute taint: heartbeats at 0, 10, 20...; monitor at 0, 5, 10...; grace
 * 50 s; the node is partitioned at 33 for 462 s (heals at 495).
 *
 *   30   last heartbeat heard
 *   85   first run strictly after 30 + 50: Ready=Unknown, NodeNotReady,
 *        pods Unknown (NodeLost) and not ready, unreachable:NoSchedule
 *   90   the next run finds Ready=Unknown and queues the node; the zone's
 *        tainter adds unreachable:NoExecute (processTaintBaseEviction acts on
 *        the status the run observed, so one run after Unknown)
 *   390  90 + 300 (DefaultTolerationSeconds): the ReplicaSet pod is evicted
 *   500  first heartbeat after the heal: Ready=True, NodeReady, taints gone,
 *        the DaemonSet pod Running again; the evicted pod is killed (30 s)
 *   530  the old pod is Failed and removed
 */
function workedExample() {
  const w = new FaultWorld();
  w.addNode('n1');
  w.addNode('n2');
  w.pod('web', 'n1', { owner: 'ReplicaSet' });
  w.pod('ds', 'n1', { owner: 'DaemonSet' });
  // The ReplicaSet's replacement, by hand: created and bound to n2 the instant the old pod is deleted.
  w.cluster.watch({
    podDeleting: (pod) => {
      if (pod.metadata.name === 'web') w.engine.schedule(0, () => void w.pod('web-2', 'n2', { owner: 'ReplicaSet', at: w.engine.now / 1000 }));
    },
  });
  w.at(33, () => w.faults.partition(w.node('n1')));
  w.at(495, () => w.faults.heal(w.node('n1')));
  w.run(700);
  return w;
}

describe('worked example 5: a partition with the default 50 s grace', () => {
  const w = workedExample();

  it('marks the node Unknown at 85 and Ready again at the first heartbeat after the heal', () => {
    expect(w.readyTimes('n1')).toEqual([
      [85, 'Unknown'],
      [500, 'True'],
    ]);
    expect(w.eventLog('NodeNotReady', 'NodeReady').filter((e) => e.includes('Node/'))).toEqual([
      '85 NodeNotReady Node/n1',
      '500 NodeReady Node/n1',
    ]);
    expect(w.messages('NodeReady')).toEqual(['Node n1 status is now: NodeReady']);
    expect(w.events.find((e) => e.kind === 'Node' && e.reason === 'NodeNotReady')?.message).toBe('Node n1 status is now: NodeNotReady');
  });

  it('adds unreachable:NoSchedule at 85, unreachable:NoExecute at 90, and removes both at 500', () => {
    expect(w.taintTimes('n1')).toEqual([
      [85, 'unreachable:NoSchedule'],
      [90, 'unreachable:NoSchedule,unreachable:NoExecute'],
      [500, 'unreachable:NoExecute'],
      [500, ''],
    ]);
    expect(w.taintTimes('n2')).toEqual([]);
  });

  it('reports both pods Unknown (NodeLost) and not ready at 85, with a NodeNotReady event each', () => {
    expect(w.transitionsOf('ds')).toEqual([
      [1, 'Pending', 'Running', 'Started'],
      [85, 'Running', 'Unknown', 'NodeLost'],
      [500, 'Unknown', 'Running', 'NodeReady'],
    ]);
    expect(w.eventLog('NodeNotReady').filter((e) => e.includes('Pod/'))).toEqual(['85 NodeNotReady Pod/web', '85 NodeNotReady Pod/ds']);
    expect(w.messages('NodeNotReady')).toContain('Node is not ready');
  });

  it('evicts the ReplicaSet pod at 390 and never the DaemonSet pod', () => {
    expect(w.eventLog('TaintManagerEviction')).toEqual(['390 TaintManagerEviction Pod/web']);
    expect(w.messages('TaintManagerEviction')).toEqual(['Marking for deletion Pod default/web']);
    expect(w.deleting).toEqual([[390, 'web']]);
  });

  it('runs the replacement elsewhere while the old copy still runs on the partitioned node', () => {
    expect(w.transitionsOf('web-2')).toEqual([[391, 'Pending', 'Running', 'Started']]);
    expect(w.transitionsOf('web')).toEqual([
      [1, 'Pending', 'Running', 'Started'],
      [85, 'Running', 'Unknown', 'NodeLost'],
      [500, 'Unknown', 'Running', 'NodeReady'],
      [530, 'Running', 'Failed', 'Error'],
    ]);
  });

  it('kills the evicted pod at the heal with its grace period, then removes it', () => {
    expect(w.eventLog('Killing')).toEqual(['500 Killing Pod/web']);
    expect(w.removed).toEqual([[530, 'web']]);
  });

  it('clears NodeLost and makes the pods Ready again when the kubelet reports', () => {
    const ds = w.cluster.pod('default', 'ds');
    expect(ds?.status.reason).toBeUndefined();
    expect(ds?.status.conditions.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True' });
  });
});

describe('a partition with a 40 s grace period (kube-controller-manager before v1.32)', () => {
  const w = new FaultWorld({ controlPlane: { nodeMonitorGracePeriodMs: 40_000 } });
  w.addNode('n1');
  w.addNode('n2');
  w.pod('web', 'n1', { owner: 'ReplicaSet' });
  w.pod('ds', 'n1', { owner: 'DaemonSet' });
  w.at(62, () => w.faults.partition(w.node('n1')));
  w.run(3600);

  it('hears the last heartbeat at 60 and marks the node and its pods Unknown at 105', () => {
    expect(w.node('n1').lastHeartbeat).toBe(60_000);
    expect(w.readyTimes('n1')).toEqual([[105, 'Unknown']]);
    expect(w.transitionsOf('web').slice(1)).toEqual([[105, 'Running', 'Unknown', 'NodeLost']]);
  });

  it('evicts the ReplicaSet pod at 410 (NoExecute at 110, plus 300 s)', () => {
    expect(w.taintTimes('n1').map(([t]) => t)).toEqual([105, 110]);
    expect(w.deleting).toEqual([[410, 'web']]);
  });

  it('lets the DaemonSet pod ride out the partition', () => {
    expect(w.transitionsOf('ds').slice(1)).toEqual([[105, 'Running', 'Unknown', 'NodeLost']]);
    expect(w.cluster.pod('default', 'ds')?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('leaves the evicted pod Terminating in the API while the node stays unreachable', () => {
    const web = w.cluster.pod('default', 'web');
    expect(web?.metadata.deletionTimestamp).toBe(410_000);
    expect(web?.status).toMatchObject({ phase: 'Unknown', reason: 'NodeLost', message: 'Node n1 which was running pod web is unresponsive' });
    expect(web?.status.conditions.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
    });
  });
});

describe('a short partition', () => {
  it('goes unnoticed when it heals within the grace period', () => {
    const w = new FaultWorld();
    w.addNode('n1');
    w.addNode('n2');
    w.pod('web', 'n1', { owner: 'ReplicaSet' });
    w.at(33, () => w.faults.partition(w.node('n1')));
    w.at(60, () => w.faults.heal(w.node('n1')));
    w.run(600);
    expect(w.readyTimes('n1')).toEqual([]);
    expect(w.taintTimes('n1')).toEqual([]);
    expect(w.transitionsOf('web')).toEqual([[1, 'Pending', 'Running', 'Started']]);
    expect(w.eventLog().filter((e) => !e.includes('RegisteredNode'))).toEqual([
      '0 Pulled Pod/web',
      '1 Created Pod/web',
      '1 Started Pod/web',
    ]);
  });

  it('cancels the pending eviction when it heals after the taint, with an event', () => {
    const w = new FaultWorld();
    w.addNode('n1');
    w.addNode('n2');
    w.pod('web', 'n1', { owner: 'ReplicaSet' });
    w.pod('ds', 'n1', { owner: 'DaemonSet' });
    w.at(33, () => w.faults.partition(w.node('n1')));
    w.at(200, () => w.faults.heal(w.node('n1')));
    w.run(600);
    expect(w.readyTimes('n1')).toEqual([
      [85, 'Unknown'],
      [210, 'True'],
    ]);
    expect(w.eventLog('TaintManagerEviction')).toEqual(['210 TaintManagerEviction Pod/web']);
    expect(w.messages('TaintManagerEviction')).toEqual(['Cancelling deletion of Pod default/web']);
    expect(w.deleting).toEqual([]);
    expect(w.transitionsOf('web').slice(1)).toEqual([
      [85, 'Running', 'Unknown', 'NodeLost'],
      [210, 'Unknown', 'Running', 'NodeReady'],
    ]);
  });
});

describe('reportUnknownPhase: false', () => {
  const w = new FaultWorld({ controlPlane: { reportUnknownPhase: false } });
  w.addNode('n1');
  w.addNode('n2');
  const web = w.pod('web', 'n1', { owner: 'ReplicaSet' });
  w.at(33, () => w.faults.partition(w.node('n1')));
  w.run(200);

  it('keeps the pods Running with Ready=False', () => {
    expect(w.transitionsOf('web')).toEqual([[1, 'Pending', 'Running', 'Started']]);
    expect(web.status.phase).toBe('Running');
    expect(web.status.reason).toBeUndefined();
    expect(web.status.conditions.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', lastTransitionTime: 85_000 });
    expect(w.eventLog('NodeNotReady')).toEqual(['85 NodeNotReady Node/n1', '85 NodeNotReady Pod/web']);
  });
});

describe('a pod bound to a node that is being lost', () => {
  it('is reported Unknown with the node, and Pending then Running once the kubelet reports and starts it', () => {
    const w = new FaultWorld();
    w.addNode('n1');
    w.addNode('n2');
    w.at(33, () => w.faults.partition(w.node('n1')));
    const late = w.pod('late', 'n1', { at: 50, owner: 'ReplicaSet' });
    w.at(120, () => w.faults.heal(w.node('n1')));
    w.run(200);
    expect(w.transitionsOf('late')).toEqual([
      [85, 'Pending', 'Unknown', 'NodeLost'],
      [130, 'Unknown', 'Pending', 'ContainerCreating'],
      [131, 'Pending', 'Running', 'Started'],
    ]);
    expect(late.status.reason).toBeUndefined();
  });
});

describe('a node whose heartbeats fall between monitor runs', () => {
  it('is probed at the run that first sees its last heartbeat (probeTimestamp), so Unknown can come one run later than last heartbeat + grace', () => {
    // Created at 3: heartbeats 3, 13, 23, 33; partitioned at 35. The run at 35
    // saw the lease renewed at 33, so probeTimestamp = 35 and the first run
    // strictly after 35 + 50 is 90 (not 85, the first run after 33 + 50).
    const w = new FaultWorld();
    w.addNode('n2');
    w.at(3, () => w.cluster.addNode(w.addNodeManifest(1)));
    w.at(35, () => w.faults.partition(w.node('node-1')));
    w.run(200);
    expect(w.node('node-1').lastHeartbeat).toBe(33_000);
    expect(w.readyTimes('node-1')).toEqual([[90, 'Unknown']]);
    expect(w.eventLog('RegisteredNode')).toEqual(['0 RegisteredNode Node/n2', '5 RegisteredNode Node/node-1']);
  });
});

describe('a kubelet that reports Ready=False itself', () => {
  it('gets not-ready taints: NoSchedule at once, NoExecute at the next monitor run, both gone when it reports Ready', () => {
    const w = new FaultWorld();
    w.addNode('n1');
    w.addNode('n2');
    w.pod('web', 'n1', { owner: 'ReplicaSet' });
    const report = (ready: 'True' | 'False') => () => {
      const n = w.node('n1');
      n.ready = ready;
      w.cluster.updateNode(n);
    };
    w.at(42, report('False'));
    w.at(400, report('True'));
    w.run(500);
    expect(w.taintTimes('n1')).toEqual([
      [42, 'not-ready:NoSchedule'],
      [45, 'not-ready:NoSchedule,not-ready:NoExecute'],
      [400, 'not-ready:NoExecute'],
      [400, ''],
    ]);
    expect(w.deleting).toEqual([[345, 'web']]);
  });
});
