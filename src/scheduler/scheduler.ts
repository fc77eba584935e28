import { setCondition, type Cluster, type ClusterWatcher } from '../api/cluster.js';
import type { Engine, Timer } from '../engine/engine.js';
import type { RandomStreams, Rng } from '../engine/random.js';
import { DEFAULT_SCHEDULER_NAME } from '../model/defaults.js';
import type { LabelSelector, Millis } from '../model/meta.js';
import type { KubeSchedulerConfiguration } from '../model/scheduler-config.js';
import type { Node } from '../model/node.js';
import { isTerminal, type Pod, type PodPhase } from '../model/pod.js';
import type { AttemptReport, AttemptWatch } from './attempt-watch.js';
import { DEFAULT_QUEUE_TIMING, leftoverFlushAt, type QueueTiming } from './backoff.js';
import { SchedulerCache } from './cache.js';
import {
  EVENT_ASSIGNED_POD_ADD,
  EVENT_ASSIGNED_POD_DELETE,
  EVENT_NODE_ADD,
  nodeUpdateEvents,
  type HintRegistration,
} from './events.js';
import { fitErrorMessage } from './fit-error.js';
import { statusMessage } from './framework.js';
import type { NodeInfo } from './nodeinfo.js';
import { recordFailedScheduling, recordScheduled } from './outcome.js';
import { defaultProfile, type Profile } from './profile.js';
import { profileFromConfig } from './profile-config.js';
import { SchedulingQueue } from './queue.js';
import { NO_PLUGINS, type QueueLocation, type QueuedPodInfo } from './queued-pod.js';
import { Framework } from './runtime.js';
import type { SearchCursor } from './find-nodes.js';
import { evaluate, schedulePod, type Evaluation, type ScheduleResult } from './schedule-one.js';
import { schedulingGated } from './plugins/scheduling-gates.js';

export interface SchedulerOptions {
  readonly cluster: Cluster;
  readonly engine: Engine;
  readonly streams: RandomStreams;
  /** The default profile's name; default "default-scheduler". Ignored when `profiles` is given. */
  readonly schedulerName?: string;
  /** Several profiles, one per schedulerName (overrides `config`'s profiles). */
  readonly profiles?: readonly Profile[];
  /** A KubeSchedulerConfiguration: profiles, percentageOfNodesToScore, backoff. */
  readonly config?: KubeSchedulerConfiguration;
  readonly timing?: QueueTiming;
  /** Image sizes in bytes for ImageLocality (the registry catalogue); unknown images count 0. */
  readonly imageSize?: (image: string) => number;
  /** Hears the attempts of the pods it watches, with every node's evaluation (`podsim explain`). */
  readonly attempts?: AttemptWatch;
  /**
   * helper.DefaultSelector: the selector of the workload controlling a pod,
   * for the kinds default topology spreading follows; none when absent.
   */
  readonly ownerSelector?: (pod: Pod) => LabelSelector | undefined;
}

/** The scheduler's two timers: flushBackoffQCompleted (1 s) and flushUnschedulablePodsLeftover (30 s). */
const BACKOFF_FLUSH = 0;
const LEFTOVER_FLUSH = 1;
type TimerSlot = typeof BACKOFF_FLUSH | typeof LEFTOVER_FLUSH;

/** The reason and message of the DisruptionTarget condition preemption sets (PodReasonPreemptionByScheduler). */
export const PREEMPTION_BY_SCHEDULER = 'PreemptionByScheduler';

/** Profiles from the options: given, from the configuration, or the default one. */
function buildProfiles(options: SchedulerOptions): Profile[] {
  const preemptionRng = options.streams.stream('preemption');
  if (options.profiles) return [...options.profiles];
  if (options.config && options.config.profiles.length > 0) {
    return options.config.profiles.map((c) => profileFromConfig(c, { preemptionRng }).profile);
  }
  return [defaultProfile({ schedulerName: options.schedulerName ?? DEFAULT_SCHEDULER_NAME, preemptionRng })];
}

function timingOf(options: SchedulerOptions): QueueTiming {
  if (options.timing) return options.timing;
  const c = options.config;
  if (!c) return DEFAULT_QUEUE_TIMING;
  return { ...DEFAULT_QUEUE_TIMING, podInitialBackoffMs: c.podInitialBackoffSeconds * 1000, podMaxBackoffMs: c.podMaxBackoffSeconds * 1000 };
}

