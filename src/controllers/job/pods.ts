import type { PodDraft } from '../../api/admission.js';
import type { Pod, PodPhase } from '../../model/pod.js';
import { isPodReady, readySince } from '../../model/podutil.js';
import type { Job } from '../../model/workloads.js';
import {
  CONTROLLER_UID_LABEL,
  JOB_COMPLETION_INDEX,
  JOB_INDEX_FAILURE_COUNT,
  JOB_INDEX_IGNORED_FAILURE_COUNT,
  JOB_NAME_LABEL,
  LEGACY_CONTROLLER_UID_LABEL,
  LEGACY_JOB_NAME_LABEL,
  MAX_GENERATED_NAME_LENGTH,
} from './constants.js';
import { completionIndex } from './intervals.js';

/** onlyReplaceFailedPods: podReplacementPolicy Failed (always so with a podFailurePolicy). */
export function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec.podReplacementPolicy === 'Failed' || job.spec.podFailurePolicy !== undefined;
}

/**
 * isPodFailed: phase Failed, or (unless only failed pods are replaced) being
 * deleted without having succeeded: a terminating pod counts as failed at once.
 */
export function isPodFailed(pod: Pod, job: Job): boolean {
  if (pod.status.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return pod.metadata.deletionTimestamp !== undefined && pod.status.phase !== 'Succeeded';
}

/** IsPodTerminating: being deleted and not yet terminal. */
export function isPodTerminating(pod: Pod): boolean {
  return pod.metadata.deletionTimestamp !== undefined && pod.status.phase !== 'Succeeded' && pod.status.phase !== 'Failed';
}

/**
 * pastBackoffLimitOnFailure: under restartPolicy OnFailure, the restarts of
 * the Job's Pending and Running pods (init and app containers) reach
 * backoffLimit (with backoffLimit 0: any restart).
 */
export function pastBackoffLimitOnFailure(job: Job, pods: Iterable<Pod>): boolean {
  let restarts = 0;
  for (const p of pods) {
    if (p.status.phase !== 'Running' && p.status.phase !== 'Pending') continue;
    for (const s of p.status.initContainerStatuses) restarts += s.restartCount;
    for (const s of p.status.containerStatuses) restarts += s.restartCount;
  }
  return restartsPastBackoffLimit(job, restarts);
}

/** pastBackoffLimitOnFailure given the restart sum (JobPods keeps it). */
export function restartsPastBackoffLimit(job: Job, restarts: number): boolean {
  if (job.spec.template.spec.restartPolicy !== 'OnFailure') return false;
  return job.spec.backoffLimit === 0 ? restarts > 0 : restarts >= job.spec.backoffLimit;
}

/**
 * The pod a Job creates: its template with the labels the API server adds to
 * a Job's template (generateSelector), the completion index annotation and
 * label for an Indexed Job, generateName `<job>-` or `<job>-<index>-`, and a
 * controller ownerReference.
 */
export function podDraft(job: Job, index?: number, failures?: { count: number; ignored: number }): PodDraft {
  const { name, namespace } = job.metadata;
  const shared = sharedDraft(job);
  if (index === undefined) return { namespace, generateName: `${name}-`, ownerReferences: shared.ownerReferences, template: shared.template };
  const t = job.spec.template;
  const indexed = String(index);
  return {
    namespace,
    generateName: generateNameWithIndex(name, index),
    ownerReferences: shared.ownerReferences,
    template: { labels: podLabels(job, indexed), annotations: indexAnnotations(t.annotations, indexed, failures), spec: t.spec },
  };
}

/** What every pod of a Job shares: its controller reference, and a NonIndexed Job's whole template. */
interface SharedDraft {
  readonly ownerReferences: PodDraft['ownerReferences'];
  readonly template: PodDraft['template'];
}

/**
 * Kept per Job template object (a Job's template never changes), so the pods
 * hold one reference list, and admission, which works a template out once per
 * template object, admits a NonIndexed Job's pods from one template.
 */
const sharedDrafts = new WeakMap<object, SharedDraft>();

function sharedDraft(job: Job): SharedDraft {
  const t = job.spec.template;
  const { name, uid } = job.metadata;
  let shared = sharedDrafts.get(t);
  const owner = shared?.ownerReferences[0];
  // A template object shared by two Jobs (none podsim makes) gets the Job asking now.
  if (shared === undefined || owner?.uid !== uid || owner.name !== name) {
    shared = {
      ownerReferences: [{ kind: 'Job', name, uid, controller: true }],
      template: { labels: podLabels(job, undefined), annotations: t.annotations, spec: t.spec },
    };
    sharedDrafts.set(t, shared);
  }
  return shared;
}

/** The completion index, and with backoffLimitPerIndex the index's failure counts (addIndexFailureCountAnnotation). */
function indexAnnotations(
  own: Readonly<Record<string, string>>,
  index: string,
  failures: { count: number; ignored: number } | undefined,
): Readonly<Record<string, string>> {
  const out: Record<string, string> = { ...own, [JOB_COMPLETION_INDEX]: index };
  if (failures === undefined) return out;
  out[JOB_INDEX_FAILURE_COUNT] = String(failures.count);
  if (failures.ignored > 0) out[JOB_INDEX_IGNORED_FAILURE_COUNT] = String(failures.ignored);
  return out;
}

/** The template's labels plus generateSelector's (a value the user set is kept), and an Indexed Job's index label. */
function podLabels(job: Job, index: string | undefined): Readonly<Record<string, string>> {
  const t = job.spec.template;
  const { name, uid } = job.metadata;
  const labels: Record<string, string> = {
    ...t.labels,
    [CONTROLLER_UID_LABEL]: t.labels[CONTROLLER_UID_LABEL] ?? uid,
    [JOB_NAME_LABEL]: t.labels[JOB_NAME_LABEL] ?? name,
    [LEGACY_CONTROLLER_UID_LABEL]: t.labels[LEGACY_CONTROLLER_UID_LABEL] ?? uid,
    [LEGACY_JOB_NAME_LABEL]: t.labels[LEGACY_JOB_NAME_LABEL] ?? name,
  };
  if (index !== undefined) labels[JOB_COMPLETION_INDEX] = index;
  return labels;
}

/** podGenerateNameWithIndex: `<job>-<index>-`, the job name cut so the prefix fits. */
export function generateNameWithIndex(jobName: string, index: number): string {
  const suffix = `-${index}-`;
  const prefix = jobName + suffix;
  if (prefix.length <= MAX_GENERATED_NAME_LENGTH) return prefix;
  return prefix.slice(0, MAX_GENERATED_NAME_LENGTH - suffix.length) + suffix;
}

const PHASE_ORDINAL: Partial<Record<PodPhase, number>> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * controller.ActivePods.Less: the pod to delete first is unassigned, then
 * earlier in its phase, not ready, ready more recently, restarted more,
 * created later. Ties keep the input order (creation order).
 */
export function activePodsLess(a: Pod, b: Pod): number {
  const an = a.spec.nodeName ?? '';
  const bn = b.spec.nodeName ?? '';
  if (an !== bn && (an === '' || bn === '')) return an === '' ? -1 : 1;
  const pa = PHASE_ORDINAL[a.status.phase] ?? 0;
  const pb = PHASE_ORDINAL[b.status.phase] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  if (ra && rb) {
    const ta = readySince(a) ?? 0;
    const tb = readySince(b) ?? 0;
    if (ta !== tb) return tb - ta;
  }
  const ca = maxContainerRestarts(a);
  const cb = maxContainerRestarts(b);
  if (ca !== cb) return cb - ca;
  return b.metadata.creationTimestamp - a.metadata.creationTimestamp;
}

function maxContainerRestarts(pod: Pod): number {
  let n = 0;
  for (const s of pod.status.containerStatuses) n = Math.max(n, s.restartCount);
  return n;
}

/**
 * activePodsForRemoval: at least `rmAtLeast` active pods to delete. In an
 * Indexed Job, pods without a valid index or repeating one (all but the best
 * of each index) go first.
 */
export function activePodsForRemoval(job: Job, pods: readonly Pod[], rmAtLeast: number): Pod[] {
  let rm: Pod[] = [];
  let left: Pod[] = [...pods];
  if (job.spec.completionMode === 'Indexed') [rm, left] = duplicatedIndexPods(pods, job.spec.completions ?? 0);
  if (rm.length < rmAtLeast) rm = rm.concat(left.sort(activePodsLess).slice(0, rmAtLeast - rm.length));
  return rm;
}

/**
 * appendDuplicatedIndexPodsForRemoval: [to remove, to keep], in index order:
 * pods without an index, all but the best of each repeated index, then pods
 * whose index is at or above `completions`.
 */
function duplicatedIndexPods(pods: readonly Pod[], completions: number): [Pod[], Pod[]] {
  const rm: Pod[] = [];
  const left: Pod[] = [];
  const sorted = pods.map((p) => ({ p, ix: completionIndex(p) })).sort((a, b) => a.ix - b.ix);
  let i = 0;
  while (i < sorted.length) {
    const ix = sorted[i]!.ix;
    if (ix >= completions) {
      rm.push(...sorted.slice(i).map((x) => x.p));
      break;
    }
    let j = i;
    while (j < sorted.length && sorted[j]!.ix === ix) j++;
    const group = sorted.slice(i, j).map((x) => x.p);
    if (ix < 0) rm.push(...group);
    else {
      group.sort(activePodsLess);
      rm.push(...group.slice(0, -1));
      left.push(group[group.length - 1]!);
    }
    i = j;
  }
  return [rm, left];
}
