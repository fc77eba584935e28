import type { Pod } from '../../model/pod.js';
import { CPU, MEMORY, PODS, type ResourceList } from '../../model/resources.js';
import { ActionType, type ClusterEventWithHint, type EventObjects, type QueueingHint } from '../events.js';
import type { NodeResourcesFitArgs } from '../../model/scheduler-config.js';
import {
  PRE_FILTER_PASS,
  newStatus,
  stateKey,
  withPlugin,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
  type Status,
} from '../framework.js';
import { EPHEMERAL_STORAGE, isScalarResource, type NodeInfo } from '../nodeinfo.js';
import { podResources, type PodResources } from '../pod-resources.js';
import { leastAllocatedScorer, mostAllocatedScorer, requestedToCapacityRatioScorer } from './allocation-scorers.js';
import { DEFAULT_SCORING_RESOURCES } from './least-allocated.js';
import { ResourceAllocation } from './resource-allocation.js';

/** SetDefaults_NodeResourcesFitArgs: LeastAllocated over cpu and memory, weight 1 each. */
export const DEFAULT_FIT_ARGS: NodeResourcesFitArgs = {
  scoringStrategy: { type: 'LeastAllocated', resources: DEFAULT_SCORING_RESOURCES },
};

/** One resource a node lacks for the pod (noderesources.InsufficientResource). */
export interface InsufficientResource {
  readonly resource: string;
  /** `Insufficient cpu`, `Too many pods`, `Insufficient nvidia.com/gpu`... */
  readonly reason: string;
  readonly requested: number;
  readonly used: number;
  readonly capacity: number;
  /** The request exceeds the node's allocatable itself: preemption cannot help. */
  readonly unresolvable: boolean;
}

/** What fitsRequest needs of a node: NodeInfo, or an empty node for a queueing hint. */
export interface ResourceView {
  readonly podCount: number;
  allocatable(resource: string): number;
  requestedOf(resource: string): number;
}

const requestsKey = stateKey<PodResources>('PreFilterNodeResourcesFit');
const preScoreKey = stateKey<readonly number[]>('PreScoreNodeResourcesFit');

/**
 * NodeResourcesFit (plugins/noderesources/fit.go): Filter checks the pod's
 * effective requests against allocatable minus what the node's pods request,
 * and the pod count against allocatable `pods`. Score is the configured
 * strategy (LeastAllocated by default, MostAllocated, RequestedToCapacityRatio).
 * The scorer is built without `useRequested`, so in the current tree
 * (resource_allocation.go calculatePodResourceRequest,
 * NonMissingContainerRequests) it counts 100m / 200Mi for every container
 * that names no cpu / memory request, on both the pod and the node side
 * (NodeInfo.NonZeroRequested). Only BalancedAllocation uses real requests.
 */
export class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = 'NodeResourcesFit';
  private readonly allocation: ResourceAllocation;

  constructor(args: NodeResourcesFitArgs = DEFAULT_FIT_ARGS) {
    const { type, resources, shape } = args.scoringStrategy;
    const scorer =
      type === 'MostAllocated'
        ? mostAllocatedScorer(resources)
        : type === 'RequestedToCapacityRatio'
          ? requestedToCapacityRatioScorer(resources, shape ?? [])
          : leastAllocatedScorer(resources);
    this.allocation = new ResourceAllocation(resources, false, scorer);
  }

  preFilter(state: CycleState, pod: Pod): { status: Status | null } {
    state.write(requestsKey, podResources(pod));
    return PRE_FILTER_PASS;
  }

  /** Node-local: reads the pod's requests (Filter) and its scoring request list (Score). */
  equivalence(pod: Pod): string {
    return podResources(pod).key;
  }

  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    const resources = state.read(requestsKey) ?? podResources(pod);
    return fitsQuickly(resources, nodeInfo) ? null : insufficiency(resources, nodeInfo);
  }

  filterNodes(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], statuses: (Status | null)[]): void {
    const resources = state.read(requestsKey) ?? podResources(pod);
    for (let i = 0; i < nodes.length; i++) {
      if (statuses[i] !== null) continue;
      const nodeInfo = nodes[i] as NodeInfo;
      if (fitsQuickly(resources, nodeInfo)) continue;
      const status = insufficiency(resources, nodeInfo);
      if (status !== null) statuses[i] = withPlugin(status, this.name);
    }
  }

  preScore(state: CycleState, pod: Pod): Status | null {
    state.write(preScoreKey, this.allocation.podRequests(pod));
    return null;
  }

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    return this.allocation.score(nodeInfo, state.read(preScoreKey) ?? this.allocation.podRequests(pod));
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [
      { event: { resource: 'Pod', actionType: ActionType.Delete, label: 'Pod/Delete' }, hint: schedulableAfterPodEvent },
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeAllocatable, label: 'Node/Add|UpdateNodeAllocatable' },
        hint: schedulableAfterNodeChange,
      },
    ];
  }
}