/**
 * kube-scheduler: watches the cluster, keeps its cache and queue, and runs
 * scheduling cycles as engine events at the instant work arrives. One event
 * drains the queue (many pods created at one instant are one event), in queue
 * order. Timers exist only while pods wait in a backoff queue or in
 * unschedulablePods, so an idle scheduler leaves the engine empty.
 * Binding is synchronous: the API call and the informer take no time.
 * The caller registers it (`cluster.watch(scheduler)`); it starts from the
 * nodes and pods the cluster already holds.
 */
export class Scheduler implements ClusterWatcher {
  readonly schedulerName: string;
  private readonly cluster: Cluster;
  private readonly engine: Engine;
  private readonly frameworks = new Map<string, Framework>();
  private readonly cache: SchedulerCache;
  private readonly cursor: SearchCursor;
  private readonly queue: SchedulingQueue;
  private readonly rng: Rng;
  private readonly watch: AttemptWatch | undefined;
  /** When the 30-s unschedulablePods flush started ticking (scheduler start). */
  private readonly start: Millis;
  private cyclePending = false;
  /** The queue's waitingVersion the timers were last set for (-1: set them again). */
  private timersFor = -1;
  /** The armed flush timers by slot (BACKOFF_FLUSH, LEFTOVER_FLUSH): an array, so the per-pod checks are plain element reads. */
  private readonly timers: (Timer | undefined)[] = [undefined, undefined];

  constructor(options: SchedulerOptions) {
    this.cluster = options.cluster;
    this.engine = options.engine;
    this.rng = options.streams.stream('tie-breaks');
    this.watch = options.attempts;
    this.start = options.engine.now;
    this.cache = new SchedulerCache({
      ...(options.ownerSelector ? { ownerSelector: options.ownerSelector } : {}),
      ...(options.imageSize ? { imageSize: options.imageSize } : {}),
    });
    this.cursor = { nextStartNodeIndex: 0, percentageOfNodesToScore: options.config?.percentageOfNodesToScore ?? 0 };
    const profiles = buildProfiles(options);
    for (const profile of profiles) this.frameworks.set(profile.schedulerName, new Framework(profile));
    this.schedulerName = profiles[0]?.schedulerName ?? DEFAULT_SCHEDULER_NAME;
    const hints = new Map<string, readonly HintRegistration[]>();
    for (const [name, fwk] of this.frameworks) hints.set(name, fwk.queueingHints());
    this.queue = new SchedulingQueue(hints, timingOf(options));
    for (const node of this.cluster.nodes()) this.cache.addNode(node);
    for (const pod of this.cluster.pods()) {
      if (pod.spec.nodeName !== undefined) this.countPod(pod);
      else this.podAdded(pod);
    }
    this.kick();
  }

  // ---- reads (tests, explain) ----

  /** Where a pod is in the scheduling queue ('gone' when not queued). */
  queueLocation(pod: Pod): QueueLocation {
    return this.queue.location(pod);
  }

  queuedPod(pod: Pod): Readonly<QueuedPodInfo> | undefined {
    return this.queue.info(pod);
  }

  nodeInfo(name: string): NodeInfo | undefined {
    return this.cache.nodeInfo(name);
  }

  /** Every node's verdict and the feasible nodes' scores for `pod` against the cache now. Pure. */
  evaluate(pod: Pod): Evaluation | undefined {
    const fwk = this.frameworks.get(pod.spec.schedulerName);
    return fwk && evaluate(pod, this.cache, fwk);
  }

  /** Where the next node search starts (nextStartNodeIndex). */
  get nextStartNodeIndex(): number {
    return this.cursor.nextStartNodeIndex;
  }

  // ---- ClusterWatcher: update cache and queue, never the cluster ----

  podAdded(pod: Pod): void {
    if (pod.spec.nodeName !== undefined || !this.frameworks.has(pod.spec.schedulerName)) return;
    if (isTerminal(pod.status.phase) || pod.metadata.deletionTimestamp !== undefined) return;
    this.queue.add(pod, this.engine.now, schedulingGated(pod));
    this.kick();
  }

  /** The pod's spec changed: a gated pod whose last gate went enters activeQ. */
  podUpdated(pod: Pod): void {
    if (schedulingGated(pod) || !this.queue.ungate(pod, this.engine.now)) return;
    this.kick();
  }

  podBound(pod: Pod): void {
    this.queue.delete(pod);
    this.cache.nominate(pod, undefined);
    this.countPod(pod);
  }

  podDeleting(pod: Pod): void {
    this.cache.podTerminating(pod);
  }

  podStatusChanged(pod: Pod, oldPhase: PodPhase): void {
    if (isTerminal(oldPhase) || !isTerminal(pod.status.phase)) return;
    this.queue.delete(pod);
    this.forgetPod(pod);
  }

