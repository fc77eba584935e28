import { testContainer, testNode, testPodSpec } from '../support/objects.js';
import type { KubeEvent } from '../../src/api/event.js';
import { Cluster, setCondition, type ClusterWatcher } from '../../src/api/cluster.js';
import { JobController } from '../../src/controllers/job/controller.js';
import { TTLAfterFinishedController } from '../../src/controllers/job/ttl.js';
import { Engine, type Millis } from '../../src/engine/engine.js';
import { RandomStreams } from '../../src/engine/random.js';
import { DEFAULT_CONTROL_PLANE } from '../../src/model/defaults.js';
import type { Node } from '../../src/model/node.js';
import type { ContainerStatus, Pod, RestartPolicy } from '../../src/model/pod.js';
import type { PodTemplate } from '../../src/model/scenario.js';
import { initialStatus } from '../../src/kinds/table.js';
import { type Job, type JobSpec } from '../../src/model/workloads.js';
import { SimAdmission } from '../../src/sim/admission.js';

export const s = (seconds: number): Millis => seconds * 1000;

export function jobTemplate(restartPolicy: RestartPolicy): PodTemplate {
  return {
    labels: { app: 'batch' },
    annotations: {},
    spec: testPodSpec({ containers: [testContainer('main', 'busybox:1.36')], restartPolicy }),
  };
}

function node(name: string): Node {
  return testNode(name, {
    allocatable: { cpu: 64_000, memory: 2 ** 40, pods: 1000 },
    capacity: { cpu: 64_000, memory: 2 ** 40, pods: 1000 },
  });
}

/** What a scripted container does: runs `runMs` after starting, then exits with `exitCode(pod, attempt)` (attempt 0 first). */
export interface Script {
  /** From pod creation (bound at once) to the container running. */
  readonly startMs: Millis;
  /** How long each run lasts; undefined: forever. */
  readonly runMs?: Millis;
  readonly exitCode?: (pod: Pod, attempt: number) => number;
  /** From a deletion request to the pod being Failed and removed (the kill). */
  readonly killMs?: Millis;
}

/**
 * A stand-in for scheduler and kubelet that plays `script` on every pod:
 * binds it to n1 when created, runs its one container, and on exit follows
 * restartPolicy (OnFailure: restart at once the first time, then after 10 s,
 * 20 s... from the finish, restartCount counted when the restart begins).
 * Pods listed in `manual` are left alone, for a test to drive by hand.
 */
export class ScriptedKubelet implements ClusterWatcher {
  readonly manual = new Set<string>();
  constructor(
    private readonly w: JobWorld,
    public script: Script,
  ) {}

  podAdded(pod: Pod): void {
    this.w.engine.schedule(0, () => {
      if (pod.metadata.deletionTimestamp !== undefined || this.manual.has(pod.metadata.name)) return;
      this.w.cluster.bindPod(pod, 'n1');
      this.w.engine.schedule(this.script.startMs, () => this.start(pod, 0));
    });
  }

  podDeleting(pod: Pod): void {
    if (pod.spec.nodeName === undefined || this.manual.has(pod.metadata.name)) return;
    this.w.engine.schedule(this.script.killMs ?? 0, () => this.w.kill(pod, 143));
  }

  /** Whether the script has let go of the pod: a test drives it, or it is over. */
  private released(pod: Pod): boolean {
    const { phase } = pod.status;
    return this.manual.has(pod.metadata.name) || phase === 'Failed' || phase === 'Succeeded' || pod.metadata.deletionTimestamp !== undefined;
  }

  private start(pod: Pod, attempt: number): void {
    if (this.released(pod)) return;
    this.w.run(pod);
    const { runMs, exitCode } = this.script;
    if (runMs === undefined) return;
    this.w.engine.schedule(runMs, () => {
      if (this.released(pod)) return;
      const code = exitCode?.(pod, attempt) ?? 0;
      this.w.exit(pod, code);
      if (pod.spec.restartPolicy === 'OnFailure' && code !== 0) {
        const backoff = attempt === 0 ? 0 : 10_000 * 2 ** (attempt - 1);
        this.w.engine.schedule(backoff, () => {
          if (this.released(pod)) return;
          this.w.restart(pod);
          this.w.engine.schedule(this.script.startMs, () => this.start(pod, attempt + 1));
        });
      }
    });
  }
}

/** Engine, cluster with admission and node n1, the Job and TTL controllers, every event recorded. */
export class JobWorld {
  readonly engine = new Engine();
  readonly cluster = new Cluster(this.engine);
  readonly streams = new RandomStreams(1);
  readonly events: KubeEvent[] = [];
  readonly created: [number, string][] = [];