/** The rejection of a node fitsQuickly refused; null when a closer look finds it fits after all. */
function insufficiency(resources: PodResources, nodeInfo: NodeInfo): Status | null {
  const insufficient = fitsRequest(resources.requests, nodeInfo);
  if (insufficient.length === 0) return null;
  const code = insufficient.some((r) => r.unresolvable) ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
  return newStatus(code, ...insufficient.map((r) => r.reason));
}

/** The allocation-free check of the common case: the pod fits (false means look closer with fitsRequest). */
function fitsQuickly(r: PodResources, node: NodeInfo): boolean {
  if (node.podCount + 1 > node.allowedPodNumber) return false;
  if (r.cpu !== 0 && r.cpu > node.allocatableCpu - node.requestedCpu) return false;
  if (r.memory !== 0 && r.memory > node.allocatableMemory - node.requestedMemory) return false;
  if (r.ephemeral !== 0 && r.ephemeral > node.allocatableEphemeral - node.requestedEphemeral) return false;
  const scalars = r.scalars;
  for (let i = 0; i < scalars.length; i++) {
    const [name, amount] = scalars[i] as readonly [string, number];
    if (amount !== 0 && amount > node.allocatable(name) - node.requestedOf(name)) return false;
  }
  return true;
}

/** fitsRequest: every resource the node lacks, in upstream's order (pods, cpu, memory, ephemeral-storage, scalars). */
export function fitsRequest(request: ResourceList, node: ResourceView): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const allowedPods = node.allocatable(PODS);
  if (node.podCount + 1 > allowedPods) {
    out.push({ resource: PODS, reason: 'Too many pods', requested: 1, used: node.podCount, capacity: allowedPods, unresolvable: false });
  }
  const scalars = Object.entries(request).filter(([name]) => isScalarResource(name));
  const basics = [CPU, MEMORY, EPHEMERAL_STORAGE].map((name) => [name, request[name] ?? 0] as const);
  if (basics.every(([, amount]) => amount === 0) && scalars.length === 0) return out;
  for (const [name, amount] of [...basics, ...scalars]) {
    if (amount === 0) continue;
    const capacity = node.allocatable(name);
    const used = node.requestedOf(name);
    if (amount > capacity - used) {
      out.push({ resource: name, reason: `Insufficient ${name}`, requested: amount, used, capacity, unresolvable: amount > capacity });
    }
  }
  return out;
}

/** A deleted assigned (or nominated) pod may free room; an unscheduled one cannot. */
function schedulableAfterPodEvent(_pod: Pod, objects: EventObjects): QueueingHint {
  if (objects.kind !== 'Pod') return 'Queue';
  if (objects.new !== undefined) return 'QueueSkip';
  const deleted = objects.old;
  if (deleted && deleted.spec.nodeName === undefined && !deleted.status.nominatedNodeName) return 'QueueSkip';
  return 'Queue';
}

/**
 * Queue when a node is added on which the pod fits while empty, or an update
 * raised an allocatable the pod needs (isSchedulableAfterNodeChange).
 */
function schedulableAfterNodeChange(pod: Pod, objects: EventObjects): QueueingHint {
  if (objects.kind !== 'Node') return 'Queue';
  const request = podResources(pod).requests;
  if (fitsRequest(request, emptyNode(objects.new.allocatable)).length > 0) return 'QueueSkip';
  if (objects.old === undefined) return 'Queue';
  return anyRequestedResourceIncreased(request, objects.old.allocatable, objects.new.allocatable) ? 'Queue' : 'QueueSkip';
}

function emptyNode(allocatable: ResourceList): ResourceView {
  return { podCount: 0, allocatable: (name) => allocatable[name] ?? 0, requestedOf: () => 0 };
}

function anyRequestedResourceIncreased(request: ResourceList, before: ResourceList, after: ResourceList): boolean {
  if ((after[PODS] ?? 0) > (before[PODS] ?? 0)) return true;
  return Object.entries(request).some(
    ([name, amount]) => amount > 0 && (name === CPU || name === MEMORY || name === EPHEMERAL_STORAGE || isScalarResource(name)) &&
      (after[name] ?? 0) > (before[name] ?? 0),
  );
}
