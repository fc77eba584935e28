import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/model/node.js';
import type { Pod } from '../../src/model/pod.js';
import { SchedulerCache } from '../../src/scheduler/cache.js';
import type { NodeInfo } from '../../src/scheduler/nodeinfo.js';
import { requiredAffinityFilter, requiredAffinityMatches } from '../../src/scheduler/plugins/node-affinity.js';
import { constraintsFor, hasAllKeys, LABEL_HOSTNAME, SYSTEM_DEFAULT_CONSTRAINTS } from '../../src/scheduler/plugins/spread-constraints.js';
import { spreadPreScore, spreadScore, type SpreadPreScoreState } from '../../src/scheduler/plugins/spread-scoring.js';
import { TopologyColumn } from '../../src/scheduler/plugins/topology-column.js';
import { domainCountsOf, type NodeFilter, type PodMatcher, type Snapshot } from '../../src/scheduler/snapshot.js';
import { makeNode, makePod } from './world.js';

/**
 * The cache's per-domain sums are kept up to date as pods and nodes change
 * (PodCountIndex.nodeChanged and its pod bumps); they must always equal a
 * sum worked out afresh over the present nodes from the same per-node
 * counts, whatever the order of node additions, relabellings, removals
 * (ghosts), re-additions, bindings, terminations and removals of pods, and
 * whenever the sum was first asked for.
 */

const ZONE = 'topology.kubernetes.io/zone';
const POOL = 'pool';
const NAMES = ['n0', 'n1', 'n2', 'n3'];

const labelsArb = fc.record({
  zone: fc.constantFrom('a', 'b', '', undefined),
  pool: fc.constantFrom('x', 'y', undefined),
  hostname: fc.boolean(),
});
type LabelSpec = { zone: string | undefined; pool: string | undefined; hostname: boolean };

const opArb = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('node' as const), name: fc.constantFrom(...NAMES), labels: labelsArb }), weight: 2 },
  fc.record({ op: fc.constant('removeNode' as const), name: fc.constantFrom(...NAMES) }),
  {
    arbitrary: fc.record({ op: fc.constant('pod' as const), node: fc.constantFrom(...NAMES), app: fc.constantFrom('web', 'web', 'db'), ns: fc.constantFrom('default', 'other') }),
    weight: 3,
  },
  fc.record({ op: fc.constant('removePod' as const), which: fc.nat() }),
  fc.record({ op: fc.constant('terminate' as const), which: fc.nat() }),
  fc.record({ op: fc.constant('ask' as const), query: fc.nat({ max: 5 }) }),
);

const webMatcher: PodMatcher = {
  key: 'test|default|web',
  skipTerminating: true,
  matches: (p) => p.metadata.namespace === 'default' && p.metadata.labels.app === 'web',
};

const poolX: NodeFilter = requiredAffinityFilter(makePod('selector', { nodeSelector: { [POOL]: 'x' } })) as NodeFilter;

/** The sums asked for: topology key, required keys, node filter. */
const QUERIES: readonly (readonly [string, readonly string[], NodeFilter | undefined])[] = [
  [ZONE, [ZONE], undefined],
  [ZONE, [], undefined],
  [ZONE, [ZONE, POOL], undefined],
  [ZONE, [ZONE], poolX],
  [ZONE, [], poolX],
  [POOL, [POOL, ZONE], undefined],
];

function labelsOf(name: string, spec: LabelSpec): Record<string, string> {
  const labels: Record<string, string> = spec.hostname ? { 'kubernetes.io/hostname': name } : {};
  if (spec.zone !== undefined) labels[ZONE] = spec.zone;
  if (spec.pool !== undefined) labels[POOL] = spec.pool;
  return labels;
}

type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

/** A cluster of cache, nodes by name and bound pods, changed one op at a time. */
class Changes {
  readonly nodes = new Map<string, Node>();
  readonly pods: Pod[] = [];
  private serial = 0;

  constructor(readonly cache: SchedulerCache) {}

