import type { PodAdmission, PodDraft } from '../api/admission.js';
import type { Cluster } from '../api/cluster.js';
import type { Rng } from '../engine/random.js';
import type { Toleration } from '../model/meta.js';
import { NO_INIT_CONTAINER_STATUSES, type Container, type Pod, type PodSpec, type PodStatus } from '../model/pod.js';
import type { ContainerBehavior } from '../model/behavior.js';
import type { BehaviorRule, ContainerTemplate, PodTemplate } from '../model/scenario.js';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from '../model/taints.js';
import { resolvePriority } from '../model/priority.js';
import type { PriorityClass } from '../model/scheduler-config.js';
import { resolveBehavior } from './behaviors.js';
import { generateName } from './names.js';

/** A spec as admission made it for `template`, whose containers do `behaviors`. */
interface Admitted {
  readonly template: PodTemplate;
  readonly behaviors: readonly ContainerBehavior[];
  readonly spec: PodSpec;
}

/** How many admitted specs specFor keeps per template spec. */
const ALIKE_LIMIT = 8;

/** `T` with its fields writable, while admission builds it. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

export interface AdmissionConfig {
  readonly rules: readonly BehaviorRule[];
  readonly defaultTolerationSeconds: number;
  /** The scenario's PriorityClasses (the system ones are always there). */
  readonly priorityClasses?: readonly PriorityClass[];
  /** The stream generateName draws from. */
  readonly names: Rng;
}

/**
 * podsim's pod admission chain, in the API server's order: name generation,
 * DefaultTolerationSeconds (not-ready and unreachable NoExecute tolerations
 * for `defaultTolerationSeconds` unless the pod has its own), then podsim's
 * step resolving each container's behaviour from the scenario's rules and the
 * pod's annotations. Priority admission resolves priorityClassName (or the
 * globalDefault class) into priority and preemptionPolicy.
 */
export class SimAdmission implements PodAdmission {
  private readonly rules: readonly BehaviorRule[];
  private readonly defaultTolerationSeconds: number;
  private readonly priorityClasses: readonly PriorityClass[];
  private readonly names: Rng;
  /** The admitted spec of each template object that made a second pod (specFor's first look). */
  private readonly specs = new WeakMap<PodTemplate, PodSpec>();
  /**
   * The admitted specs of each template spec, one per list of container
   * behaviours, with the template first admitted: templates made per pod (an
   * Indexed Job's, for its index label and annotation) that share a spec and
   * resolve the same behaviours share one admitted spec, and so its
   * containers and every cache keyed by them.
   */
  private readonly bySpec = new WeakMap<PodTemplate['spec'], Admitted[]>();
  private defaultedEmpty: readonly Toleration[] | undefined;
  /**
   * withDefaultTolerations of each tolerations list: one read-only list for
   * every template that shares it (a DaemonSet's per-node templates do).
   */
  private readonly defaulted = new WeakMap<readonly Toleration[], readonly Toleration[]>();

  constructor(
    private readonly cluster: Cluster,
    config: AdmissionConfig,
  ) {
    this.rules = config.rules;
    this.defaultTolerationSeconds = config.defaultTolerationSeconds;
    this.priorityClasses = config.priorityClasses ?? [];
    this.names = config.names;
  }

  admit(draft: PodDraft): Pod {
    const { labels, annotations } = draft.template;
    const name = draft.name || this.generateName(draft.generateName ?? '');
    return {
      metadata: {
        namespace: draft.namespace,
        name,
        uid: this.cluster.uidFor(draft.uid),
        labels,
        annotations,
        ownerReferences: draft.ownerReferences,
        creationTimestamp: this.cluster.now,
      },
      // The pod's own copy (binding writes nodeName); all it holds is shared with the template's other pods.
      spec: { ...this.specFor(draft.template) },
      status: pendingStatus(),
    };
  }

  generateName(prefix: string): string {
    return generateName(prefix, this.names);
  }

  /**
   * The spec admission makes of a template, the same for every pod made from
   * it (it reads only the template and this admission's fixed rules), so
   * worked out once per template object, and once per template spec and
   * container behaviours for templates made per pod: pods then share its
   * containers and lists, and all have one shape.
   */
  private specFor(template: PodTemplate): PodSpec {
    const known = this.specs.get(template);
    if (known !== undefined) return known;
    const { labels, annotations, spec } = template;
    const behaviors = [
      ...spec.initContainers.map((c) => resolveBehavior(this.rules, labels, annotations, c, true)),
      ...spec.containers.map((c) => resolveBehavior(this.rules, labels, annotations, c, false)),
    ];
    let alike = this.bySpec.get(spec);
    if (alike === undefined) this.bySpec.set(spec, (alike = []));
    const same = alike.find((a) => a.behaviors.every((b, i) => b === behaviors[i]));
    if (same !== undefined) {
      // The template that made the first pod makes another: it is looked up by itself from now on. (A bare pod's
      // template makes one pod and costs one entry, here in bySpec.)
      if (same.template === template) this.specs.set(template, same.spec);
      return same.spec;
    }
    const admitted = this.admitSpec(spec, behaviors);
    // Behaviours set by annotations are new objects each time, so their pods never match: the list is kept short.
    if (alike.length >= ALIKE_LIMIT) alike.length = 0;
    alike.push({ template, behaviors, spec: admitted });
    return admitted;
  }

