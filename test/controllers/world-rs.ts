import { testContainer, testNode, testPodSpec } from '../support/objects.js';
import type { KubeEvent } from '../../src/api/event.js';
import { Cluster, setCondition, type ClusterWatcher } from '../../src/api/cluster.js';
import { Engine, type Millis } from '../../src/engine/engine.js';
import { RandomStreams } from '../../src/engine/random.js';
import { DEFAULT_CONTROL_PLANE } from '../../src/model/defaults.js';
import type { Labels } from '../../src/model/meta.js';
import type { Node } from '../../src/model/node.js';
import type { Pod } from '../../src/model/pod.js';
import { isPodActive, isPodAvailable } from '../../src/model/podutil.js';
import type { Manifest, PodTemplate } from '../../src/model/scenario.js';
import { initialStatus } from '../../src/kinds/table.js';
import { type Deployment, type DeploymentSpec, type ReplicaSet } from '../../src/model/workloads.js';
import { SimAdmission } from '../../src/sim/admission.js';
import { type Diagnostic, formatDiagnostic, sortDiagnostics } from '../../src/io/diagnostics.js';
import { objectDocuments } from '../../src/io/documents.js';
import { decodeText } from '../../src/io/fs.js';
import type { KindConverter } from '../../src/io/manifests/registry.js';
import { parseYamlFile } from '../../src/io/yaml/parse.js';

/** A pod template running one container of `image`. */
export function template(labels: Labels, image = 'nginx:1.25'): PodTemplate {
  return { labels, annotations: {}, spec: testPodSpec({ containers: [testContainer('app', image)] }) };
}

export function node(name: string): Node {
  return testNode(name);
}

/**
 * A stand-in for scheduler and kubelet, driven by fixed delays: a new pod is
 * bound to `n1` and Running at once, Ready `readyAfterMs` later (never when
 * undefined); a pod whose deletion was requested is gone `graceMs` later.
 */
export class FakeKubelet implements ClusterWatcher {
  constructor(
    private readonly cluster: Cluster,
    private readonly engine: Engine,
    public readyAfterMs: Millis | undefined,
    public graceMs: Millis = 0,
  ) {}

  podAdded(pod: Pod): void {
    this.engine.schedule(0, () => {
      if (pod.metadata.deletionTimestamp !== undefined) return;
      this.cluster.bindPod(pod, 'n1');
      this.cluster.updatePodStatus(pod, 'Running', 'Started');
      if (this.readyAfterMs !== undefined) this.engine.schedule(this.readyAfterMs, () => this.makeReady(pod));
    });
  }

  podDeleting(pod: Pod): void {
    this.engine.schedule(this.graceMs, () => this.cluster.removePod(pod));
  }

  makeReady(pod: Pod): void {
    if (pod.metadata.deletionTimestamp !== undefined || pod.status.phase !== 'Running') return;
    setCondition(pod, 'Ready', 'True', this.cluster.now);
    this.cluster.updatePodStatus(pod, 'Running', 'Ready');
  }
}

/** Engine, cluster with admission and node n1, and every event recorded. */
export class World {
  readonly engine = new Engine();
  readonly cluster = new Cluster(this.engine);
  readonly streams = new RandomStreams(1);
  readonly events: KubeEvent[] = [];

  constructor() {
    this.cluster.setAdmission(new SimAdmission(this.cluster, { rules: [], defaultTolerationSeconds: 300, names: this.streams.stream('names') }));
    this.cluster.addNode(node('n1'));
    this.cluster.watch({ eventRecorded: (e) => this.events.push(e) });
  }

  get ctx() {
    return { cluster: this.cluster, engine: this.engine, streams: this.streams, config: DEFAULT_CONTROL_PLANE };
  }

  /** `[time s, reason, message]` of the events of `kind`. */
  eventsOf(kind: string): [number, string, string][] {
    return this.events.filter((e) => e.kind === kind).map((e) => [e.time / 1000, e.reason, e.message]);
  }

  activePods(): Pod[] {
    return [...this.cluster.pods()].filter(isPodActive);
  }

  availablePods(minReadySeconds = 0): Pod[] {
    return this.activePods().filter((p) => isPodAvailable(p, minReadySeconds, this.engine.now));
  }

  replicaSet(name: string, replicas: number, labels: Labels, kind: ReplicaSet['kind'] = 'ReplicaSet', minReadySeconds = 0): ReplicaSet {
    const rs: ReplicaSet = {
      kind,
      metadata: meta(this.cluster, name),
      spec: { replicas, selector: { matchLabels: labels }, template: template(labels), minReadySeconds },
      status: initialStatus(kind),
    };
    this.cluster.createWorkload(rs);
    return rs;
  }

  deployment(name: string, spec: Partial<DeploymentSpec> & { template: PodTemplate }): Deployment {
    const d: Deployment = {
      kind: 'Deployment',
      metadata: meta(this.cluster, name),
      spec: {
        replicas: 1,
        selector: { matchLabels: spec.template.labels },
        strategy: { type: 'RollingUpdate', maxSurge: '25%', maxUnavailable: '25%' },
        minReadySeconds: 0,
        progressDeadlineSeconds: 600,
        revisionHistoryLimit: 10,
        paused: false,
        ...spec,
      },
      status: initialStatus('Deployment'),
    };
    this.cluster.createWorkload(d);
    return d;
  }

  /** The ReplicaSets, in creation order. */
  replicaSets(): ReplicaSet[] {
    return [...this.cluster.workloads()].filter((w): w is ReplicaSet => w.kind === 'ReplicaSet');
  }
}

function meta(cluster: Cluster, name: string) {
  return {
    namespace: 'default',
    name,
    uid: cluster.newUid(),
    labels: {},
    annotations: {},
    ownerReferences: [],
    creationTimestamp: 0,
    generation: 0,
  };
}

/** Runs one kind converter on the first object of `yaml` (file `m.yml`); `lines` are its diagnostics, sorted and printed. */
export function convertYaml(converter: KindConverter, yaml: string): { manifest?: Manifest; lines: string[] } {
  const diagnostics: Diagnostic[] = [];
  const read = decodeText('m.yml', new TextEncoder().encode(yaml));
  if (!read.ok) return { lines: [read.reason] };
  const parsed = parseYamlFile(read.file);
  diagnostics.push(...parsed.diagnostics);
  const [obj] = objectDocuments(parsed.documents, diagnostics);
  const manifest = obj ? converter.convert(obj) : undefined;
  return { ...(manifest ? { manifest } : {}), lines: sortDiagnostics(diagnostics).map(formatDiagnostic) };
}