  podRemoved(pod: Pod): void {
    this.queue.delete(pod);
    this.cache.nominate(pod, undefined);
    this.forgetPod(pod);
  }

  nodeAdded(node: Node): void {
    this.cache.addNode(node);
    this.queue.moveAllOnEvent(EVENT_NODE_ADD, { kind: 'Node', new: node }, this.engine.now);
    this.kick();
  }

  nodeUpdated(node: Node): void {
    const old = this.cache.updateNode(node);
    if (old === undefined) return;
    for (const event of nodeUpdateEvents(old, node)) {
      this.queue.moveAllOnEvent(event, { kind: 'Node', old, new: node }, this.engine.now);
    }
    this.kick();
  }

  nodeRemoved(node: Node): void {
    this.cache.removeNode(node);
  }

  // ---- cache bookkeeping ----

  private countPod(pod: Pod): void {
    if (isTerminal(pod.status.phase) || !this.cache.addPod(pod)) return;
    if (this.queue.hearsEvents) this.queue.moveAllOnEvent(EVENT_ASSIGNED_POD_ADD, { kind: 'Pod', new: pod }, this.engine.now);
    this.kick();
  }

  private forgetPod(pod: Pod): void {
    if (!this.cache.removePod(pod)) return;
    this.queue.moveAllOnEvent(EVENT_ASSIGNED_POD_DELETE, { kind: 'Pod', old: pod }, this.engine.now);
    this.kick();
  }

  // ---- cycles and timers ----

  /** Makes sure a cycle runs now if work is poppable, and the flush timers match the queue. */
  private kick(): void {
    if (this.queue.hasPoppable && !this.cyclePending) {
      this.cyclePending = true;
      this.engine.schedule(0, this.runCyclesNow);
    }
    if (this.timersFor === this.queue.waitingVersion) return;
    this.timersFor = this.queue.waitingVersion;
    this.setTimer(BACKOFF_FLUSH, this.queue.nextBackoffFlush());
    const oldest = this.queue.oldestUnschedulableTimestamp();
    this.setTimer(LEFTOVER_FLUSH, oldest === undefined ? undefined : leftoverFlushAt(oldest, this.start, this.queue.timing));
  }

  /** runCycles as an engine callback, made once (kick runs for every pod). */
  private readonly runCyclesNow = (): void => this.runCycles();

  /** Keeps the slot's timer due at `at` (none when undefined). */
  private setTimer(slot: TimerSlot, at: Millis | undefined): void {
    const current = this.timers[slot];
    if (current?.time === at) return;
    current?.cancel();
    this.timers[slot] = undefined;
    if (at !== undefined) this.timers[slot] = this.armTimer(slot, at);
  }

  /**
   * A timer that runs the slot's flush at `at`. Kept apart from setTimer so
   * that only arming a timer makes a closure.
   */
  private armTimer(slot: TimerSlot, at: Millis): Timer {
    return this.engine.at(at, () => {
      this.timers[slot] = undefined;
      this.timersFor = -1;
      if (slot === BACKOFF_FLUSH) this.queue.flushBackoffCompleted(this.engine.now);
      else this.queue.flushUnschedulableLeftover(this.engine.now);
      this.kick();
    });
  }

  private runCycles(): void {
    for (let info = this.queue.pop(); info !== undefined; info = this.queue.pop()) this.scheduleOne(info);
    this.cyclePending = false;
    this.kick();
  }

  /** scheduleOne: one attempt for one pod, bound or requeued when it returns. */
  private scheduleOne(info: QueuedPodInfo): void {
    const pod = info.pod;
    const fwk = this.frameworks.get(pod.spec.schedulerName);
    if (!fwk || !this.cluster.holds(pod) || pod.spec.nodeName !== undefined) {
      this.queue.done(info);
      this.queue.delete(pod);
      return;
    }
    const result = schedulePod(fwk, pod, this.cache, this.rng, this.cursor);
    const watched = this.watch !== undefined && this.watch.watches(pod);
    if (result.kind === 'scheduled') {
      // Evaluated before binding: on the cache the attempt filtered and scored.
      const seen = watched ? this.seen(fwk, pod) : undefined;
      const message = this.bind(info, result.node);
      if (seen) this.watch?.attempt({ ...seen, result: 'Scheduled', node: result.node, message });
    } else {
      const message = this.handleFailure(fwk, info, result);
      const seen = watched ? this.seen(fwk, pod) : undefined;
      if (seen) this.watch?.attempt({ ...seen, result: result.kind === 'error' ? 'SchedulerError' : 'Unschedulable', node: undefined, message });
    }
  }

