/**
 * The DaemonSet controller's names and limits, verbatim from
 * pkg/controller/daemon/daemon_controller.go, k8s.io/api/apps/v1 (types.go)
 * and cmd/kube-controller-manager/app/apps.go.
 */

/** The pod label holding the template hash (apps.DefaultDaemonSetUniqueLabelKey = ControllerRevisionHashLabelKey). */
export const CONTROLLER_REVISION_HASH = 'controller-revision-hash';

/** `BurstReplicas`: pods one sync creates (and, separately, deletes) at most. */
export const BURST_REPLICAS = 250;

/** The failed-pod back-off (`flowcontrol.NewBackOff(1*time.Second, 15*time.Minute)` in apps.go). */
export const FAILED_PODS_BACKOFF = { initialMs: 1000, maxMs: 15 * 60_000 } as const;

/** Event reasons (daemon_controller.go and controller_utils.go). */
export const DaemonSetReason = {
  SuccessfulCreate: 'SuccessfulCreate',
  SuccessfulDelete: 'SuccessfulDelete',
  FailedDaemonPod: 'FailedDaemonPod',
  SucceededDaemonPod: 'SucceededDaemonPod',
  SelectingAll: 'SelectingAll',
} as const;

export const MESSAGE_SELECTING_ALL = 'This daemon set is selecting all pods. A non-empty selector is required.';

export const createdPodMessage = (pod: string): string => `Created pod: ${pod}`;
export const deletedPodMessage = (pod: string): string => `Deleted pod: ${pod}`;
export const failedDaemonPodMessage = (ns: string, pod: string, node: string): string =>
  `Found failed daemon pod ${ns}/${pod} on node ${node}, will try to kill it`;
export const succeededDaemonPodMessage = (ns: string, pod: string, node: string): string =>
  `Found succeeded daemon pod ${ns}/${pod} on node ${node}, will try to delete it`;
