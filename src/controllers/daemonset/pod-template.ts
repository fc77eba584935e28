import type { OwnerReference, Toleration } from '../../model/meta.js';
import type { Affinity, NodeSelectorTerm, Pod } from '../../model/pod.js';
import type { PodTemplate, PodTemplateSpec } from '../../model/scenario.js';
import {
  TAINT_NODE_DISK_PRESSURE,
  TAINT_NODE_MEMORY_PRESSURE,
  TAINT_NODE_NETWORK_UNAVAILABLE,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_UNSCHEDULABLE,
} from '../../model/taints.js';
import type { DaemonSet } from '../../model/workloads.js';
import { CONTROLLER_REVISION_HASH } from './constants.js';

/** metav1.ObjectNameField: the one field a node selector's matchFields may name. */
export const OBJECT_NAME_FIELD = 'metadata.name';

/** Toleration.MatchToleration: same key, operator, value and effect (absent is ''). */
function matchToleration(a: Toleration, b: Toleration): boolean {
  return (
    (a.key ?? '') === (b.key ?? '') &&
    a.operator === b.operator &&
    (a.value ?? '') === (b.value ?? '') &&
    (a.effect ?? '') === (b.effect ?? '')
  );
}

/**
 * v1helper.AddOrUpdateTolerationInPodSpec: a toleration matching `t` is
 * replaced by it (so a user's tolerationSeconds on not-ready is dropped),
 * otherwise `t` is appended.
 */
export function addOrUpdateToleration(tolerations: readonly Toleration[], t: Toleration): readonly Toleration[] {
  if (!tolerations.some((x) => matchToleration(x, t))) return [...tolerations, t];
  return tolerations.map((x) => (matchToleration(x, t) ? t : x));
}

const exists = (key: string, effect: Toleration['effect']): Toleration => ({ key, operator: 'Exists', effect });

/**
 * AddOrUpdateDaemonPodTolerations (pkg/controller/daemon/util): not-ready and
 * unreachable NoExecute with no tolerationSeconds (never evicted), the
 * node-condition NoSchedule taints and unschedulable, and network-unavailable
 * for hostNetwork pods. Added by the controller, so before admission: the
 * DefaultTolerationSeconds plugin then finds them and adds nothing.
 */
export function daemonPodTolerations(spec: PodTemplateSpec): readonly Toleration[] {
  const wanted = [
    exists(TAINT_NODE_NOT_READY, 'NoExecute'),
    exists(TAINT_NODE_UNREACHABLE, 'NoExecute'),
    exists(TAINT_NODE_DISK_PRESSURE, 'NoSchedule'),
    exists(TAINT_NODE_MEMORY_PRESSURE, 'NoSchedule'),
    exists(TAINT_NODE_PID_PRESSURE, 'NoSchedule'),
    exists(TAINT_NODE_UNSCHEDULABLE, 'NoSchedule'),
    ...(spec.hostNetwork ? [exists(TAINT_NODE_NETWORK_UNAVAILABLE, 'NoSchedule')] : []),
  ];
  return wanted.reduce(addOrUpdateToleration, spec.tolerations);
}

/**
 * ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes
 * the single term `matchFields metadata.name In [nodeName]`; preferred terms
 * and pod (anti-)affinity are kept.
 */
export function nodeNameAffinity(affinity: Affinity | undefined, nodeName: string): Affinity {
  const term: NodeSelectorTerm = { matchFields: [{ key: OBJECT_NAME_FIELD, operator: 'In', values: [nodeName] }] };
  return { ...affinity, nodeAffinity: { ...affinity?.nodeAffinity, required: { nodeSelectorTerms: [term] } } };
}

/**
 * GetTargetNodeName: the pod's node when bound, else the node its required
 * affinity names through `matchFields metadata.name In [x]`; undefined when
 * it names none (or several).
 */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec.affinity?.nodeAffinity?.required?.nodeSelectorTerms ?? []) {
    for (const req of term.matchFields ?? []) {
      if (req.key === OBJECT_NAME_FIELD && req.operator === 'In') {
        return req.values?.length === 1 ? req.values[0] : undefined;
      }
    }
  }
  return undefined;
}

/**
 * CreatePodTemplate: the DaemonSet's template with the daemon tolerations and
 * the `controller-revision-hash` label. (The deprecated
 * `pod-template-generation` label is not modelled: the hash alone tells
 * updated pods from old ones.)
 */
export function createPodTemplate(template: PodTemplate, hash: string): PodTemplate {
  return {
    labels: { ...template.labels, [CONTROLLER_REVISION_HASH]: hash },
    annotations: template.annotations,
    spec: { ...template.spec, tolerations: daemonPodTolerations(template.spec) },
  };
}

/** The pod template for `nodeName`: `template` (from createPodTemplate) pinned to the node by affinity. */
export function podTemplateForNode(template: PodTemplate, nodeName: string): PodTemplate {
  return { ...template, spec: { ...template.spec, affinity: nodeNameAffinity(template.spec.affinity, nodeName) } };
}

/** metav1.NewControllerRef(ds, DaemonSet). */
export function controllerRef(ds: DaemonSet): OwnerReference {
  return { kind: 'DaemonSet', name: ds.metadata.name, uid: ds.metadata.uid, controller: true };
}