  /** Applies a change; 'ask' ops are the caller's (false). */
  apply(o: Op): boolean {
    const { cache, nodes, pods } = this;
    if (o.op === 'node') {
      const present = nodes.get(o.name);
      if (present !== undefined) {
        (present as { labels: Record<string, string> }).labels = labelsOf(o.name, o.labels);
        cache.updateNode(present);
      } else {
        const node = { ...makeNode(o.name), labels: labelsOf(o.name, o.labels) };
        nodes.set(o.name, node);
        cache.addNode(node);
      }
    } else if (o.op === 'removeNode') {
      const node = nodes.get(o.name);
      if (node !== undefined) {
        nodes.delete(o.name);
        cache.removeNode(node);
      }
    } else if (o.op === 'pod') {
      if (!nodes.has(o.node)) return true;
      const pod = labelled(makePod(`p${this.serial++}`, { namespace: o.ns, nodeName: o.node }), o.app);
      pods.push(pod);
      cache.addPod(pod);
    } else if (o.op === 'removePod') {
      if (pods.length === 0) return true;
      const [pod] = pods.splice(o.which % pods.length, 1);
      cache.removePod(pod as Pod);
    } else if (o.op === 'terminate') {
      const pod = pods.length === 0 ? undefined : pods[o.which % pods.length];
      if (pod === undefined || pod.metadata.deletionTimestamp !== undefined) return true;
      pod.metadata.deletionTimestamp = 1;
      cache.podTerminating(pod);
    } else return false;
    return true;
  }
}

const labelled = (pod: Pod, app: string): Pod => ({ ...pod, metadata: { ...pod.metadata, labels: { app } } });

const sorted = (m: ReadonlyMap<string, number>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

describe('per-domain sums kept incrementally', () => {
  it('equal a fresh sum over the present nodes after any sequence of pod and node changes', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60, size: 'medium' }), (ops) => {
        const cache = new SchedulerCache();
        const changes = new Changes(cache);
        const asked = new Set<number>();
        const check = () => {
          for (const q of asked) {
            const [key, required, filter] = QUERIES[q] as (typeof QUERIES)[number];
            const kept = cache.domainCounts(webMatcher, key, required, filter);
            const fresh = domainCountsOf(cache.nodes, cache.podCounts(webMatcher), key, required, filter);
            expect(sorted(kept)).toEqual(sorted(fresh));
          }
        };
        for (const o of ops) {
          if (!changes.apply(o) && o.op === 'ask') {
            asked.add(o.query);
            const [key, required, filter] = QUERIES[o.query] as (typeof QUERIES)[number];
            cache.domainCounts(webMatcher, key, required, filter);
          }
          check();
        }
      }),
      { numRuns: 300 },
    );
  });

  it("counts a node without the topology key in the '' domain when no key is required", () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode('a', { labels: { [ZONE]: 'z1' } }));
    cache.addNode(makeNode('b'));
    const pod = labelled(makePod('p', { nodeName: 'b' }), 'web');
    cache.addPod(pod);
    expect(sorted(cache.domainCounts(webMatcher, ZONE, []))).toEqual([
      ['', 1],
      ['z1', 0],
    ]);
    expect(sorted(cache.domainCounts(webMatcher, ZONE, [ZONE]))).toEqual([['z1', 0]]);
  });
});

/**
 * PreScore's domain counts as they were worked out before the cache kept
 * them: a walk over every node of the snapshot (upstream's processAllNode).
 */
function preScoreByWalk(snapshot: Snapshot, pod: Pod, filtered: readonly NodeInfo[], systemDefaulted: boolean) {
  const constraints = constraintsFor(pod, 'ScheduleAnyway', SYSTEM_DEFAULT_CONSTRAINTS, snapshot);
  const requireAll = pod.spec.topologySpreadConstraints.length > 0 || !systemDefaulted;
  const ignored = new Set<number>();
  const counts = constraints.map(() => new Map<string, number>());
  for (const n of filtered) {
    const labels = n.node.labels;
    if (requireAll && !hasAllKeys(labels, constraints)) {
      ignored.add(n.index);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey !== LABEL_HOSTNAME) (counts[i] as Map<string, number>).set(labels[c.topologyKey] ?? '', 0);
    });
  }
  const columns = constraints.map((c) => snapshot.podCounts(c.matcher));
  for (const n of snapshot.nodes) {
    const labels = n.node.labels;
    if (requireAll && !hasAllKeys(labels, constraints)) continue;
    if (!requiredAffinityMatches(pod, n.node)) continue;
    constraints.forEach((c, i) => {
      if (c.topologyKey === LABEL_HOSTNAME) return;
      const m = counts[i] as Map<string, number>;
      const value = labels[c.topologyKey] ?? '';
      const current = m.get(value);
      if (current !== undefined) m.set(value, current + ((columns[i] as ArrayLike<number>)[n.index] ?? 0));
    });
  }
  return { ignored: [...ignored].sort(), counts: counts.map(sorted) };
}

