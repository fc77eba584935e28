import { describe, expect, it } from 'vitest';
import type { KubeSchedulerConfiguration, SchedulerProfileConfig } from '../../src/model/scheduler-config.js';
import { Framework } from '../../src/scheduler/runtime.js';
import { profileFromConfig } from '../../src/scheduler/profile-config.js';
import { evaluate } from '../../src/scheduler/schedule-one.js';
import { NodeInfo } from '../../src/scheduler/nodeinfo.js';
import { podResources } from '../../src/scheduler/pod-resources.js';
import { World, makeNode, makePod } from './world.js';

const profile = (p: Partial<SchedulerProfileConfig>): SchedulerProfileConfig => ({ schedulerName: 'default-scheduler', plugins: {}, pluginConfig: {}, ...p });

function weights(config: SchedulerProfileConfig): Record<string, number> {
  const fwk = new Framework(profileFromConfig(config).profile);
  const node = new NodeInfo(makeNode('n'));
  const other = new NodeInfo(makeNode('m'));
  const e = evaluate(makePod('p', { cpu: 100, memory: 1 }), [node, other], fwk);
  return Object.fromEntries((e.scores[0]?.scores ?? []).map((s) => [s.plugin, s.normalized === 0 ? 0 : s.score / s.normalized]));
}

describe('profiles from a KubeSchedulerConfiguration', () => {
  it('keeps the default weights, takes a score weight over the MultiPoint one, and drops disabled scores', () => {
    const w = weights(profile({ plugins: { score: { enabled: [{ name: 'NodeResourcesFit', weight: 5 }], disabled: ['ImageLocality'] } } }));
    expect(w.NodeResourcesFit).toBe(5);
    expect(w.TaintToleration).toBe(3);
    expect('ImageLocality' in w).toBe(false);
  });

  it('disabling a plugin at MultiPoint removes its filter too', () => {
    const fwk = new Framework(profileFromConfig(profile({ plugins: { multiPoint: { enabled: [], disabled: ['TaintToleration'] } } })).profile);
    const tainted = new NodeInfo(makeNode('t', { taints: [{ key: 'k', effect: 'NoSchedule' }] }));
    expect(evaluate(makePod('p'), [tainted], fwk).verdicts).toEqual([{ node: 't', status: null }]);
  });

  it('MostAllocated prefers the fuller node; RequestedToCapacityRatio follows its shape', () => {
    const full = new NodeInfo(makeNode('full', { cpu: 4000, memory: 4000 }));
    const busy = makePod('busy', { cpu: 2000, memory: 2000, nodeName: 'full' });
    full.addPod(busy, podResources(busy));
    const empty = new NodeInfo(makeNode('empty', { cpu: 4000, memory: 4000 }));
    const score = (args: SchedulerProfileConfig['pluginConfig']) => {
      const fwk = new Framework(profileFromConfig(profile({ pluginConfig: args })).profile);
      const e = evaluate(makePod('p', { cpu: 1000, memory: 1000 }), [full, empty], fwk);
      return Object.fromEntries(e.scores.map((s) => [s.name, s.scores.find((x) => x.plugin === 'NodeResourcesFit')?.normalized]));
    };
    const resources = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }];
    // MostAllocated: full 3000/4000 = 75 each -> 75; empty 1000/4000 -> 25
    expect(score({ NodeResourcesFit: { scoringStrategy: { type: 'MostAllocated', resources } } })).toEqual({ full: 75, empty: 25 });
    // shape 0 -> 0, 100 -> 10 (x10): utilization 75 -> 75, 25 -> 25
    const shape = [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }];
    expect(score({ NodeResourcesFit: { scoringStrategy: { type: 'RequestedToCapacityRatio', resources, shape } } })).toEqual({ full: 75, empty: 25 });
  });

  it('routes pods to the profile their schedulerName names', () => {
    const config: KubeSchedulerConfiguration = {
      percentageOfNodesToScore: 0,
      podInitialBackoffSeconds: 1,
      podMaxBackoffSeconds: 10,
      profiles: [
        profile({}),
        profile({ schedulerName: 'packer', pluginConfig: { NodeResourcesFit: { scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 1 }] } } } }),
      ],
    };
    const world = new World({ nodes: [makeNode('a'), makeNode('b')], config });
    world.cluster.createPod(makePod('seed', { cpu: 2000, nodeName: 'a' }));
    world.cluster.createPod(makePod('spread', { cpu: 500 }));
    world.cluster.createPod(makePod('packed', { cpu: 500, schedulerName: 'packer' }));
    world.cluster.createPod(makePod('nobody', { cpu: 500, schedulerName: 'other' }));
    world.run(5);
    expect([world.nodeOf('spread'), world.nodeOf('packed'), world.nodeOf('nobody')]).toEqual(['b', 'a', undefined]);
  });
});

