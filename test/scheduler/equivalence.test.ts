import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/model/pod.js';
import { SchedulerCache } from '../../src/scheduler/cache.js';
import type { Diagnosis } from '../../src/scheduler/framework.js';
import { defaultProfile } from '../../src/scheduler/profile.js';
import { Framework } from '../../src/scheduler/runtime.js';
import type { SearchCursor } from '../../src/scheduler/find-nodes.js';
import { schedulePod, type ScheduleResult } from '../../src/scheduler/schedule-one.js';
import { ListSnapshot } from '../../src/scheduler/snapshot.js';
import { buildNode, buildPod, nodeSpecArb, podSpecArb, type NodeSpec, type PodSpecData } from '../scheduler-reference/arbitraries.js';

/**
 * The equivalence-class cache changes speed, never choices: a scheduler
 * working through the SchedulerCache (which versions its node list, so
 * verdicts and raw scores are reused across alike pods) and one working on a
 * plain ListSnapshot of the same NodeInfos (everything recomputed) must make
 * the same decision for every pod, with the same search cursor, tie draws and
 * diagnosis, while pods are bound and deleted, pending pods are nominated to
 * nodes and cleared, and nodes change, leave and join.
 */

type Op =
  | { readonly kind: 'pod'; readonly template: number }
  | { readonly kind: 'delete'; readonly which: number }
  | { readonly kind: 'update'; readonly node: number; readonly spec: NodeSpec }
  | { readonly kind: 'remove'; readonly node: number }
  | { readonly kind: 'add'; readonly spec: NodeSpec }
  | { readonly kind: 'nominate'; readonly template: number; readonly node: number }
  | { readonly kind: 'unnominate'; readonly which: number };

const features = { hostPorts: true, spreadConstraints: true, podAffinity: true };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('pod' as const), template: fc.nat(3) }), weight: 12 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), which: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('update' as const), node: fc.nat(), spec: nodeSpecArb }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('remove' as const), node: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('add' as const), spec: nodeSpecArb }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('nominate' as const), template: fc.nat(3), node: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('unnominate' as const), which: fc.nat() }), weight: 1 },
);

const worldArb = fc.record({
  specs: fc.array(nodeSpecArb, { minLength: 1, maxLength: 5 }),
  nodes: fc.integer({ min: 1, max: 260 }),
  templates: fc.array(podSpecArb(features), { minLength: 4, maxLength: 4 }),
  ops: fc.array(opArb, { minLength: 1, maxLength: 60 }),
  percentage: fc.constantFrom(0, 10, 100),
});

/** A seeded generator (the same sequence for both schedulers). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function verdicts(d: Diagnosis) {
  return {
    nodes: [...d.nodeToStatus.entries()].map(([n, s]) => [n, s.code, s.plugin, ...s.reasons].join('|')),
    unschedulable: [...d.unschedulablePlugins].sort(),
    preFilter: d.preFilterMsg,
  };
}

function summary(r: ScheduleResult) {
  if (r.kind === 'scheduled') return { kind: r.kind, node: r.node, evaluated: r.evaluatedNodes, feasible: r.feasibleNodes };
  if (r.kind === 'unschedulable') return { kind: r.kind, ...verdicts(r.diagnosis) };
  return r;
}

describe('the equivalence-class cache', () => {
  it('makes the decisions a scheduler without it makes', () => {
    fc.assert(
      fc.property(worldArb, ({ specs, nodes, templates, ops, percentage }) => {
        const cache = new SchedulerCache();
        let next = 0;
        const addNode = (spec: NodeSpec) => cache.addNode(buildNode(spec, next++));
        for (let i = 0; i < nodes; i++) addNode(specs[i % specs.length] as NodeSpec);
        const profile = { ...defaultProfile(), percentageOfNodesToScore: percentage };
        const cached = new Framework(profile);
        const plain = new Framework(profile);
        const rngs = [lcg(7), lcg(7)] as const;
        const cursors: SearchCursor[] = [0, 1].map(() => ({ nextStartNodeIndex: 0, percentageOfNodesToScore: 0 }));
        const bound: Pod[] = [];
        // Pending pods nominated to nodes (as preemption leaves them), told to both sides.
        const nominated: { pod: Pod; node: string }[] = [];
        const nominations = () => {
          const byNode = new Map<string, Pod[]>();
          for (const { pod, node } of nominated) byNode.set(node, [...(byNode.get(node) ?? []), pod]);
          return byNode;
        };
        let podCount = 0;
        for (const op of ops) {
          const present = cache.nodes;
          switch (op.kind) {
            case 'pod': {
              const pod = buildPod(templates[op.template] as PodSpecData, `p-${podCount++}`);
              const a = schedulePod(cached, pod, cache, rngs[0], cursors[0] as SearchCursor);
              const b = schedulePod(plain, pod, new ListSnapshot([...present], undefined, nominations()), rngs[1], cursors[1] as SearchCursor);
              expect(summary(a)).toEqual(summary(b));
              expect(cursors[0]?.nextStartNodeIndex).toBe(cursors[1]?.nextStartNodeIndex);
              if (a.kind === 'scheduled') {
                pod.spec.nodeName = a.node;
                cache.addPod(pod);
                bound.push(pod);
              }
              break;
            }
            case 'delete': {
              if (bound.length === 0) break;
              const [pod] = bound.splice(op.which % bound.length, 1);
              if (pod) cache.removePod(pod);
              break;
            }
            case 'update': {
              const info = present[op.node % Math.max(1, present.length)];
              if (!info) break;
              cache.updateNode({ ...buildNode(op.spec, info.index), name: info.name, labels: { ...buildNode(op.spec, info.index).labels, 'kubernetes.io/hostname': info.name } });
              break;
            }
            case 'remove': {
              const info = present[op.node % Math.max(1, present.length)];
              if (info && present.length > 1) cache.removeNode(info.node);
              break;
            }
            case 'add':
              addNode(op.spec);
              break;
            case 'nominate': {
              const info = present[op.node % Math.max(1, present.length)];
              if (!info) break;
              const pod = buildPod(templates[op.template] as PodSpecData, `n-${podCount++}`);
              cache.nominate(pod, info.name);
              nominated.push({ pod, node: info.name });
              break;
            }
            case 'unnominate': {
              if (nominated.length === 0) break;
              const [gone] = nominated.splice(op.which % nominated.length, 1);
              if (gone) cache.nominate(gone.pod, undefined);
              break;
            }
          }
        }
      }),
      { numRuns: Number(process.env.PODSIM_EQUIVALENCE_RUNS ?? 150) },
    );
  });
});