/** Score as scoring.go writes it: the node's label values looked up in the PreScore counts. */
function scoreByLabels(s: SpreadPreScoreState, n: NodeInfo): number {
  if (s.ignored.has(n.index)) return 0;
  let score = 0;
  s.constraints.forEach((c, i) => {
    const labels = n.node.labels;
    if (!Object.hasOwn(labels, c.topologyKey)) return;
    const cnt = c.topologyKey === LABEL_HOSTNAME ? ((s.columns[i] as ArrayLike<number>)[n.index] ?? 0) : (s.counts[i]?.get(labels[c.topologyKey] as string) ?? 0);
    score += cnt * (s.weights[i] as number) + (c.maxSkew - 1);
  });
  return Math.round(score);
}

describe('PodTopologySpread PreScore from the kept sums', () => {
  const incomingArb = fc.record({
    selector: fc.constantFrom<Record<string, string> | undefined>(undefined, { [POOL]: 'x' }, { [ZONE]: 'a' }),
    own: fc.boolean(),
    systemDefaulted: fc.boolean(),
    pick: fc.array(fc.boolean(), { minLength: NAMES.length, maxLength: NAMES.length }),
  });

  it('gives the counts the walk over every node gave, and the scores of a lookup by label, after any sequence of changes', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 50, size: 'medium' }), fc.array(incomingArb, { minLength: 1, maxLength: 4 }), (ops, incoming) => {
        const cache = new SchedulerCache({ ownerSelector: () => ({ matchLabels: { app: 'web' } }) });
        const changes = new Changes(cache);
        let serial = 0;
        // Kept across the asks, as the plugin keeps its columns across cycles (nodes relabelled meanwhile).
        const columns = new Map<string, TopologyColumn>();
        const column = (key: string) => columns.get(key) ?? columns.set(key, new TopologyColumn(key)).get(key)!;
        const ask = () => {
          for (const a of incoming) {
            const pod = labelled(makePod(`in${serial++}`, a.selector === undefined ? {} : { nodeSelector: a.selector }), 'web');
            if (a.own) {
              (pod.spec as { topologySpreadConstraints: unknown }).topologySpreadConstraints = [
                { topologyKey: ZONE, maxSkew: 2, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } },
                { topologyKey: LABEL_HOSTNAME, maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } },
              ];
            }
            const filtered = cache.nodes.filter((_, i) => a.pick[i % a.pick.length]);
            const got = spreadPreScore(cache, pod, () => filtered, SYSTEM_DEFAULT_CONSTRAINTS, a.systemDefaulted, column);
            if (cache.nodes.length === 0) {
              expect(got).toBeUndefined();
              continue;
            }
            const want = preScoreByWalk(cache, pod, filtered, a.systemDefaulted);
            expect({ ignored: [...(got?.ignored ?? [])].sort(), counts: got?.counts.map(sorted) }).toEqual(want);
            if (got !== undefined) for (const n of cache.nodes) expect(spreadScore(got, n)).toBe(scoreByLabels(got, n));
          }
        };
        for (const o of ops) if (!changes.apply(o)) ask();
        ask();
      }),
      {
        numRuns: 400,
        examples: [
          // A node labelled zone='' that no filtered node numbered, while a filtered node lacks the zone: Go counts both as ''.
          [
            [
              { op: 'node', name: 'n2', labels: { zone: 'a', pool: 'x', hostname: false } },
              { op: 'node', name: 'n0', labels: { zone: undefined, pool: 'x', hostname: false } },
              { op: 'pod', node: 'n0', app: 'web', ns: 'default' },
              { op: 'node', name: 'n1', labels: { zone: '', pool: 'x', hostname: false } },
            ],
            [{ selector: undefined, own: false, systemDefaulted: true, pick: [false, true, false, false] }],
          ] as never,
        ],
      },
    );
  });
});
