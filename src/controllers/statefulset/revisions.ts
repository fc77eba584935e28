import type { Pod } from '../../model/pod.js';
import type { PodTemplate } from '../../model/scenario.js';
import type { StatefulSet } from '../../model/workloads.js';
import { canonicalJSON, computeHash } from '../hash.js';
import { podRevision } from './pods.js';

/** A ControllerRevision of a StatefulSet: the template it held, numbered. */
export interface Revision {
  /** `<set>-<hash>`: the pods' controller-revision-hash label. */
  readonly name: string;
  revision: number;
  readonly template: PodTemplate;
  /** The template's canonical form (EqualRevision compares the stored data). */
  readonly identity: string;
}

const identities = new WeakMap<PodTemplate, string>();

function identityOf(template: PodTemplate): string {
  let id = identities.get(template);
  if (id === undefined) identities.set(template, (id = canonicalJSON(template)));
  return id;
}

/**
 * One StatefulSet's ControllerRevisions, as the controller's history
 * (pkg/controller/history) would hold them; podsim keeps them in the
 * controller instead of as API objects. Names hash the template as
 * controller.ComputeHash does for podsim's other controllers (see hash.ts):
 * deterministic, changing exactly when the template does, not equal to a
 * real cluster's hash.
 */
export class RevisionHistory {
  /** Ascending by revision number. */
  private revisions: Revision[] = [];

  /**
   * getStatefulSetRevisions: the update revision is the set's template, an
   * existing equal revision reused (the latest: unchanged; an older one: a
   * rollback, renumbered as the next revision) or a new one; the current
   * revision is the one status.currentRevision names, else the update revision.
   */
  revisionsOf(set: StatefulSet): { current: Revision; update: Revision } {
    const identity = identityOf(set.spec.template);
    const last = this.revisions[this.revisions.length - 1];
    const next = (last?.revision ?? 0) + 1;
    const equal = this.revisions.filter((r) => r.identity === identity);
    let update = equal[equal.length - 1];
    if (update !== undefined && update !== last) {
      update.revision = next;
      this.revisions.sort((a, b) => a.revision - b.revision);
    } else if (update === undefined) {
      update = { name: this.freeName(set, identity), revision: next, template: set.spec.template, identity };
      this.revisions.push(update);
    }
    const current = this.revisions.find((r) => r.name === set.status.currentRevision) ?? update;
    return { current, update };
  }

  /**
   * truncateHistory: the revisions neither current, nor the update revision,
   * nor any pod's are deleted, oldest first, down to revisionHistoryLimit.
   */
  truncate(set: StatefulSet, pods: Iterable<Pod>, current: Revision, update: Revision): void {
    if (this.revisions.length <= set.spec.revisionHistoryLimit) return; // no more history than the limit: nothing to trim
    const live = new Set([current.name, update.name]);
    for (const pod of pods) live.add(podRevision(pod));
    const history = this.revisions.filter((r) => !live.has(r.name));
    const excess = history.length - set.spec.revisionHistoryLimit;
    if (excess <= 0) return;
    const gone = new Set(history.slice(0, excess));
    this.revisions = this.revisions.filter((r) => !gone.has(r));
  }

  /** CreateControllerRevision: a hash name, collisionCount bumped while the name is taken by another template. */
  private freeName(set: StatefulSet, identity: string): string {
    for (;;) {
      const count = set.status.collisionCount;
      const name = `${set.metadata.name}-${computeHash(set.spec.template, count)}`;
      const taken = this.revisions.find((r) => r.name === name);
      if (taken === undefined || taken.identity === identity) return name;
      set.status.collisionCount++;
    }
  }
}
