import type { PodDraft } from '../api/admission.js';
import { MAX_NAME_GENERATION_ATTEMPTS, type Cluster } from '../api/cluster.js';
import type { Engine, Millis } from '../engine/engine.js';
import type { Rng } from '../engine/random.js';
import type { NodeFaults } from '../kubelet/faults.js';
import { kindEntry } from '../kinds/table.js';
import { cutForMessage } from '../model/long-values.js';
import { matchesLabelSelector } from '../model/labels.js';
import { isTerminal } from '../model/pod.js';
import { TAINT_NODE_UNSCHEDULABLE } from '../model/taints.js';
import type { Node } from '../model/node.js';
import { poolNode } from '../model/pool.js';
import type { Manifest, NodeManifest, NodeTarget, Scenario, ScenarioAction, WorkloadManifest } from '../model/scenario.js';
import { newNode, newWorkload } from './materialize.js';
import { resolveTarget } from './targets.js';

/** The scenario actions this build can carry out; the rest are refused at load. */
export const SUPPORTED_ACTIONS: ReadonlySet<ScenarioAction['type']> = new Set([
  'apply',
  'addNodes',
  'removeNodes',
  'cordon',
  'uncordon',
  'scale',
  'drain',
  'partition',
  'crash',
  'removeSchedulingGates',
]);

/**
 * Carries out what a scenario asks for at a point in time: creating objects,
 * adding, removing and cordoning nodes. Problems that only show at run time
 * (a node name that no longer exists) become `warnings`.
 */
export class ScenarioActions {
  readonly warnings: string[] = [];
  private readonly nextPoolIndex = new Map<string, number>();

  constructor(
    private readonly scenario: Scenario,
    private readonly cluster: Cluster,
    private readonly engine: Engine,
    private readonly faults: NodeFaults,
    private readonly rng: { targets: Rng },
  ) {
    for (const pool of scenario.nodePools) this.nextPoolIndex.set(pool.name, pool.count);
  }

  /** Creates `objects` now, in order; `suffix` (arrivals) is appended to fixed names. */
  apply(objects: readonly Manifest[], suffix = ''): void {
    for (const m of objects) {
      if (m.kind === 'Node') this.addNode(m.name + suffix === m.name ? m : { ...m, name: m.name + suffix });
      else if (m.kind === 'PriorityClass' || m.kind === 'KubeSchedulerConfiguration') continue; // read when the simulation is built
      else if (m.kind !== 'Pod') this.applyWorkload(suffix && m.name ? { ...m, name: m.name + suffix, uid: undefined } : m);
      else {
        const { namespace, ownerReferences, template } = m;
        // An exported uid is kept (dependents name it), except for arrival copies.
        const uid = suffix === '' && m.uid !== undefined ? { uid: m.uid } : {};
        const name = m.name ? m.name + suffix : undefined;
        const draft: PodDraft = name
          ? { namespace, name, ownerReferences, template, ...uid }
          : { namespace, generateName: m.generateName ?? '', ownerReferences, template, ...uid };
        if (this.cluster.submitPod(draft)) continue;
        this.warnings.push(
          name
            ? `${this.at()}: pod ${namespace}/${name} already exists; apply left it unchanged`
            : `${this.at()}: pod ${namespace}/${m.generateName ?? ''}*: the server was not able to generate a unique name for the object (${MAX_NAME_GENERATION_ATTEMPTS} names tried); not created`,
        );
      }
    }
  }

  /**
   * Carries out `action` now. `forMs` (faults, cordon, drain) undoes it that
   * much later: heal a partition, reboot a crashed node, uncordon.
   */
  run(action: ScenarioAction, forMs?: Millis): void {
    switch (action.type) {
      case 'apply':
        return this.apply(action.objects);
      case 'addNodes':
        return this.addPoolNodes(action.pool, action.count);
      case 'removeNodes':
        return this.forTargets(action, (n) => this.cluster.removeNode(n));
      case 'cordon':
        return this.forTargets(action, (n) => {
          this.setUnschedulable(n, true);
          this.later(forMs, () => this.setUnschedulable(n, false));
        });
      case 'drain':
        return this.forTargets(action, (n) => {
          this.faults.drain(n);
          this.later(forMs, () => this.setUnschedulable(n, false));
        });
      case 'partition':
        return this.forTargets(action, (n) => {
          this.faults.partition(n);
          this.later(forMs, () => this.faults.heal(n));
        });
      case 'crash':
        return this.forTargets(action, (n) => {
          this.faults.crash(n);
          this.later(forMs, () => this.faults.reboot(n));
        });
      case 'uncordon':
        return this.forTargets(action, (n) => this.setUnschedulable(n, false));
      case 'scale':
        return this.scale(action.kind, action.namespace, action.name, action.replicas);
      case 'removeSchedulingGates':
        return this.removeSchedulingGates(action);
    }
  }

