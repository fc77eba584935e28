import type { Millis } from '../model/meta.js';

/** The invariants a simulated cluster must keep (what a real cluster cannot do, podsim must not). */
export const INVARIANTS = [
  /**
   * Requests of the non-terminal pods committed to a node never exceed its
   * allocatable (pods counted too): those the scheduler bound, and those bound
   * by their manifest once the kubelet admitted them.
   */
  'node-capacity',
  /** Phases change only through the cluster, never out of Succeeded or Failed; Running needs a node. */
  'phase-transition',
  /** A bound pod's node exists, or its removal was heard. */
  'node-exists',
  /** Controllers create no pods beyond replicas, surge, parallelism or one per node. */
  'controller-bound',
  /** Time never goes back; events are recorded at the time they happen. */
  'event-order',
  /** Pods created = pods in the API + pods removed; each pod created once and removed once. */
  'pod-conservation',
  /** Once its kubelet has seen a pod's deletion timestamp, no container of the pod starts. */
  'no-start-after-deletion',
] as const;
export type Invariant = (typeof INVARIANTS)[number];

/** One broken invariant: when, which object (`Node n-1`, `Pod default/web-x7k2p`), and what. */
export interface Violation {
  readonly timeMs: Millis;
  readonly invariant: Invariant;
  readonly object: string;
  readonly message: string;
}

/** `t=12.000s: node-capacity: Node n-1: ...`, one line. */
export function formatViolation(v: Violation): string {
  return `t=${(v.timeMs / 1000).toFixed(3)}s: ${v.invariant}: ${v.object}: ${v.message}`;
}
