import type { Rng } from '../engine/random.js';
import { DEFAULT_SCHEDULER_NAME } from '../model/defaults.js';
import type { PluginArgs } from '../model/scheduler-config.js';
import type { Plugin } from './framework.js';
import { BalancedAllocation } from './plugins/balanced-allocation.js';
import { DefaultPreemption } from './plugins/default-preemption.js';
import { DynamicResources } from './plugins/dynamic-resources.js';
import { ImageLocality } from './plugins/image-locality.js';
import { InterPodAffinity } from './plugins/inter-pod-affinity.js';
import { NodeAffinity } from './plugins/node-affinity.js';
import { NodeName } from './plugins/node-name.js';
import { NodePorts } from './plugins/node-ports.js';
import { NodeResourcesFit } from './plugins/node-resources-fit.js';
import { NodeUnschedulable } from './plugins/node-unschedulable.js';
import { PodTopologySpread } from './plugins/pod-topology-spread.js';
import { TaintToleration, type TaintTolerationOptions } from './plugins/taint-toleration.js';

/** The extension points podsim runs plugins at. */
export type ExtensionPoint = 'preFilter' | 'filter' | 'postFilter' | 'preScore' | 'score';

/** A plugin enabled in a profile; `weight` multiplies its score (default 1); `disabled` lists points it is off at. */
export interface ProfilePlugin {
  readonly plugin: Plugin;
  readonly weight?: number;
  readonly disabled?: readonly ExtensionPoint[];
}

export function enabledAt(p: ProfilePlugin, point: ExtensionPoint): boolean {
  return p.disabled === undefined || !p.disabled.includes(point);
}

/**
 * A scheduling profile (KubeSchedulerProfile): the scheduler name pods select
 * it by, and its plugins in MultiPoint order, which is the order they run at
 * every extension point.
 */
export interface Profile {
  readonly schedulerName: string;
  readonly plugins: readonly ProfilePlugin[];
  /** The profile's percentageOfNodesToScore; undefined: the scheduler-wide value (0, adaptive, by default). */
  readonly percentageOfNodesToScore?: number;
}

export interface DefaultProfileOptions {
  readonly schedulerName?: string;
  readonly taintToleration?: TaintTolerationOptions;
  readonly pluginConfig?: PluginArgs;
  /** DefaultPreemption's offset draws. */
  readonly preemptionRng?: Rng;
}

/** The default plugins (apis/config/v1/default_plugins.go) with their MultiPoint weights, in upstream order. */
export const DEFAULT_PLUGIN_WEIGHTS: readonly (readonly [string, number | undefined])[] = [
  ['NodeUnschedulable', undefined],
  ['NodeName', undefined],
  ['TaintToleration', 3],
  ['NodeAffinity', 2],
  ['NodePorts', undefined],
  ['NodeResourcesFit', 1],
  ['PodTopologySpread', 2],
  ['InterPodAffinity', 2],
  ['DynamicResources', undefined],
  ['DefaultPreemption', undefined],
  ['NodeResourcesBalancedAllocation', 1],
  ['ImageLocality', 1],
];

/** A new instance of a default plugin by name, configured by `options`. */
export function newPlugin(name: string, options: DefaultProfileOptions = {}): Plugin | undefined {
  const args = options.pluginConfig ?? {};
  switch (name) {
    case 'NodeUnschedulable':
      return new NodeUnschedulable();
    case 'NodeName':
      return new NodeName();
    case 'TaintToleration':
      return new TaintToleration(options.taintToleration);
    case 'NodeAffinity':
      return new NodeAffinity();
    case 'NodePorts':
      return new NodePorts();
    case 'NodeResourcesFit':
      return new NodeResourcesFit(args.NodeResourcesFit);
    case 'PodTopologySpread':
      return new PodTopologySpread(args.PodTopologySpread);
    case 'InterPodAffinity':
      return new InterPodAffinity(args.InterPodAffinity);
    case 'DynamicResources':
      return new DynamicResources();
    case 'DefaultPreemption':
      return new DefaultPreemption(args.DefaultPreemption, options.preemptionRng);
    case 'NodeResourcesBalancedAllocation':
      return new BalancedAllocation(args.NodeResourcesBalancedAllocation);
    case 'ImageLocality':
      return new ImageLocality();
    default:
      return undefined;
  }
}

/**
 * The default profile: NodeUnschedulable, NodeName, TaintToleration (3),
 * NodeAffinity (2), NodePorts, NodeResourcesFit (1), PodTopologySpread (2),
 * InterPodAffinity (2), DynamicResources (DRA is GA and on since v1.34, so it
 * sits before DefaultPreemption), DefaultPreemption,
 * NodeResourcesBalancedAllocation (1), ImageLocality (1). The volume
 * plugins, PrioritySort and DefaultBinder have nothing to do for podsim pods;
 * SchedulingGates (PreEnqueue) is the queue's (plugins/scheduling-gates.ts).
 */
export function defaultProfile(options: DefaultProfileOptions = {}): Profile {
  return {
    schedulerName: options.schedulerName ?? DEFAULT_SCHEDULER_NAME,
    plugins: DEFAULT_PLUGIN_WEIGHTS.map(([name, weight]) => ({
      plugin: newPlugin(name, options) as Plugin,
      ...(weight !== undefined ? { weight } : {}),
    })),
  };
}
