import type { Labels, Millis, Taint } from './meta.js';
import type { ResourceList } from './resources.js';

export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** A node as podsim holds it: the parts of the Node API object the simulation uses. */
export interface Node {
  readonly name: string;
  readonly uid: string;
  /** Dense index in creation order, never reused; the scheduler's column index. */
  readonly index: number;
  labels: Labels;
  readonly annotations: Readonly<Record<string, string>>;
  taints: readonly Taint[];
  unschedulable: boolean;
  /** Requests may sum up to this. Includes `pods`. */
  readonly allocatable: ResourceList;
  readonly capacity: ResourceList;
  /** The Ready condition's status. */
  ready: ConditionStatus;
  /**
   * Heartbeats (lease renewals) as the API server hears them. Undefined while
   * the kubelet reaches the API: it then renews at creationTimestamp + k x
   * kubelet.statusUpdateFrequency, which nobody needs to schedule. Set (by the
   * kubelet, when it stops reaching the API: partition, crash) to the time of
   * the last renewal heard; cleared when it reports again.
   */
  lastHeartbeat?: Millis;
  creationTimestamp: Millis;
  /** Images present at creation (the kubelet owns the cache after that). */
  readonly images: readonly string[];
  /** The pool it came from, if any. */
  readonly pool?: string;
  /** Pod IP range prefix, e.g. `10.244.3` for 10.244.3.0/24. */
  readonly podCIDR: string;
}
