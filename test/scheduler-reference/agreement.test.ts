import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { Engine } from '../../src/engine/engine.js';
import { RandomStreams } from '../../src/engine/random.js';
import type { Pod } from '../../src/model/pod.js';
import { defaultProfile, type Profile } from '../../src/scheduler/profile.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { referenceEvaluate } from '../../bench/reference/evaluate.js';
import {
  FILTER_PLUGINS,
  SCORE_PLUGINS,
  type FilterPluginName,
  type ReferenceOptions,
  type ScorePluginName,
} from '../../bench/reference/types.js';
import { normalizeImage } from '../../src/model/images.js';
import { IMAGE_SIZES, buildNode, buildPod, clusterArb, type ClusterData, type Features } from './arbitraries.js';

/**
 * podsim's scheduler against the reference (bench/reference): on random
 * small clusters, with percentageOfNodesToScore 100, both must reach the same
 * verdict on every node (feasible or not, and which plugin rejected it with
 * which reasons), the same weighted total on every feasible node, and so the
 * same set of top-scoring nodes. Only what the podsim default profile has
 * today is compared and generated: the reference runs the same filter and
 * score plugins with the same weights, and hostPorts, spread constraints and
 * pod (anti-)affinity are generated only once the profile filters on them.
 * The property tightens by itself as plugins land. PODSIM_AGREEMENT_RUNS=5000
 * runs it longer.
 */

const profile: Profile = { ...defaultProfile(), percentageOfNodesToScore: 100 };
const has = (method: string) => (p: { plugin: object }) => typeof (p.plugin as Record<string, unknown>)[method] === 'function';
const filterNames = new Set(profile.plugins.filter(has('filter')).map((p) => p.plugin.name as string));
const scoreWeights = Object.fromEntries(
  profile.plugins.filter(has('score')).map((p) => [p.plugin.name as string, p.weight ?? 1]),
) as Partial<Record<ScorePluginName, number>>;

const unknownScores = Object.keys(scoreWeights).filter((n) => !(SCORE_PLUGINS as readonly string[]).includes(n));
const options: ReferenceOptions = {
  filters: FILTER_PLUGINS.filter((n: FilterPluginName) => filterNames.has(n)),
  scores: scoreWeights,
};
const features: Features = {
  hostPorts: filterNames.has('NodePorts'),
  spreadConstraints: filterNames.has('PodTopologySpread'),
  podAffinity: filterNames.has('InterPodAffinity'),
};

interface World {
  readonly scheduler: Scheduler;
  readonly cluster: Cluster;
  readonly incoming: Pod;
}

/** The cluster with its pods already bound, and a scheduler that starts from it (never run). */
function build(data: ClusterData): World {
  const engine = new Engine();
  const cluster = new Cluster(engine);
  const nodes = data.nodes.map((spec, i) => buildNode(spec, i));
  for (const node of nodes) cluster.addNode(node);
  data.existing.forEach((e, i) => cluster.createPod(buildPod(e.spec, `existing-${i}`, nodes[e.node % nodes.length]?.name)));
  const imageSize = (image: string) => IMAGE_SIZES.get(normalizeImage(image)) ?? 0;
  const scheduler = new Scheduler({ cluster, engine, streams: new RandomStreams(1), profiles: [profile], imageSize });
  return { scheduler, cluster, incoming: buildPod(data.incoming, 'incoming') };
}

function compare(data: ClusterData): void {
  const { scheduler, cluster, incoming } = build(data);
  const podsim = scheduler.evaluate(incoming);
  if (!podsim) throw new Error('no framework for default-scheduler');
  const ref = referenceEvaluate(incoming, { nodes: [...cluster.nodes()], pods: [...cluster.pods()], imageSizes: IMAGE_SIZES }, options);

  const podsimVerdicts = podsim.verdicts.map((v) => ({
    node: v.node,
    rejection: v.status && { plugin: v.status.plugin, code: v.status.code, reasons: [...v.status.reasons].sort() },
  }));
  const refVerdicts = ref.verdicts.map((v) => ({
    node: v.node,
    rejection: v.rejection && { plugin: v.rejection.plugin, code: v.rejection.code, reasons: [...v.rejection.reasons].sort() },
  }));
  expect(podsimVerdicts).toEqual(refVerdicts);

  const podsimScores = podsim.scores.map((s) => ({
    node: s.name,
    total: s.totalScore,
    byPlugin: Object.fromEntries(s.scores.map((p) => [p.plugin, p.score / (scoreWeights[p.plugin as ScorePluginName] ?? 1)])),
  }));
  const refScores = ref.scores.map((s) => ({ node: s.node, total: s.total, byPlugin: s.scores as Record<string, number> }));
  expect(podsimScores.map((s) => [s.node, s.total])).toEqual(refScores.map((s) => [s.node, s.total]));
  podsimScores.forEach((s, i) => {
    for (const plugin of Object.keys(scoreWeights)) {
      expect([s.node, plugin, s.byPlugin[plugin] ?? 0]).toEqual([s.node, plugin, refScores[i]?.byPlugin[plugin] ?? 0]);
    }
  });

  const top = Math.max(...podsim.scores.map((s) => s.totalScore));
  expect(podsim.scores.filter((s) => s.totalScore === top).map((s) => s.name)).toEqual(ref.best);
}

describe('podsim scheduler agrees with the reference implementation', () => {
  it('knows every score plugin of the podsim profile', () => {
    expect(unknownScores).toEqual([]);
  });

  it('generates what the profile filters on', () => {
    console.log(`agreement: filters ${[...filterNames].join(' ')}; scores ${JSON.stringify(scoreWeights)}; features ${JSON.stringify(features)}`);
  });

  it('gives the same verdicts, per-plugin scores, totals and best nodes on random small clusters', () => {
    fc.assert(
      fc.property(clusterArb(features), (data) => compare(data)),
      { numRuns: Number(process.env.PODSIM_AGREEMENT_RUNS ?? 150) },
    );
  });
});
