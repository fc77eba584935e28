import { isTerminal, type Pod, type PodPhase, type PodStatus } from '../model/pod.js';
import { DEADLINE_EXCEEDED, failPastDeadline, type ActiveDeadline } from './active-deadline.js';
import { initDone, settleTerminated } from './container-record.js';
import type { KubeletContext } from './context.js';
import * as msg from './messages.js';
import { updatePodConditions } from './pod-conditions.js';
import type { PodContainers } from './pod-containers.js';
import { getPhase } from './phase.js';
import { forkStatus, mergeStatus } from './status-sync.js';

/** The reason of a phase change the kubelet reports on reconnecting when none was held back. */
export const REPORTED_AGAIN = 'NodeReady';

/**
 * What the status manager reads of its pod worker, which holds them: the
 * manager keeps no copies of its own (a large run holds many workers).
 */
export interface StatusHost {
  readonly pod: Pod;
  /** The kubelet of the pod's node. */
  readonly kubelet: KubeletContext;
  readonly runtime: PodContainers;
  readonly deadline: ActiveDeadline;
}

/**
 * One pod's status as its kubelet computes and reports it: the phase from
 * getPhase with the kubelet's conditions, as generateAPIPodStatus
 * (kubelet_pods.go), and the status manager's write of it to the API. It never
 * leaves a terminal phase.
 *
 * While the node is cut off (detached) the kubelet changes only its own copy
 * of the status (status-sync.ts), holding back the reason of the last phase
 * change; `attach` reports it (mergePodStatus).
 */
export class PodStatusManager {
  /**
   * The pod as this kubelet sees it: the API object itself, or while
   * detached the API's metadata and spec with the kubelet's own status.
   */
  private view: Pod;
  /** While detached: the reason of the last phase change held back. */
  private heldReason: string | undefined;
  private initialized = false;

  constructor(private readonly host: StatusHost) {
    this.view = host.pod;
  }

  /** The status the kubelet holds: the API's, or while detached its own copy. */
  get current(): PodStatus {
    return this.view.status;
  }

  /** The pod has initialized (init containers done, sidecars started) at some publish; never reset. */
  get podInitialized(): boolean {
    return this.initialized;
  }

  /** The node is cut off (or down): from now on only the kubelet's own copy of the status changes. */
  detach(): void {
    const { pod } = this.host;
    if (this.view !== pod) return;
    const { metadata, spec } = pod;
    this.view = { metadata, spec, status: forkStatus(pod.status) };
  }

  /**
   * The kubelet reaches the API again: its status replaces the API's
   * (mergeStatus), the phase change carrying the reason held back, else
   * REPORTED_AGAIN; a terminal phase the API holds stays.
   */
  attach(): void {
    const { view } = this;
    const { pod } = this.host;
    if (view === pod) return;
    this.view = pod;
    const apiPhase = pod.status.phase;
    mergeStatus(pod.status, view.status);
    const phase = isTerminal(apiPhase) ? apiPhase : view.status.phase;
    this.host.kubelet.api.updatePodStatus(pod, phase, this.heldReason ?? REPORTED_AGAIN);
    this.heldReason = undefined;
  }

  /**
   * Publishes the pod's status: conditions, and the phase from getPhase
   * (or `terminalPhase`), never leaving a terminal phase. `reason` is for
   * changes that keep the phase. Past the active deadline the kubelet's phase
   * is Failed: shown once no container runs, with reason DeadlineExceeded;
   * until then the phase is held and only the conditions say Failed.
   * `deadlineApplies`: the worker runs the pod as its own (see
   * ActiveDeadline.verdict). Returns whether the phase turned terminal.
   */
  publish(reason: string, deadlineApplies: boolean, terminalPhase?: PodPhase): boolean {
    const { view } = this;
    const { pod, kubelet: k, runtime, deadline } = this.host;
    if (!this.initialized && initDone(runtime.init)) this.initialized = true;
    const old = view.status.phase;
    const { initContainerStatuses, containerStatuses } = view.status;
    const verdict = isTerminal(old)
      ? 'none'
      : deadline.verdict(view.status.startTime, deadlineApplies, runtime.anyRunning());
    if (verdict === 'failed') failPastDeadline(view.status, view.spec.initContainers.length > 0, k.engine.now);
    const computed = isTerminal(old)
      ? old
      : verdict !== 'none'
        ? 'Failed'
        : (terminalPhase ?? getPhase(view.spec, initContainerStatuses, containerStatuses, false));
    updatePodConditions(view, computed, this.initialized, k.engine.now);
    const phase = verdict === 'held' ? old : computed;
    const why = phase === old ? reason : verdict === 'failed' ? DEADLINE_EXCEEDED : this.transitionReason(phase, reason);
    if (view === pod) k.api.updatePodStatus(pod, phase, why);
    else {
      view.status.phase = phase;
      if (phase !== old) this.heldReason = why;
    }
    return isTerminal(phase) && !isTerminal(old);
  }

  /**
   * All containers stopped after deletion: as status_manager's TerminatePod,
   * an app container with no terminated state shows its last run, or
   * ContainerStatusUnknown (137) if it never ran. Returns the phase to
   * publish: getPhase's for a terminal pod, Failed if that is not terminal.
   */
  settle(): PodPhase {
    const { view } = this;
    const { kubelet: k, runtime } = this.host;
    for (const r of runtime.apps) settleTerminated(r, k.engine.now);
    const computed = getPhase(view.spec, view.status.initContainerStatuses, view.status.containerStatuses, true);
    return isTerminal(computed) ? computed : 'Failed';
  }

  /** Running: Started; Succeeded: Completed; Failed: the failed container's reason. */
  private transitionReason(phase: PodPhase, reason: string): string {
    if (phase === 'Running') return msg.REASON.Started;
    if (phase === 'Succeeded') return 'Completed';
    if (phase !== 'Failed') return reason;
    for (const r of this.host.runtime.all()) {
      const last = r.lastTermination;
      if (last && last.exitCode !== 0) return last.reason;
    }
    return 'Error';
  }
}
