import { DEFAULT_SCHEDULER_NAME } from '../model/defaults.js';
import type { Plugin } from './framework.js';
import { DefaultPreemption } from './plugins/default-preemption.js';
import { DynamicResources } from './plugins/dynamic-resources.js';
import { NodeAffinity } from './plugins/node-affinity.js';
import { NodeName } from './plugins/node-name.js';
import { NodeResourcesFit } from './plugins/node-resources-fit.js';
import { NodeUnschedulable } from './plugins/node-unschedulable.js';
import { TaintToleration, type TaintTolerationOptions } from './plugins/taint-toleration.js';

/** A plugin enabled in a profile; `weight` multiplies its score (default 1). */
export interface ProfilePlugin {
  readonly plugin: Plugin;
  readonly weight?: number;
}

/**
 * A scheduling profile (KubeSchedulerProfile): the scheduler name pods select
 * it by, and its plugins in MultiPoint order, which is the order they run at
 * every extension point.
 */
export interface Profile {
  readonly schedulerName: string;
  readonly plugins: readonly ProfilePlugin[];
  /**
   * Seam: percentageOfNodesToScore (0 = adaptive, upstream's default). Not
   * applied yet: every node is evaluated.
   */
  readonly percentageOfNodesToScore?: number;
}

export interface DefaultProfileOptions {
  readonly schedulerName?: string;
  readonly taintToleration?: TaintTolerationOptions;
}

/**
 * The part of the default profile (apis/config/v1/default_plugins.go) podsim
 * implements so far, in upstream order: NodeUnschedulable, NodeName,
 * TaintToleration (3), NodeAffinity (2), NodeResourcesFit (1), then the
 * PostFilters DynamicResources and DefaultPreemption. Still to come: NodePorts,
 * PodTopologySpread, InterPodAffinity, BalancedAllocation, ImageLocality and
 * the TaintToleration/NodeAffinity scores.
 */
export function defaultProfile(options: DefaultProfileOptions = {}): Profile {
  return {
    schedulerName: options.schedulerName ?? DEFAULT_SCHEDULER_NAME,
    plugins: [
      { plugin: new NodeUnschedulable() },
      { plugin: new NodeName() },
      { plugin: new TaintToleration(options.taintToleration), weight: 3 },
      { plugin: new NodeAffinity(), weight: 2 },
      { plugin: new NodeResourcesFit(), weight: 1 },
      { plugin: new DynamicResources() },
      { plugin: new DefaultPreemption() },
    ],
  };
}