describe('rotating start (nextStartNodeIndex)', () => {
  it('advances by the nodes each search looked at: 200 free nodes stop after 100 feasible', () => {
    const nodes = Array.from({ length: 200 }, (_, i) => makeNode(`n${i}`));
    const world = new World({ nodes });
    world.cluster.createPod(makePod('p0', { cpu: 10 }));
    world.run(1);
    expect(world.scheduler.nextStartNodeIndex).toBe(100);
    world.cluster.createPod(makePod('p1', { cpu: 10 }));
    world.run(2);
    expect(world.scheduler.nextStartNodeIndex).toBe(0);
  });
});

describe('preemption', () => {
  it('evicts the fewest, least important pods on the best node, nominates it, and binds once they are gone', () => {
    const world = new World({ nodes: [makeNode('n1', { cpu: 2000 }), makeNode('n2', { cpu: 2000 })] });
    world.cluster.createPod(makePod('mid', { cpu: 1500, priority: 50, nodeName: 'n1' }));
    world.cluster.createPod(makePod('low-a', { cpu: 700, priority: 10, nodeName: 'n2' }));
    world.cluster.createPod(makePod('low-b', { cpu: 700, priority: 10, nodeName: 'n2' }));
    world.at(1, () => world.cluster.createPod(makePod('vip', { cpu: 1000, priority: 100 })));
    world.run(2);
    // n1 would lose priority 50, n2 only priority 10 pods; on n2 evicting one of the two is enough
    const preempted = world.events.filter((e) => e.reason === 'Preempted');
    expect(preempted.map((e) => `${e.type} ${e.name}: ${e.message}`)).toEqual(['Normal low-b: Preempted by pod uid-vip on node n2']);
    const victim = world.cluster.pod('default', 'low-b');
    expect(victim?.metadata.deletionTimestamp).toBe(1000);
    expect(victim?.status.conditions.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'PreemptionByScheduler',
      message: 'default-scheduler: preempting to accommodate a higher priority pod',
    });
    const vip = world.cluster.pod('default', 'vip');
    expect(vip?.status.nominatedNodeName).toBe('n2');
    expect(world.eventsOf('vip')).toEqual(['1 FailedScheduling: 0/2 nodes are available: 2 Insufficient cpu.']);
    world.at(3, () => {
      const v = world.cluster.pod('default', 'low-b');
      if (v) world.cluster.removePod(v);
    });
    world.run(20);
    expect(world.nodeOf('vip')).toBe('n2');
  });

  it('does not preempt equal or higher priority pods, and says why', () => {
    const world = new World({ nodes: [makeNode('n1', { cpu: 1000 })] });
    world.cluster.createPod(makePod('peer', { cpu: 800, priority: 100, nodeName: 'n1' }));
    world.cluster.createPod(makePod('vip', { cpu: 500, priority: 100 }));
    world.run(1);
    expect(world.events.some((e) => e.reason === 'Preempted')).toBe(false);
    expect(world.eventsOf('vip')[0]).toContain('preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
  });
});
