/*
 * Labels, event reasons and messages of the StatefulSet controller
 * (pkg/controller/statefulset, k8s.io/api/apps/v1 types.go).
 */

/** apps.ControllerRevisionHashLabelKey: the revision a pod was made from (getPodRevision). */
export const CONTROLLER_REVISION_HASH = 'controller-revision-hash';
/** apps.StatefulSetPodNameLabel: set on each pod to its own name (initIdentity). */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** apps.PodIndexLabel: the pod's ordinal (PodIndexLabel, on by default since v1.28, GA v1.32). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/** stateful_pod_control.go recordPodEvent: `Successful<Verb>` / `<verb> Pod <pod> in StatefulSet <set> successful`. */
export const REASON = { SuccessfulCreate: 'SuccessfulCreate', SuccessfulDelete: 'SuccessfulDelete' } as const;

export const podEventMessage = (verb: 'create' | 'delete', pod: string, set: string): string => `${verb} Pod ${pod} in StatefulSet ${set} successful`;
