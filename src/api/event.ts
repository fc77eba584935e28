import type { Millis } from '../model/meta.js';

/** A Kubernetes Event (what `kubectl get events` shows). */
export interface KubeEvent {
  readonly time: Millis;
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  /** The involved object's kind: Pod, Node, ReplicaSet, Job... */
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** The node involved, if any (the pod's node, or the node itself). */
  readonly node: string;
  readonly message: string;
}
