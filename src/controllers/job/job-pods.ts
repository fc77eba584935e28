import type { Pod } from '../../model/pod.js';
import { isPodActive, isPodReady } from '../../model/podutil.js';
import { isPodTerminating } from './pods.js';

const ACTIVE = 1;
const READY = 2;
const TERMINATING = 4;

/** What a sync counts of a pod, packed in one number: the flags, plus 8 x its restarts while Pending or Running. */
type PodState = number;

const FLAG_BITS = 8;

function stateOf(pod: Pod): PodState {
  let flags = 0;
  if (isPodActive(pod)) flags = isPodReady(pod) ? ACTIVE | READY : ACTIVE;
  else if (isPodTerminating(pod)) flags = TERMINATING;
  let restarts = 0;
  if (pod.status.phase === 'Pending' || pod.status.phase === 'Running') {
    for (const s of pod.status.initContainerStatuses) restarts += s.restartCount;
    for (const s of pod.status.containerStatuses) restarts += s.restartCount;
  }
  return restarts * FLAG_BITS + flags;
}

/**
 * The pods of one Job that its syncs still look at, with what a sync counts
 * of them kept up to date as the API reports each change: how many are
 * active, ready, terminating, and the restarts of the Pending and Running
 * ones. Which pods changed since the last sync is remembered too: only they
 * can have finished since, so a sync of a large Job costs what changed, not
 * its live pods.
 *
 * Contract: `update` is called after every change the API reports of a pod
 * added with `add` (its watcher events), `remove` when it leaves the API or
 * stops being looked at.
 */
export class JobPods {
  /** In creation order. */
  private readonly pods = new Set<Pod>();
  private readonly states = new Map<Pod, PodState>();
  private changedSince = new Set<Pod>();
  active = 0;
  ready = 0;
  terminating = 0;
  restarts = 0;

  get size(): number {
    return this.pods.size;
  }

  has(pod: Pod): boolean {
    return this.pods.has(pod);
  }

  /** The pods, in creation order. */
  values(): IterableIterator<Pod> {
    return this.pods.values();
  }

  add(pod: Pod): void {
    this.pods.add(pod);
    this.update(pod);
  }

  update(pod: Pod): void {
    if (!this.pods.has(pod)) return;
    this.set(pod, stateOf(pod));
    this.changedSince.add(pod);
  }

  remove(pod: Pod): void {
    if (!this.pods.delete(pod)) return;
    this.set(pod, 0);
    this.states.delete(pod);
    this.changedSince.delete(pod);
  }

  /** The pods that changed since the last call, in the order they first changed. */
  takeChanged(): Pod[] {
    const changed = [...this.changedSince];
    this.changedSince = new Set();
    return changed;
  }

  private set(pod: Pod, next: PodState): void {
    const old = this.states.get(pod) ?? 0;
    if (old === next) return;
    const d = (bit: number) => ((next & bit) !== 0 ? 1 : 0) - ((old & bit) !== 0 ? 1 : 0);
    this.active += d(ACTIVE);
    this.ready += d(READY);
    this.terminating += d(TERMINATING);
    this.restarts += Math.floor(next / FLAG_BITS) - Math.floor(old / FLAG_BITS);
    this.states.set(pod, next);
  }
}
