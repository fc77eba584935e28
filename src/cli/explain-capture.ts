import type { ClusterWatcher } from '../api/cluster.js';
import type { KubeEvent } from '../api/event.js';
import type { Millis } from '../model/meta.js';
import type { Node } from '../model/node.js';
import { isTerminal, type Pod, type PodPhase } from '../model/pod.js';
import { SchedulerCache, type CacheOptions } from '../scheduler/cache.js';
import { defaultProfile, type Profile } from '../scheduler/profile.js';
import { Framework } from '../scheduler/runtime.js';
import { evaluate, type Evaluation } from '../scheduler/schedule-one.js';

/** One scheduling attempt of the watched pod, with what the scheduler saw. */
export interface Attempt {
  readonly timeMs: Millis;
  readonly result: 'Scheduled' | 'Unschedulable' | 'SchedulerError';
  /** The node it was bound to (Scheduled only). */
  readonly node: string | undefined;
  /** The FailedScheduling or Scheduled event's message. */
  message: string;
  readonly evaluation: Evaluation;
  /** Every node the scheduler held at the attempt, in its order. */
  readonly nodeNames: readonly string[];
}

/** What the simulation's Scheduler was built with, so the evaluation uses the same profiles and snapshot inputs. */
export interface RecorderOptions {
  /** Default: the default profile. */
  readonly profiles?: readonly Profile[];
  /** Image sizes and owner selectors, as the Scheduler's cache reads them. */
  readonly cache?: CacheOptions;
}

export interface PhaseChange {
  readonly timeMs: Millis;
  readonly what: string;
}

/**
 * Watches a simulation for one pod's scheduling attempts (ClusterWatcher;
 * register with `sim.observe` before `run`, so it hears every change from
 * t = 0, after the simulation's own Scheduler).
 *
 * It keeps its own scheduler cache, fed by the same notifications in the
 * same order as the Scheduler's (nodes added/updated/removed, pods counted
 * from binding until terminal or removed), so at any notification it holds
 * the node list the Scheduler holds. An attempt is evaluated synchronously
 * inside the notification that reveals it, before any later write:
 *   - a FailedScheduling event for the pod: the Scheduler records it right
 *     after filtering and PostFilter, with nothing written in between;
 *   - the pod's binding: evaluated before this cache counts the pod, i.e. on
 *     the state the Scheduler filtered and scored, for a copy of the pod
 *     without the spec.nodeName just set; the Scheduled event that
 *     follows confirms it (a pod bound at creation has no such event and no
 *     attempt).
 * The chosen node and the message are the Scheduler's own, from its events.
 * Not mirrored: nominations made by preemption (the Scheduler records them
 * in its cache without a notification), so a node holding room for a
 * nominated pod is evaluated as if it did not.
 */
export class AttemptRecorder implements ClusterWatcher {
  readonly attempts: Attempt[] = [];
  readonly phases: PhaseChange[] = [];
  /** Set once a pod of that name existed. */
  seen = false;
  /** The watched pod's spec.schedulerName (its profile). */
  schedulerName: string | undefined;
  private readonly cache: SchedulerCache;
  private readonly frameworks = new Map<string, Framework>();
  private pendingBind: Attempt | undefined;
  /** The watched pod object (the latest of that name). */
  private target: Pod | undefined;

  constructor(
    private readonly namespace: string,
    private readonly name: string,
    private readonly clock: { readonly now: Millis },
    options: RecorderOptions = {},
  ) {
    this.cache = new SchedulerCache(options.cache);
    for (const p of options.profiles ?? [defaultProfile()]) this.frameworks.set(p.schedulerName, new Framework(p));
  }

  /** The framework that evaluates the pod (its profile), for plugin weights. */
  frameworkFor(schedulerName: string): Framework | undefined {
    return this.frameworks.get(schedulerName);
  }

  private isTarget(pod: { readonly metadata: { readonly namespace: string; readonly name: string } }): boolean {
    return pod.metadata.namespace === this.namespace && pod.metadata.name === this.name;
  }

  private evaluate(pod: Pod): Evaluation | undefined {
    const fwk = this.frameworks.get(pod.spec.schedulerName);
    return fwk && evaluate(pod, this.cache, fwk);
  }

  private nodeNames(): string[] {
    return this.cache.nodeInfos().map((n) => n.name);
  }

  private phase(what: string): void {
    this.phases.push({ timeMs: this.clock.now, what });
  }

  nodeAdded(node: Node): void {
    this.cache.addNode(node);
  }

  nodeUpdated(node: Node): void {
    this.cache.updateNode(node);
  }

  nodeRemoved(node: Node): void {
    this.cache.removeNode(node);
  }

  podAdded(pod: Pod): void {
    if (!this.isTarget(pod)) return;
    this.seen = true;
    this.target = pod;
    this.schedulerName = pod.spec.schedulerName;
    this.phase(`created (${pod.status.phase})`);
  }

  podBound(pod: Pod, node: Node): void {
    if (this.isTarget(pod)) {
      const { nodeName: _bound, ...spec } = pod.spec;
      const evaluation = this.evaluate({ ...pod, spec });
      if (evaluation) {
        this.pendingBind = { timeMs: this.clock.now, result: 'Scheduled', node: node.name, message: '', evaluation, nodeNames: this.nodeNames() };
      }
      this.phase(`bound to ${node.name}`);
    }
    if (!isTerminal(pod.status.phase)) this.cache.addPod(pod);
  }

  podStatusChanged(pod: Pod, oldPhase: PodPhase, reason: string): void {
    if (this.isTarget(pod) && oldPhase !== pod.status.phase) this.phase(`${pod.status.phase}${reason ? ` (${reason})` : ''}`);
    if (!isTerminal(oldPhase) && isTerminal(pod.status.phase)) this.cache.removePod(pod);
  }

  podDeleting(pod: Pod): void {
    if (this.isTarget(pod)) this.phase('deletion requested');
    this.cache.podTerminating(pod);
  }

  podRemoved(pod: Pod): void {
    if (this.isTarget(pod)) this.phase('removed from the API');
    this.cache.removePod(pod);
  }

  eventRecorded(e: KubeEvent): void {
    if (e.kind !== 'Pod' || e.namespace !== this.namespace || e.name !== this.name) return;
    if (e.reason === 'Scheduled' && this.pendingBind) {
      this.pendingBind.message = e.message;
      this.attempts.push(this.pendingBind);
      this.pendingBind = undefined;
    } else if (e.reason === 'FailedScheduling') {
      const evaluation = this.target && this.evaluate(this.target);
      if (!evaluation) return;
      const result = e.message.startsWith('0/') ? 'Unschedulable' : 'SchedulerError';
      this.attempts.push({ timeMs: e.time, result, node: undefined, message: e.message, evaluation, nodeNames: this.nodeNames() });
    }
  }
}