  /** What a watched attempt saw: every node's verdict and the feasible nodes' scores on the cache now. */
  private seen(fwk: Framework, pod: Pod): Pick<AttemptReport, 'pod' | 'timeMs' | 'evaluation' | 'nodeNames' | 'weights'> {
    const weights = new Map(fwk.profile.plugins.map((p) => [p.plugin.name, p.weight ?? 1]));
    const nodeNames = this.cache.nodeInfos().map((n) => n.name);
    return { pod, timeMs: this.engine.now, evaluation: evaluate(pod, this.cache, fwk), nodeNames, weights };
  }

  /** Binds the pod; returns the Scheduled event's message. */
  private bind(info: QueuedPodInfo, nodeName: string): string {
    this.queue.done(info);
    // Binding reaches the queue as it does for pods bound by anyone: podBound takes the pod out.
    this.cluster.bindPod(info.pod, nodeName);
    return recordScheduled(this.cluster, info.pod, nodeName);
  }

  /**
   * handleSchedulingFailure: PostFilter (preemption) for a FitError, requeue,
   * then the event and condition. Returns the FailedScheduling event's message.
   */
  private handleFailure(fwk: Framework, info: QueuedPodInfo, result: Exclude<ScheduleResult, { kind: 'scheduled' }>): string {
    const pod = info.pod;
    if (result.kind === 'error') {
      this.queue.addUnschedulable(info, { unschedulable: NO_PLUGINS, pending: NO_PLUGINS }, this.engine.now);
      return recordFailedScheduling(this.cluster, pod, 'SchedulerError', result.message, this.engine.now);
    }
    const { diagnosis } = result;
    const postFilter = fwk.runPostFilterPlugins(result.state, pod, diagnosis.nodeToStatus, this.cache.nodeInfos());
    diagnosis.postFilterMsg = statusMessage(postFilter.status);
    const nominated = postFilter.result?.nominatedNodeName;
    if (nominated !== undefined && nominated !== '') this.preempt(pod, nominated, postFilter.result?.victims ?? []);
    const message = fitErrorMessage({
      numAllNodes: result.numAllNodes,
      nodeToStatus: diagnosis.nodeToStatus,
      preFilterMsg: diagnosis.preFilterMsg,
      postFilterMsg: diagnosis.postFilterMsg,
    });
    const rejectors = { unschedulable: diagnosis.unschedulablePlugins, pending: diagnosis.pendingPlugins };
    this.queue.addUnschedulable(info, rejectors, this.engine.now);
    const changed = nominated !== undefined && this.setNomination(pod, nominated);
    return recordFailedScheduling(this.cluster, pod, 'Unschedulable', message, this.engine.now, changed);
  }

  /**
   * prepareCandidate (synchronous preemption): each victim gets
   * DisruptionTarget=True (PreemptionByScheduler), a graceful delete and a
   * `Preempted` event; lower-priority pods nominated to the node lose their
   * nomination (ClearNominatedNodeName).
   */
  private preempt(preemptor: Pod, nodeName: string, victims: readonly Pod[]): void {
    const now = this.engine.now;
    for (const victim of victims) {
      if (victim.metadata.deletionTimestamp !== undefined) continue;
      const message = `${preemptor.spec.schedulerName}: preempting to accommodate a higher priority pod`;
      setCondition(victim, 'DisruptionTarget', 'True', now, PREEMPTION_BY_SCHEDULER, message);
      this.cluster.updatePodStatus(victim, victim.status.phase, PREEMPTION_BY_SCHEDULER);
      this.cluster.deletePod(victim);
      this.cluster.recordEvent({
        type: 'Normal',
        reason: 'Preempted',
        kind: 'Pod',
        namespace: victim.metadata.namespace,
        name: victim.metadata.name,
        node: victim.spec.nodeName ?? nodeName,
        message: `Preempted by pod ${preemptor.metadata.uid} on node ${nodeName}`,
      });
    }
    for (const p of [...this.cache.nominatedPods(nodeName)]) {
      if (p.spec.priority < preemptor.spec.priority && this.setNomination(p, '')) {
        this.cluster.updatePodStatus(p, p.status.phase, 'NominationCleared');
      }
    }
  }

  /** Sets status.nominatedNodeName ('' clears it) and the nominator; whether it changed. */
  private setNomination(pod: Pod, nodeName: string): boolean {
    this.cache.nominate(pod, nodeName === '' ? undefined : nodeName);
    const old = pod.status.nominatedNodeName ?? '';
    if (old === nodeName) return false;
    if (nodeName === '') delete pod.status.nominatedNodeName;
    else pod.status.nominatedNodeName = nodeName;
    return true;
  }
}