  /** The admitted spec of a template's `spec` whose containers do `behaviors` (init containers first). */
  private admitSpec(spec: PodTemplate['spec'], behaviors: readonly ContainerBehavior[]): PodSpec {
    // Each field by name (the keys of a spread, in its order): one shape for every container, and no generic copy.
    const withBehavior =
      (offset: number) =>
      (c: ContainerTemplate, i: number): Container => {
        const behavior = behaviors[offset + i]!;
        const { name, image, imagePullPolicy, requests, limits, ports, restartPolicy } = c;
        return restartPolicy === undefined
          ? { name, image, imagePullPolicy, requests, limits, ports, behavior }
          : { name, image, imagePullPolicy, requests, limits, ports, restartPolicy, behavior };
      };
    // Priority admission; an unknown class was refused at load, so a failure here keeps the spec's values.
    const priority = resolvePriority(spec, this.priorityClasses);
    const priorityClassName = priority.ok && priority.priorityClassName ? priority.priorityClassName : spec.priorityClassName;
    const { affinity, activeDeadlineSeconds, hostNetwork, schedulingGates, resources } = spec;
    // Every field a spec always has, in one literal: each pod's copy ({ ...spec }) then holds them inside the object
    // rather than in a separate properties store. nodeName is declared even when undefined: binding then writes an
    // existing field instead of giving every pod's spec a new shape (a slow map migration per pod, and megamorphic
    // reads of specs after it).
    const admitted: Writable<PodSpec> = {
      nodeName: spec.nodeName,
      schedulerName: spec.schedulerName,
      nodeSelector: spec.nodeSelector,
      tolerations: this.tolerations(spec.tolerations),
      topologySpreadConstraints: spec.topologySpreadConstraints,
      initContainers: spec.initContainers.map(withBehavior(0)),
      containers: spec.containers.map(withBehavior(spec.initContainers.length)),
      restartPolicy: spec.restartPolicy,
      terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds,
      priority: priority.ok ? priority.priority : spec.priority,
      preemptionPolicy: priority.ok ? priority.preemptionPolicy : spec.preemptionPolicy,
      overhead: spec.overhead,
    };
    // The optional fields only when set (declaring them would cost every pod a slot each); a new optional PodSpec
    // field must be copied here too.
    if (affinity !== undefined) admitted.affinity = affinity;
    if (activeDeadlineSeconds !== undefined) admitted.activeDeadlineSeconds = activeDeadlineSeconds;
    if (priorityClassName !== undefined) admitted.priorityClassName = priorityClassName;
    if (hostNetwork !== undefined) admitted.hostNetwork = hostNetwork;
    if (schedulingGates !== undefined) admitted.schedulingGates = schedulingGates;
    if (resources !== undefined) admitted.resources = resources;
    return admitted;
  }

  /**
   * The defaulted list, one per list object: pods of a template share theirs,
   * and every pod without tolerations (each bare pod has its own empty list)
   * shares one, so the scheduler keys its equivalence classes by identity.
   */
  private tolerations(own: readonly Toleration[]): readonly Toleration[] {
    if (own.length === 0) return (this.defaultedEmpty ??= withDefaultTolerations(own, this.defaultTolerationSeconds));
    let list = this.defaulted.get(own);
    if (list === undefined) this.defaulted.set(own, (list = withDefaultTolerations(own, this.defaultTolerationSeconds)));
    return list;
  }
}

/**
 * A new pod's status. The fields the kubelet writes when it first syncs the
 * pod (reason and message, cleared; startTime, hostIP, podIP) are declared
 * undefined here, so those writes find them inside the object instead of
 * growing a separate properties store (~60 bytes per pod).
 * nominatedNodeName, written only by preemption, is left out: declaring it
 * would cost every pod a slot.
 */
function pendingStatus(): PodStatus {
  return {
    phase: 'Pending',
    reason: undefined,
    message: undefined,
    hostIP: undefined,
    podIP: undefined,
    startTime: undefined,
    conditions: [],
    initContainerStatuses: NO_INIT_CONTAINER_STATUSES,
    containerStatuses: [],
  };
}

/**
 * DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds):
 * a pod that does not already tolerate the not-ready (resp. unreachable)
 * NoExecute taint gets `key Exists NoExecute for seconds`.
 */
export function withDefaultTolerations(tolerations: readonly Toleration[], seconds: number): readonly Toleration[] {
  const has = (key: string) => tolerations.some((t) => (!t.effect || t.effect === 'NoExecute') && (!t.key || t.key === key));
  const added: Toleration[] = [];
  for (const key of [TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE]) {
    if (!has(key)) added.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds });
  }
  return added.length ? [...tolerations, ...added] : tolerations;
}
