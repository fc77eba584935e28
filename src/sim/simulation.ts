import { Cluster, type ClusterWatcher } from '../api/cluster.js';
import type { ControllerContext } from '../controllers/context.js';
import { GarbageCollector } from '../controllers/garbagecollector.js';
import { PodGC } from '../controllers/podgc.js';
import { Engine } from '../engine/engine.js';
import { RandomStreams } from '../engine/random.js';
import { NodeFaults } from '../kubelet/faults.js';
import { Kubelets } from '../kubelet/kubelets.js';
import { NodeLifecycleController } from '../controllers/nodelifecycle/controller.js';
import { TaintEvictionController } from '../controllers/tainteviction/controller.js';
import { WORKLOAD_KINDS, defaultSelector } from '../kinds/table.js';
import type { PodTemplateSpec, Scenario } from '../model/scenario.js';
import type { AttemptWatch } from '../scheduler/attempt-watch.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { ScenarioActions } from './actions.js';
import { withSharedPodSpecs } from './alike-pods.js';
import { SimAdmission } from './admission.js';
import { scheduleArrivals } from './arrivals.js';

export interface SimulationOptions {
  /** Hears the scheduling attempts of the pods it watches (explain). */
  readonly attempts?: AttemptWatch;
}

/**
 * The world: one engine, one cluster, the components wired to it, and the
 * scenario's objects, timed events and arrivals scheduled. Objects present at
 * the start are created at t=0 before anything else happens; timed events at
 * the same instant follow in file order. Nothing happens until a RunLoop
 * (run-loop.ts) drives it.
 */
export class Simulation {
  readonly engine = new Engine();
  readonly cluster = new Cluster(this.engine);
  readonly streams: RandomStreams;
  private readonly actions: ScenarioActions;

  constructor(
    readonly scenario: Scenario,
    options: SimulationOptions = {},
  ) {
    this.streams = new RandomStreams(scenario.seed);
    const { cluster, engine, streams } = this;
    const schedulerConfig = scenario.objects.find((m) => m.kind === 'KubeSchedulerConfiguration');
    const imageSize = (image: string) => scenario.images.get(image) ?? scenario.registry.defaultImageSize;
    cluster.watch(
      new Scheduler({
        cluster,
        engine,
        streams,
        imageSize,
        ownerSelector: (pod) => defaultSelector(pod, (kind, namespace, name) => cluster.workload(kind, namespace, name)),
        ...(options.attempts ? { attempts: options.attempts } : {}),
        ...(schedulerConfig?.kind === 'KubeSchedulerConfiguration' ? { config: schedulerConfig.config } : {}),
      }),
    );
    const kubelets = new Kubelets({
        cluster,
        engine,
        streams,
        config: scenario.kubelet,
        registry: scenario.registry,
        images: scenario.images,
        ...(scenario.controlPlane.terminationGracePeriodMs !== undefined
          ? { terminationGracePeriodMs: scenario.controlPlane.terminationGracePeriodMs }
          : {}),
    });
    cluster.watch(kubelets);
    const controllers: ControllerContext = { cluster, engine, streams, config: scenario.controlPlane, startTime: scenario.startTime };
    // The workload controllers in the table's order (kinds/table.ts says why it matters).
    for (const kind of WORKLOAD_KINDS) for (const c of kind.controllers(controllers)) cluster.watch(c);
    cluster.watch(new GarbageCollector(controllers));
    cluster.watch(new PodGC(controllers));
    cluster.watch(new NodeLifecycleController(controllers));
    cluster.watch(new TaintEvictionController(controllers));
    cluster.setAdmission(
      new SimAdmission(cluster, {
        rules: scenario.behaviors,
        defaultTolerationSeconds: scenario.controlPlane.defaultTolerationSeconds,
        priorityClasses: scenario.objects.flatMap((m) => (m.kind === 'PriorityClass' ? [m.priorityClass] : [])),
        names: streams.stream('names'),
      }),
    );
    const faults = new NodeFaults(cluster, kubelets, engine);
    this.actions = new ScenarioActions(scenario, cluster, engine, faults, { targets: streams.stream('targets') });
    this.scheduleScenario();
  }

  /**
   * Adds an observer (a trace recorder). Call before the run starts: nothing
   * happens until then, so it hears every change from t=0 on.
   */
  observe(watcher: ClusterWatcher): void {
    this.cluster.watch(watcher);
  }

  /** Problems met while running that the user should hear about (stderr). */
  get warnings(): readonly string[] {
    return this.actions.warnings;
  }

  private scheduleScenario(): void {
    const { engine, scenario, actions } = this;
    // Equal specs of bare pods, shared across the scenario's objects and the files its events apply (alike-pods.ts).
    const specs = new Map<string, PodTemplateSpec>();
    const objects = withSharedPodSpecs(scenario.objects, specs);
    engine.at(0, () => actions.apply(objects));
    for (const ev of scenario.events) {
      if (scenario.durationMs !== undefined && ev.at > scenario.durationMs) continue;
      const action = ev.action.type === 'apply' ? { ...ev.action, objects: withSharedPodSpecs(ev.action.objects, specs) } : ev.action;
      engine.at(ev.at, () => actions.run(action, ev.forMs));
    }
    scenario.arrivals.forEach((arrival, i) => {
      const rng = this.streams.stream(`arrivals/${i}`);
      scheduleArrivals(arrival, engine, rng, (n) => actions.apply(arrival.objects, `-${n}`), scenario.durationMs);
    });
  }
}