  constructor(config = DEFAULT_CONTROL_PLANE) {
    const { cluster, engine, streams } = this;
    cluster.setAdmission(new SimAdmission(cluster, { rules: [], defaultTolerationSeconds: 300, names: streams.stream('names') }));
    cluster.addNode(node('n1'));
    cluster.watch({
      eventRecorded: (e) => this.events.push(e),
      podAdded: (p) => this.created.push([engine.now / 1000, p.metadata.name]),
    });
    cluster.watch(new JobController({ cluster, engine, streams, config }));
    cluster.watch(new TTLAfterFinishedController({ cluster, engine, config }));
  }

  /** Plays `script` on every pod from now on. */
  kubelet(script: Script): ScriptedKubelet {
    const k = new ScriptedKubelet(this, script);
    this.cluster.watch(k);
    return k;
  }

  job(name: string, spec: Partial<JobSpec> & { restartPolicy?: RestartPolicy } = {}): Job {
    const { restartPolicy = 'Never', ...rest } = spec;
    const job: Job = {
      kind: 'Job',
      metadata: { namespace: 'default', name, uid: this.cluster.newUid(), labels: {}, annotations: {}, ownerReferences: [], creationTimestamp: 0, generation: 0 },
      spec: {
        parallelism: 1,
        completions: 1,
        completionMode: 'NonIndexed',
        backoffLimit: 6,
        suspend: false,
        podReplacementPolicy: rest.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed',
        selector: {},
        template: jobTemplate(restartPolicy),
        ...rest,
      },
      status: initialStatus('Job'),
    };
    this.cluster.createWorkload(job);
    return job;
  }

  /** `[time s, reason, message]` of the Job events. */
  jobEvents(): [number, string, string][] {
    return this.events.filter((e) => e.kind === 'Job').map((e) => [e.time / 1000, e.reason, e.message]);
  }

  /** The Job's conditions as `[type, status, reason, time s]`. */
  conditions(job: Job): [string, string, string, number][] {
    return job.status.conditions.map((c) => [c.type, c.status, c.reason, c.lastTransitionTime / 1000]);
  }

  podsOf(job: Job): Pod[] {
    return [...this.cluster.podsOwnedBy(job.metadata.uid)];
  }

  /** Runs the engine up to `t` seconds; `at` schedules a hand-made change. */
  runTo(seconds: number): void {
    this.engine.run(s(seconds));
  }

  at(seconds: number, f: () => void): void {
    this.engine.at(s(seconds), f);
  }

  // ---- driving pods by hand ----

  bind(pod: Pod): void {
    this.cluster.bindPod(pod, 'n1');
  }

  /** The container starts: Running and Ready. */
  run(pod: Pod): void {
    const now = this.engine.now;
    const old = pod.status.containerStatuses[0];
    pod.status.containerStatuses[0] = {
      name: 'main',
      state: { state: 'running', startedAt: now },
      ...(old?.lastTerminationState ? { lastTerminationState: old.lastTerminationState } : {}),
      restartCount: old?.restartCount ?? 0,
      started: true,
      ready: true,
    };
    setCondition(pod, 'Ready', 'True', now);
    this.cluster.updatePodStatus(pod, 'Running', 'Started');
  }

  /** The container exits with `code`; the pod's phase follows restartPolicy (OnFailure stays Running on failure). */
  exit(pod: Pod, code: number): void {
    const now = this.engine.now;
    const old = pod.status.containerStatuses[0];
    const terminated = { state: 'terminated', exitCode: code, reason: code === 0 ? 'Completed' : 'Error', startedAt: now, finishedAt: now } as const;
    pod.status.containerStatuses[0] = { ...statusBase(old), state: terminated, ready: false };
    setCondition(pod, 'Ready', 'False', now, 'PodCompleted');
    const phase = code === 0 ? 'Succeeded' : pod.spec.restartPolicy === 'Never' ? 'Failed' : 'Running';
    this.cluster.updatePodStatus(pod, phase, code === 0 ? 'Completed' : 'Error');
  }

  /** The kubelet restarts the container: restartCount + 1, waiting until it runs. */
  restart(pod: Pod): void {
    const old = pod.status.containerStatuses[0];
    const last = old?.state.state === 'terminated' ? old.state : undefined;
    pod.status.containerStatuses[0] = {
      ...statusBase(old),
      state: { state: 'waiting', reason: 'ContainerCreating' },
      ...(last ? { lastTerminationState: last } : {}),
      restartCount: (old?.restartCount ?? 0) + 1,
    };
    this.cluster.updatePodStatus(pod, pod.status.phase, 'Restarted');
  }

  /** The kubelet kills a deleted pod: Failed with `code`, then removed. */
  kill(pod: Pod, code: number): void {
    if (pod.status.phase !== 'Failed' && pod.status.phase !== 'Succeeded') this.exit(pod, code === 0 ? 0 : code);
    if (pod.status.phase === 'Running') this.cluster.updatePodStatus(pod, 'Failed', 'Killed');
    this.cluster.removePod(pod);
  }
}

function statusBase(old: ContainerStatus | undefined): ContainerStatus {
  return old ?? { name: 'main', state: { state: 'waiting', reason: 'ContainerCreating' }, restartCount: 0, started: false, ready: false };
}
