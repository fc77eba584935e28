import type { Millis } from '../../model/meta.js';

/*
 * Constants of pkg/controller/nodelifecycle (node_lifecycle_controller.go,
 * scheduler/rate_limited_queue.go) and the kube-controller-manager flags'
 * defaults (cmd/kube-controller-manager/app/options/nodelifecyclecontroller.go)
 * that podsim does not expose as knobs.
 */

/** scheduler.NodeEvictionPeriod: doNoExecuteTaintingPass runs this often (a 100 ms grid from t = 0). */
export const NODE_EVICTION_PERIOD_MS: Millis = 100;

/** --secondary-node-eviction-rate: a partially disrupted zone's rate, if it is large. */
export const SECONDARY_NODE_EVICTION_RATE = 0.01;

/** --large-cluster-size-threshold: a zone of at most this many nodes gets no evictions when partially disrupted. */
export const LARGE_CLUSTER_SIZE_THRESHOLD = 50;

/** --unhealthy-zone-threshold: the share of not-Ready nodes (with more than 2 of them) that makes a zone partially disrupted. */
export const UNHEALTHY_ZONE_THRESHOLD = 0.55;

/** Nodes with this label are left out of the zone disruption counts (labelNodeDisruptionExclusion). */
export const LABEL_NODE_DISRUPTION_EXCLUSION = 'node.kubernetes.io/exclude-disruption';

/** Event reasons: RecordNodeStatusChange, RecordNodeEvent, MarkPodsNotReady (pkg/controller/util/node/controller_utils.go). */
export const REASON = {
  NodeNotReady: 'NodeNotReady',
  RegisteredNode: 'RegisteredNode',
  RemovingNode: 'RemovingNode',
} as const;

/** RecordNodeStatusChange: `Node <name> status is now: <status>`. */
export const nodeStatusIsNow = (node: string, status: string): string => `Node ${node} status is now: ${status}`;

/** RecordNodeEvent: `Node <name> event: <event>`. */
export const nodeEvent = (node: string, event: string): string => `Node ${node} event: ${event}`;
export const registeredNode = (node: string): string => nodeEvent(node, `Registered Node ${node} in Controller`);
export const removingNode = (node: string): string => nodeEvent(node, `Removing Node ${node} from Controller`);

/** MarkPodsNotReady's Warning event on each pod whose Ready condition it turned False. */
export const POD_NODE_NOT_READY_MESSAGE = 'Node is not ready';

/**
 * The pod status reason and message podsim's reportUnknownPhase gives a pod
 * on a lost node (pkg/util/node: NodeUnreachablePodReason and
 * NodeUnreachablePodMessage, which the legacy eviction path set).
 */
export const NODE_LOST = 'NodeLost';
export const nodeLostMessage = (node: string, pod: string): string => `Node ${node} which was running pod ${pod} is unresponsive`;

/** Where Events about cluster-scoped objects live (client-go record: an empty namespace becomes "default"). */
export const EVENT_NAMESPACE = 'default';