  /** Runs `undo` `forMs` from now, if given, on a node that still exists then. */
  private later(forMs: Millis | undefined, undo: () => void): void {
    if (forMs !== undefined) this.engine.schedule(forMs, undo);
  }

  /** kubectl apply: create the workload, or replace the spec of the existing one (a new template starts a rollout). */
  private applyWorkload(m: WorkloadManifest): void {
    if (m.name === '') return this.createGenerated(m);
    const existing = this.cluster.workload(m.kind, m.namespace, m.name);
    if (!existing) return this.cluster.createWorkload(newWorkload(m, this.cluster));
    if (existing.kind !== m.kind) return;
    existing.spec = structuredClone(m.spec);
    this.cluster.updateWorkload(existing);
  }

  /** kubectl create of a workload with generateName: a new object with a generated name each time. */
  private createGenerated(m: WorkloadManifest): void {
    const prefix = m.generateName ?? '';
    const name = this.cluster.generateWorkloadName(m.kind, m.namespace, prefix);
    if (name === undefined) {
      this.warnings.push(
        `${this.at()}: ${m.kind} ${m.namespace}/${prefix}*: the server was not able to generate a unique name for the object (${MAX_NAME_GENERATION_ATTEMPTS} names tried); not created`,
      );
      return;
    }
    this.cluster.createWorkload(newWorkload({ ...m, name, uid: undefined }, this.cluster));
  }

  /** kubectl scale. */
  private scale(kind: string, namespace: string, name: string, replicas: number): void {
    const entry = kindEntry(kind);
    const w = entry?.scalable ? this.cluster.workload(entry.kind, namespace, name) : undefined;
    if (!w || !('replicas' in w.spec)) {
      this.warnings.push(`${this.at()}: scale: ${kind} ${namespace}/${cutForMessage(name)} does not exist`);
      return;
    }
    w.spec.replicas = replicas;
    this.cluster.updateWorkload(w);
  }

  /** Updates each pod the action names (not being deleted, not finished) that has one of the gates. */
  private removeSchedulingGates(action: Extract<ScenarioAction, { type: 'removeSchedulingGates' }>): void {
    const { namespace, pods, gates } = action;
    const candidates =
      'name' in pods
        ? [this.cluster.pod(namespace, pods.name)].filter((p) => p !== undefined)
        : [...this.cluster.pods()].filter((p) => p.metadata.namespace === namespace && matchesLabelSelector(pods.selector, p.metadata.labels));
    let removed = 0;
    for (const pod of candidates) {
      if (pod.metadata.deletionTimestamp !== undefined || isTerminal(pod.status.phase)) continue;
      if (this.cluster.removeSchedulingGates(pod, gates)) removed++;
    }
    if (removed > 0) return;
    const gatesText = gates ? `none of the gates ${gates.join(', ')}` : 'no scheduling gates';
    const problem =
      'name' in pods
        ? `pod ${namespace}/${cutForMessage(pods.name)} ${candidates.length === 0 ? 'does not exist' : `has ${gatesText}`}`
        : candidates.length === 0
          ? `no pod in namespace ${namespace} matches the selector`
          : `the pods matching the selector have ${gatesText}`;
    this.warnings.push(`${this.at()}: removeSchedulingGates: ${problem}`);
  }

  private addNode(m: NodeManifest): void {
    if (this.cluster.node(m.name)) {
      this.warnings.push(`${this.at()}: node ${m.name} already exists; left unchanged`);
      return;
    }
    this.cluster.addNode(newNode(m, this.cluster));
  }

  private addPoolNodes(poolName: string, count: number): void {
    const pool = this.scenario.nodePools.find((p) => p.name === poolName);
    if (!pool) throw new Error(`addNodes: no node pool named ${poolName} (checked at load)`);
    const first = this.nextPoolIndex.get(poolName) ?? pool.count;
    this.nextPoolIndex.set(poolName, first + count);
    for (let i = first; i < first + count; i++) this.addNode(poolNode(pool, i));
  }

  private forTargets(action: ScenarioAction & { target: NodeTarget }, f: (n: Node) => void): void {
    const { nodes, missing } = resolveTarget(action.target, [...this.cluster.nodes()], this.rng.targets);
    for (const name of missing) this.warnings.push(`${this.at()}: ${action.type}: node ${cutForMessage(name)} does not exist`);
    for (const n of nodes) f(n);
  }

  /** kubectl cordon/uncordon: spec.unschedulable plus the taint TaintNodesByCondition keeps in step. */
  private setUnschedulable(node: Node, unschedulable: boolean): void {
    if (node.unschedulable === unschedulable) return;
    node.unschedulable = unschedulable;
    const others = node.taints.filter((t) => !(t.key === TAINT_NODE_UNSCHEDULABLE && t.effect === 'NoSchedule'));
    node.taints = unschedulable ? [...others, { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule', timeAdded: this.cluster.now }] : others;
    this.cluster.updateNode(node);
  }

  private at(): string {
    return `t=${(this.cluster.now / 1000).toFixed(3)}s`;
  }
}
