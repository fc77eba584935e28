import type { ClusterWatcher } from '../api/cluster.js';
import type { ControllerContext } from '../controllers/context.js';
import type { KindConverter } from '../io/manifests/registry.js';
import type { LabelSelector } from '../model/meta.js';
import type { PodTemplate, WorkloadManifest } from '../model/scenario.js';
import type { Workload } from '../model/workloads.js';

/** The manifest of a workload of type W. */
export type ManifestOf<W extends Workload> = Extract<WorkloadManifest, { kind: W['kind'] }>;

/** What never-ends rules may ask about a scenario's pod templates (sim/never-ends.ts answers). */
export interface TemplateRuns {
  /** The first app or regular init container of `t` that never exits (sidecars stop with the pod), if any. */
  foreverContainer(t: PodTemplate): string | undefined;
  /** The scenario's startTime (RFC 3339): the wall-clock time t=0 stands for (CronJob schedules). */
  readonly startTime: string;
}

/**
 * What check/controller-bounds holds a kind's controller to when it creates
 * a pod: at most `bound(w)` active pods of the workload, in all or on the
 * new pod's node.
 */
export interface PodBound<W extends Workload> {
  readonly per: 'workload' | 'node';
  /** The bound in effect now (spec.replicas, parallelism; 0 when the controller must create none). */
  bound(w: W): number;
  /** The violation's message, from `created` (`created pod ns/name`); `active` counts those on `node` for a per-node bound. */
  exceeded(created: string, active: number, bound: number, node?: string): string;
}

/**
 * Everything one workload kind contributes to podsim, in one place. The
 * kind's API type is a member of `Workload` (model/workloads.ts), its
 * converter a file in io/manifests, its controller a folder in controllers;
 * this entry, listed in table.ts, wires them to the rest: loading, the
 * simulation, the scenario's scale action, the run's never-ends check, the
 * summary, the invariant checks and the scheduler's default spreading.
 * Methods take the workload of this kind only (the table looks them up by
 * `kind`).
 */
export interface KindEntry<W extends Workload = Workload> {
  readonly kind: W['kind'];
  /** Reads the kind's manifests (apiVersions, fields, defaults, validation). */
  readonly converter: KindConverter;
  /** The status of an object nobody has synced yet. */
  initialStatus(): W['status'];
  /**
   * The controllers serving the kind, in the order they watch the cluster
   * (the table's order is the order of all controllers: it decides which
   * acts first on a change they both hear).
   */
  controllers(ctx: ControllerContext): ClusterWatcher[];
  /** Whether `kubectl scale` (the scenario's scale action) sets its spec.replicas. */
  readonly scalable: boolean;
  /**
   * Why an object of the kind keeps a run without spec.duration going for
   * ever (`keeps 3 pod(s) running`, after `Kind "name" `); undefined when it ends.
   */
  neverEnds(m: ManifestOf<W>, runs: TemplateRuns): string | undefined;
  /**
   * For the summary's `workloads` section, a long-running kind's
   * [desired, available] as its controller reports them; absent for kinds
   * that run to completion. `desiredFromStatus`: desired is 0 until the
   * controller first syncs (so 0 desired is not yet "all available").
   */
  readonly availability?: {
    counts(w: W): readonly [desired: number, available: number];
    readonly desiredFromStatus: boolean;
  };
  /** helper.DefaultSelector: the selector the scheduler's default topology spreading uses for the kind's pods. */
  ownerSelector?(w: W): LabelSelector;
  /** What its controller may keep active; absent when it owns other workloads, never pods (`owns`). */
  readonly podBound?: PodBound<W>;
  /** For a kind that owns workloads instead of pods: what it owns, plural (`ReplicaSets`). */
  readonly owns?: string;
  /** Where the kind's pod template is in its manifest (io/manifests/unmodelled.ts scans its pod spec). */
  readonly podTemplatePath?: readonly string[];
  /** Fields of the kind podsim accepts but does not simulate: one warning per load each (unmodelled.ts). */
  readonly unmodelled?: readonly UnmodelledField[];
}

/** A field of a kind's manifest that is accepted and not simulated. */
export interface UnmodelledField {
  /** From the object's root, e.g. ['spec', 'volumeClaimTemplates']; an empty list or map counts as absent. */
  readonly path: readonly string[];
  /** What is ignored, as a clause: `StatefulSet volumeClaimTemplates are not simulated`. */
  readonly name: string;
  /** What podsim does instead. */
  readonly instead: string;
  /** What is counted: "object". */
  readonly unit: string;
}
