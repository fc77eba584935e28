import type { Deployment, ReplicaSet } from '../../model/workloads.js';
import { equalIgnoreHash } from './hash.js';

/**
 * A Deployment's ReplicaSets as deployment_util.go and controller_utils.go
 * see them: annotations, revisions, which one is new, counts and orders.
 * Creation times compare at the API's one-second precision, ties by name.
 */

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';

/** annotationsToSkip: never copied from the Deployment to its ReplicaSets. */
const ANNOTATIONS_TO_SKIP: ReadonlySet<string> = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
]);

/** The longest revision-history annotation kept (maxRevHistoryLengthInChars). */
const MAX_REV_HISTORY_LENGTH = 2000;

type Annotations = Readonly<Record<string, string>>;

/** Replaces an object's annotations (copy on write: the old map may be shared with its manifest). */
export function setAnnotations(obj: { readonly metadata: { readonly annotations: Annotations } }, next: Annotations): void {
  (obj.metadata as { annotations: Annotations }).annotations = next;
}

/** A whole-number annotation (strconv.Atoi), undefined when absent or not a number. */
export function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata.annotations[key];
  return v !== undefined && /^[+-]?[0-9]+$/.test(v) ? Number(v) : undefined;
}

/** Revision: 0 without the annotation, undefined when it does not parse. */
export function revision(rs: ReplicaSet): number | undefined {
  return rs.metadata.annotations[REVISION_ANNOTATION] === undefined ? 0 : intAnnotation(rs, REVISION_ANNOTATION);
}

/** MaxRevision: the highest parseable revision, 0 for none. */
export function maxRevision(rss: readonly ReplicaSet[]): number {
  return rss.reduce((max, rs) => Math.max(max, revision(rs) ?? 0), 0);
}

const apiSeconds = (rs: ReplicaSet) => Math.floor(rs.metadata.creationTimestamp / 1000);

/** ReplicaSetsByCreationTimestamp.Less. */
export function olderThan(a: ReplicaSet, b: ReplicaSet): boolean {
  const ta = apiSeconds(a);
  const tb = apiSeconds(b);
  return ta === tb ? a.metadata.name < b.metadata.name : ta < tb;
}

const order = (less: (a: ReplicaSet, b: ReplicaSet) => boolean) => (a: ReplicaSet, b: ReplicaSet) =>
  less(a, b) ? -1 : less(b, a) ? 1 : 0;

export const byCreationTimestamp = order(olderThan);

/** ReplicaSetsBySizeNewer: larger first, then newer. */
export const bySizeNewer = order((a, b) =>
  a.spec.replicas === b.spec.replicas ? olderThan(b, a) : a.spec.replicas > b.spec.replicas,
);

/** ReplicaSetsBySizeOlder: larger first, then older. */
export const bySizeOlder = order((a, b) =>
  a.spec.replicas === b.spec.replicas ? olderThan(a, b) : a.spec.replicas > b.spec.replicas,
);

/** ReplicaSetsByRevision: lower revision first; unparseable or equal revisions by creation. */
export const byRevision = order((a, b) => {
  const ra = revision(a);
  const rb = revision(b);
  return ra === undefined || rb === undefined || ra === rb ? olderThan(a, b) : ra < rb;
});

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's, hash label aside. */
export function findNewReplicaSet(d: Deployment, rsList: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...rsList].sort(byCreationTimestamp).find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
}

/** FindOldReplicaSets' second result: every ReplicaSet but the new one, oldest first. */
export function findOldReplicaSets(rsList: readonly ReplicaSet[], newRS: ReplicaSet | undefined): ReplicaSet[] {
  return [...rsList].sort(byCreationTimestamp).filter((rs) => rs !== newRS);
}

/** FilterActiveReplicaSets: those that ought to have pods. */
export function filterActive(rss: readonly ReplicaSet[]): ReplicaSet[] {
  return rss.filter((rs) => rs.spec.replicas > 0);
}

/** GetReplicaCountForReplicaSets: the sum of spec.replicas. */
export function replicaCount(rss: readonly ReplicaSet[]): number {
  return rss.reduce((n, rs) => n + rs.spec.replicas, 0);
}

/** The sum of a status field (GetActual/Ready/AvailableReplicaCountForReplicaSets). */
export function statusCount(rss: readonly ReplicaSet[], field: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
  return rss.reduce((n, rs) => n + rs.status[field], 0);
}

/**
 * FindActiveOrLatest: the one active ReplicaSet, or the newest when none is
 * active; undefined when several are active (they scale proportionally).
 */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort(byCreationTimestamp).reverse();
  const active = filterActive(newRS ? [...newestFirst, newRS] : newestFirst);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** SetReplicasAnnotations' values, or undefined when they are already there (ReplicasAnnotationsNeedUpdate). */
export function replicasAnnotations(rs: { metadata: { annotations: Annotations } }, desired: number, max: number): Annotations | undefined {
  const a = rs.metadata.annotations;
  if (a[DESIRED_REPLICAS_ANNOTATION] === String(desired) && a[MAX_REPLICAS_ANNOTATION] === String(max)) return undefined;
  return { ...a, [DESIRED_REPLICAS_ANNOTATION]: String(desired), [MAX_REPLICAS_ANNOTATION]: String(max) };
}

/**
 * SetNewReplicaSetAnnotations: the Deployment's annotations (but the skipped
 * ones) copied over, the revision raised to `newRevision` (the old one moved
 * into revision-history), and for a ReplicaSet about to be created the
 * replicas annotations (`maxReplicas` = replicas + maxSurge). Returns the new
 * map, or undefined when nothing changes.
 */
export function newReplicaSetAnnotations(
  d: Deployment,
  current: Annotations,
  newRevision: number,
  replicas?: { desired: number; max: number },
): Annotations | undefined {
  const next: Record<string, string> = { ...current };
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations)) {
    if (ANNOTATIONS_TO_SKIP.has(k) || next[k] === v) continue;
    next[k] = v;
    changed = true;
  }
  const oldRevision = current[REVISION_ANNOTATION];
  const oldInt = oldRevision === undefined || oldRevision === '' ? 0 : /^[+-]?[0-9]+$/.test(oldRevision) ? Number(oldRevision) : undefined;
  if (oldInt === undefined) return undefined;
  if (oldInt < newRevision) {
    next[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (oldRevision !== undefined) appendRevisionHistory(next, oldRevision);
  }
  if (replicas) {
    const withReplicas = replicasAnnotations({ metadata: { annotations: next } }, replicas.desired, replicas.max);
    if (withReplicas) return withReplicas;
  }
  return changed ? next : undefined;
}

/** Appends the previous revision to revision-history, dropping the oldest entries past the length limit. */
function appendRevisionHistory(a: Record<string, string>, oldRevision: string): void {
  const history = a[REVISION_HISTORY_ANNOTATION] ?? '';
  if (history === '') {
    a[REVISION_HISTORY_ANNOTATION] = oldRevision;
    return;
  }
  const revisions = history.split(',');
  let total = history.length + oldRevision.length + 1;
  let start = 0;
  while (total > MAX_REV_HISTORY_LENGTH && start < revisions.length) total -= (revisions[start++] ?? '').length + 1;
  if (total <= MAX_REV_HISTORY_LENGTH) a[REVISION_HISTORY_ANNOTATION] = [...revisions.slice(start), oldRevision].join(',');
}
