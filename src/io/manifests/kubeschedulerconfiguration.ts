import type { TopologySpreadConstraint } from '../../model/pod.js';
import {
  EXTENSION_POINTS,
  type ExtensionPointName,
  type KubeSchedulerConfiguration,
  type PluginArgs,
  type PluginSet,
  type ResourceSpec,
  type SchedulerProfileConfig,
} from '../../model/scheduler-config.js';
import type { KubeSchedulerConfigurationManifest } from '../../model/scenario.js';
import { DEFAULT_SCHEDULER_NAME } from '../../model/defaults.js';
import type { ObjectDocument } from '../documents.js';
import { readEnum } from '../values.js';
import type { Field } from '../yaml/field.js';
import type { KindConverter } from './registry.js';

const DEFAULT_RESOURCES: readonly ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];
const STRATEGIES = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'] as const;
/** The other extension points the API knows: accepted, not simulated. */
const OTHER_POINTS = ['queueSort', 'preEnqueue', 'reserve', 'permit', 'preBind', 'bind', 'postBind'];

function readPercentage(f: Field): number | undefined {
  const v = f.integer();
  if (v !== undefined && (v < 0 || v > 100)) f.invalid(v, 'not in valid range [0-100]');
  return v;
}

function readPluginSet(f: Field): PluginSet {
  return {
    enabled: f.child('enabled').items().map((p) => {
      const weight = p.child('weight').integer();
      return { name: p.child('name').string() ?? '', ...(weight !== undefined ? { weight } : {}) };
    }),
    disabled: f.child('disabled').items().map((p) => p.child('name').string() ?? ''),
  };
}

function readPlugins(f: Field): Partial<Record<ExtensionPointName, PluginSet>> {
  const out: Partial<Record<ExtensionPointName, PluginSet>> = {};
  for (const point of EXTENSION_POINTS) if (f.child(point).present) out[point] = readPluginSet(f.child(point));
  f.warnUnknown([...EXTENSION_POINTS, ...OTHER_POINTS], 'extension point');
  return out;
}

/** SetDefaults: resources default to cpu and memory; a weight of 0 (or none) is 1. */
function readResources(f: Field): ResourceSpec[] {
  const list = f.items().map((r) => ({ name: r.child('name').string() ?? '', weight: r.child('weight').integer() || 1 }));
  return list.length > 0 ? list : [...DEFAULT_RESOURCES];
}

function readConstraints(f: Field): TopologySpreadConstraint[] {
  return f.items().map((c) => ({
    maxSkew: c.child('maxSkew').integer() ?? 1,
    topologyKey: c.child('topologyKey').string() ?? '',
    whenUnsatisfiable: readEnum(c.child('whenUnsatisfiable'), ['DoNotSchedule', 'ScheduleAnyway'] as const) ?? 'DoNotSchedule',
  }));
}

/** pluginConfig entries with SetDefaults_<Plugin>Args applied. */
function readPluginConfig(f: Field): PluginArgs {
  const out: Record<string, unknown> = {};
  for (const entry of f.items()) {
    const name = entry.child('name').string() ?? '';
    const args = entry.child('args');
    if (name === 'NodeResourcesFit') {
      const s = args.child('scoringStrategy');
      const shape = s.child('requestedToCapacityRatio').child('shape').items().map((p) => ({
        utilization: p.child('utilization').integer() ?? 0,
        score: p.child('score').integer() ?? 0,
      }));
      const type = readEnum(s.child('type'), STRATEGIES) ?? 'LeastAllocated';
      if (type === 'RequestedToCapacityRatio' && shape.length === 0) s.child('requestedToCapacityRatio').child('shape').required('at least one point must be specified');
      out[name] = { scoringStrategy: { type, resources: readResources(s.child('resources')), ...(shape.length > 0 ? { shape } : {}) } };
    } else if (name === 'PodTopologySpread') {
      const type = readEnum(args.child('defaultingType'), ['System', 'List'] as const) ?? 'System';
      out[name] = { defaultingType: type, defaultConstraints: readConstraints(args.child('defaultConstraints')) };
    } else if (name === 'InterPodAffinity') {
      out[name] = {
        hardPodAffinityWeight: args.child('hardPodAffinityWeight').integer() ?? 1,
        ignorePreferredTermsOfExistingPods: args.child('ignorePreferredTermsOfExistingPods').boolean() ?? false,
      };
    } else if (name === 'DefaultPreemption') {
      out[name] = {
        minCandidateNodesPercentage: args.child('minCandidateNodesPercentage').integer() ?? 10,
        minCandidateNodesAbsolute: args.child('minCandidateNodesAbsolute').integer() ?? 100,
      };
    } else if (name === 'NodeResourcesBalancedAllocation') {
      out[name] = { resources: readResources(args.child('resources')) };
    }
  }
  return out as PluginArgs;
}

function readProfile(f: Field, single: boolean): SchedulerProfileConfig {
  const nameField = f.child('schedulerName');
  const name = nameField.string() ?? (single ? DEFAULT_SCHEDULER_NAME : '');
  if (name === '') nameField.required('schedulerName is required when there are multiple profiles');
  const pct = readPercentage(f.child('percentageOfNodesToScore'));
  return {
    schedulerName: name,
    ...(pct !== undefined ? { percentageOfNodesToScore: pct } : {}),
    plugins: readPlugins(f.child('plugins')),
    pluginConfig: readPluginConfig(f.child('pluginConfig')),
  };
}

/**
 * A KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) with
 * SetDefaults_KubeSchedulerConfiguration applied: one default profile when
 * none is given, the default scheduler name for a single unnamed profile,
 * percentageOfNodesToScore 0 (adaptive), backoff 1 s / 10 s. Profile names
 * must be unique.
 */
function convertConfiguration(obj: ObjectDocument): KubeSchedulerConfigurationManifest {
  const root = obj.field;
  const items = root.child('profiles').items();
  const profiles = items.map((p) => readProfile(p, items.length === 1));
  const seen = new Set<string>();
  items.forEach((p, i) => {
    const name = profiles[i]?.schedulerName ?? '';
    if (name !== '' && seen.has(name)) p.child('schedulerName').duplicate(name);
    seen.add(name);
  });
  const config: KubeSchedulerConfiguration = {
    percentageOfNodesToScore: readPercentage(root.child('percentageOfNodesToScore')) ?? 0,
    podInitialBackoffSeconds: root.child('podInitialBackoffSeconds').integer() ?? 1,
    podMaxBackoffSeconds: root.child('podMaxBackoffSeconds').integer() ?? 10,
    profiles: profiles.length > 0 ? profiles : [{ schedulerName: DEFAULT_SCHEDULER_NAME, plugins: {}, pluginConfig: {} }],
  };
  return { kind: 'KubeSchedulerConfiguration', source: obj.source, name: '', config };
}

export const kubeSchedulerConfigurationConverter: KindConverter = {
  kind: 'KubeSchedulerConfiguration',
  apiVersions: ['kubescheduler.config.k8s.io/v1'],
  convert: convertConfiguration,
};
