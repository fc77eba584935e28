import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { DaemonSetController } from '../../src/controllers/daemonset/controller.js';
import { GarbageCollector } from '../../src/controllers/garbagecollector.js';
import { NodeLifecycleController } from '../../src/controllers/nodelifecycle/controller.js';
import { PodGC } from '../../src/controllers/podgc.js';
import { TaintEvictionController } from '../../src/controllers/tainteviction/controller.js';
import { Engine } from '../../src/engine/engine.js';
import { RandomStreams } from '../../src/engine/random.js';
import { NodeFaults } from '../../src/kubelet/faults.js';
import { Kubelets } from '../../src/kubelet/kubelets.js';
import { DEFAULT_CONTROL_PLANE, DEFAULT_KUBELET, DEFAULT_REGISTRY } from '../../src/model/defaults.js';
import type { PodPhase } from '../../src/model/pod.js';
import type { DaemonSet } from '../../src/model/workloads.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { SimAdmission } from '../../src/sim/admission.js';
import { makeDaemonSet, makeNode, s } from './world-ds.js';

/** Every component over one cluster, as the simulation wires them; the DaemonSet `agent` runs forever on every node. */
class FullWorld {
  readonly engine = new Engine();
  readonly cluster = new Cluster(this.engine);
  readonly streams = new RandomStreams(1);
  readonly faults: NodeFaults;
  readonly phases: [number, string, PodPhase][] = [];
  readonly deleting: [number, string][] = [];
  readonly created: [number, string][] = [];
  ds!: DaemonSet;

  constructor() {
    const { cluster, engine, streams } = this;
    const config = DEFAULT_CONTROL_PLANE;
    const t = () => engine.now / 1000;
    const node = (name: string) => cluster.pod('default', name)?.spec.nodeName ?? '?';
    cluster.setAdmission(new SimAdmission(cluster, { rules: [], defaultTolerationSeconds: config.defaultTolerationSeconds, names: streams.stream('names') }));
    cluster.watch(new Scheduler({ cluster, engine, streams }));
    const kubelets = new Kubelets({ cluster, engine, streams, config: DEFAULT_KUBELET, registry: DEFAULT_REGISTRY, images: new Map() });
    cluster.watch(kubelets);
    cluster.watch(new NodeLifecycleController({ cluster, engine, config }));
    cluster.watch(new TaintEvictionController({ cluster, engine }));
    cluster.watch(new DaemonSetController({ cluster, engine, streams, config }));
    cluster.watch(new PodGC({ cluster, engine, streams, config }));
    cluster.watch(new GarbageCollector({ cluster, engine, streams, config }));
    this.faults = new NodeFaults(cluster, kubelets, engine);
    cluster.watch({
      podAdded: (p) => this.created.push([t(), p.spec.affinity?.nodeAffinity?.required?.nodeSelectorTerms[0]?.matchFields?.[0]?.values?.[0] ?? '']),
      podStatusChanged: (p, from) => from !== p.status.phase && this.phases.push([t(), node(p.metadata.name), p.status.phase]),
      podDeleting: (p) => this.deleting.push([t(), node(p.metadata.name)]),
    });
    engine.at(0, () => {
      for (const [i, name] of ['n0', 'n1'].entries()) cluster.addNode({ ...makeNode(name, i), images: ['agent:1'] });
      cluster.createWorkload((this.ds = makeDaemonSet(cluster, 'agent')));
    });
  }

  at(seconds: number, f: () => void): void {
    this.engine.at(s(seconds), f);
  }
}

describe('DaemonSet with the scheduler, kubelets and node lifecycle', () => {
  it('keeps its pod through a partition (worked example 5): Unknown at 85, never evicted, Running at 500', () => {
    const w = new FullWorld();
    w.at(33, () => w.faults.partition(w.cluster.node('n0')!));
    w.at(495, () => w.faults.heal(w.cluster.node('n0')!));
    w.engine.run(s(600));
    expect(w.created).toEqual([
      [0, 'n0'],
      [0, 'n1'],
    ]);
    expect(w.phases.filter(([, n]) => n === 'n0')).toEqual([
      [1, 'n0', 'Running'],
      [85, 'n0', 'Unknown'],
      [500, 'n0', 'Running'],
    ]);
    expect(w.deleting).toEqual([]);
    expect(w.ds.status).toMatchObject({ desiredNumberScheduled: 2, numberReady: 2, numberAvailable: 2 });
  });

  it('leaves the pods of a removed node to PodGC (60 s) and does not replace them', () => {
    const w = new FullWorld();
    w.at(5, () => w.cluster.removeNode(w.cluster.node('n1')!));
    w.engine.run(s(120));
    expect(w.created.length).toBe(2);
    expect(w.phases.filter(([, n]) => n === 'n1')).toEqual([
      [1, 'n1', 'Running'],
      [60, 'n1', 'Failed'],
    ]);
    expect(w.ds.status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 1 });
  });

  it('deletes its pods when the DaemonSet is deleted (garbage collector), the kubelets kill them', () => {
    const w = new FullWorld();
    w.at(50, () => w.cluster.deleteWorkload(w.ds));
    w.engine.run(s(120));
    expect(w.deleting).toEqual([
      [50, 'n0'],
      [50, 'n1'],
    ]);
    expect(w.cluster.podCount).toBe(0);
  });
});
