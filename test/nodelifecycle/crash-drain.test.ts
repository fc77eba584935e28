import { describe, expect, it } from 'vitest';
import { FaultWorld } from './world.js';

describe('a crash and reboot', () => {
  // n1 crashes at 33 and reboots at 133: silence like a partition (Unknown at
  // 85, NoExecute at 90); the kubelet is back at its first heartbeat after
  // the reboot (140) and restarts what restartPolicy says.
  const w = new FaultWorld();
  w.addNode('n1');
  w.addNode('n2');
  w.pod('always', 'n1', { owner: 'ReplicaSet' });
  w.pod('never', 'n1', { restartPolicy: 'Never' });
  w.pod('done', 'n1', { restartPolicy: 'OnFailure', runs: 5 });
  w.pod('ds', 'n1', { owner: 'DaemonSet' });
  w.at(33, () => w.faults.crash(w.node('n1')));
  w.at(133, () => w.faults.reboot(w.node('n1')));
  w.run(600);

  it('is noticed like a partition, and the node is Ready at the first heartbeat after the reboot', () => {
    expect(w.readyTimes('n1')).toEqual([
      [85, 'Unknown'],
      [140, 'True'],
    ]);
    expect(w.taintTimes('n1').map(([t, taints]) => `${t} ${taints}`)).toEqual([
      '85 unreachable:NoSchedule',
      '90 unreachable:NoSchedule,unreachable:NoExecute',
      '140 unreachable:NoExecute',
      '140 ',
    ]);
  });

  it('restarts Always pods and fails Never pods, and leaves completed containers alone', () => {
    expect(w.eventLog('Started')).toEqual([
      '1 Started Pod/always',
      '1 Started Pod/never',
      '1 Started Pod/done',
      '1 Started Pod/ds',
      '141 Started Pod/always',
      '141 Started Pod/ds',
    ]);
    expect(w.transitionsOf('never')).toEqual([
      [1, 'Pending', 'Running', 'Started'],
      [85, 'Running', 'Unknown', 'NodeLost'],
      [140, 'Unknown', 'Failed', 'ContainerStatusUnknown'],
    ]);
    expect(w.transitionsOf('done')).toEqual([
      [1, 'Pending', 'Running', 'Started'],
      [6, 'Running', 'Succeeded', 'Completed'],
    ]);
    expect(w.transitionsOf('always')).toEqual([
      [1, 'Pending', 'Running', 'Started'],
      [85, 'Running', 'Unknown', 'NodeLost'],
      [140, 'Unknown', 'Running', 'NodeReady'],
    ]);
  });

  it('counts the restart and shows the lost run as the last termination', () => {
    const status = w.cluster.pod('default', 'always')?.status.containerStatuses[0];
    expect(status?.restartCount).toBe(1);
    expect(status?.lastTerminationState).toMatchObject({ exitCode: 137, reason: 'ContainerStatusUnknown', finishedAt: 33_000 });
    expect(w.eventLog('Killing', 'BackOff')).toEqual([]);
  });
});

describe('a crash that outlasts the toleration', () => {
  it('removes, when the node is back, the pods evicted meanwhile', () => {
    const w = new FaultWorld();
    w.addNode('n1');
    w.addNode('n2');
    w.pod('web', 'n1', { owner: 'ReplicaSet' });
    w.at(33, () => w.faults.crash(w.node('n1')));
    w.at(600, () => w.faults.reboot(w.node('n1')));
    w.run(900);
    expect(w.deleting).toEqual([[390, 'web']]);
    expect(w.removed).toEqual([[610, 'web']]);
    expect(w.transitionsOf('web').slice(1)).toEqual([
      [85, 'Running', 'Unknown', 'NodeLost'],
      [610, 'Unknown', 'Failed', 'ContainerStatusUnknown'],
    ]);
    expect(w.eventLog('Started', 'Killing')).toEqual(['1 Started Pod/web']);
  });
});

describe('drain', () => {
  const w = new FaultWorld();
  w.addNode('n1');
  w.addNode('n2');
  w.pod('web', 'n1', { owner: 'ReplicaSet' });
  w.pod('bare', 'n1');
  w.pod('ds', 'n1', { owner: 'DaemonSet' });
  w.at(10, () => w.faults.drain(w.node('n1')));
  w.run(100);

  it('cordons the node', () => {
    expect(w.node('n1').unschedulable).toBe(true);
    expect(w.taintTimes('n1')).toEqual([[10, 'unschedulable:NoSchedule']]);
  });

  it('evicts every pod but the DaemonSet ones, gracefully, with DisruptionTarget EvictionByEvictionAPI', () => {
    expect(w.deleting).toEqual([
      [10, 'web'],
      [10, 'bare'],
    ]);
    expect(w.eventLog('Killing')).toEqual(['10 Killing Pod/web', '10 Killing Pod/bare']);
    expect(w.removed).toEqual([
      [40, 'web'],
      [40, 'bare'],
    ]);
    expect(w.transitionsOf('ds')).toEqual([[1, 'Pending', 'Running', 'Started']]);
  });

  it('marks the evicted pods as disrupted', () => {
    const events: string[] = [];
    const w2 = new FaultWorld();
    w2.addNode('n1');
    const pod = w2.pod('web', 'n1', { owner: 'ReplicaSet' });
    w2.cluster.watch({ podDeleting: (p) => events.push(JSON.stringify(p.status.conditions.find((c) => c.type === 'DisruptionTarget'))) });
    w2.at(10, () => w2.faults.drain(w2.node('n1')));
    w2.run(20);
    expect(pod.metadata.deletionTimestamp).toBe(10_000);
    expect(events.map((e) => JSON.parse(e))).toEqual([
      { type: 'DisruptionTarget', status: 'True', lastTransitionTime: 10_000, reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' },
    ]);
  });
});

describe('an idle cluster', () => {
  it('costs no events at all over an hour on 1,000 healthy nodes beyond creating them', () => {
    const w = new FaultWorld();
    w.engine.at(0, () => {
      for (let i = 0; i < 1000; i++) w.cluster.addNode({ ...w.addNodeManifest(i) });
    });
    w.run(3600);
    // the creation event, then one monitor run (scheduled, then deferred behind its instant)
    expect(w.engine.eventsProcessed).toBe(3);
    expect(w.eventLog('RegisteredNode')).toHaveLength(1000);
    expect(w.eventLog().filter((e) => !e.includes('RegisteredNode'))).toEqual([]);
  });

  it('costs a handful of events per fault, however many nodes there are', () => {
    const count = (nodes: number) => {
      const w = new FaultWorld();
      w.engine.at(0, () => {
        for (let i = 0; i < nodes; i++) w.cluster.addNode({ ...w.addNodeManifest(i) });
      });
      w.at(33, () => w.faults.partition(w.node('node-3')));
      w.at(495, () => w.faults.heal(w.node('node-3')));
      w.run(3600);
      return w.engine.eventsProcessed;
    };
    expect(count(1000)).toBe(count(10));
    expect(count(10)).toBeLessThan(30);
  });
});
