import { scenarioManifests } from '../model/scenario-manifests.js';
import type { ContainerBehavior } from '../model/behavior.js';
import type { ContainerTemplate, Manifest, PodTemplate, Scenario, SourceRef } from '../model/scenario.js';
import { resolveBehavior } from './behaviors.js';

/** The first object that would keep a run without `spec.duration` going forever, and why. */
export interface NeverEnding {
  readonly source: SourceRef;
  /** `Pod "web" runs forever: restartPolicy Always restarts its containers whenever they exit` */
  readonly why: string;
  /** How many objects of the scenario never end, this one included. */
  readonly count: number;
}

/**
 * Without `spec.duration` a run lasts until nothing is left to happen; these
 * objects never let that happen (Kubernetes semantics, before any scheduling):
 * ReplicaSets, ReplicationControllers and Deployments with replicas > 0 and
 * DaemonSets keep pods running; a pod under restartPolicy Always restarts
 * whatever exits; a container that runs forever, or under OnFailure always
 * exits non-zero, never lets its pod finish. A pod or Job with
 * activeDeadlineSeconds ends at its deadline; a Job also ends at its
 * backoffLimit, so only containers that run forever keep it going, unless its
 * pod template has activeDeadlineSeconds (every pod then fails, and the
 * failures reach the backoffLimit); a suspended Job does nothing. Undefined
 * when the scenario has a duration or every object ends.
 */
export function neverEnding(scenario: Scenario): NeverEnding | undefined {
  if (scenario.durationMs !== undefined) return undefined;
  const all = scenarioManifests(scenario);
  const found = all.flatMap((m) => {
    const why = whyNeverEnds(m, scenario);
    return why === undefined ? [] : [{ source: m.source, why }];
  });
  const first = found[0];
  return first && { ...first, count: found.length };
}

function whyNeverEnds(m: Manifest, scenario: Scenario): string | undefined {
  const name = `${m.kind} ${JSON.stringify(m.name || `${'generateName' in m ? (m.generateName ?? '') : ''}*`)}`;
  switch (m.kind) {
    case 'Node':
      return undefined;
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Deployment':
      return m.spec.replicas > 0 ? `${name} keeps ${m.spec.replicas} pod(s) running` : undefined;
    case 'DaemonSet':
      return `${name} keeps a pod running on every node`;
    case 'Job': {
      const why = jobNeverCompletes(m, scenario);
      return why === undefined ? undefined : `${name} never completes: ${why}`;
    }
    case 'Pod': {
      const why = podNeverEnds(m.template, scenario);
      return why === undefined ? undefined : `${name} ${why}`;
    }
  }
}

/**
 * Why a Job never completes nor fails (`container c runs forever`): a
 * container that runs forever, without activeDeadlineSeconds on the Job or
 * its pods (a deadline ends it; every pod failing at its deadline reaches
 * the backoffLimit); a suspended Job does nothing. Undefined when it ends.
 */
export function jobNeverCompletes(job: Extract<Manifest, { kind: 'Job' }>, scenario: Scenario): string | undefined {
  if (job.spec.suspend || job.spec.activeDeadlineSeconds !== undefined) return undefined;
  if (job.spec.template.spec.activeDeadlineSeconds !== undefined) return undefined;
  const c = foreverContainer(job.spec.template, scenario);
  return c === undefined ? undefined : `container ${c} runs forever`;
}

/** Why a bare pod of this template never reaches Succeeded or Failed. */
function podNeverEnds(t: PodTemplate, scenario: Scenario): string | undefined {
  const spec = t.spec;
  if (spec.activeDeadlineSeconds !== undefined) return undefined;
  if (spec.restartPolicy === 'Always') return 'runs forever: restartPolicy Always restarts its containers whenever they exit';
  const forever = foreverContainer(t, scenario);
  if (forever !== undefined) return `runs forever: container ${forever} never exits`;
  if (spec.restartPolicy === 'Never') return undefined;
  const regularInit = spec.initContainers.filter((x) => x.restartPolicy !== 'Always');
  for (const [c, init] of [...regularInit.map((x) => [x, true] as const), ...spec.containers.map((x) => [x, false] as const)]) {
    const b = resolveBehavior(scenario.behaviors, t.labels, t.annotations, c, init);
    if (!canSucceed(b)) return `runs forever: container ${c.name} always exits ${b.failureProbability >= 1 ? b.failExitCode : b.exitCode} and restartPolicy OnFailure restarts it`;
  }
  return undefined;
}

/** An app or regular init container that never exits (sidecars are stopped with the pod). */
function foreverContainer(t: PodTemplate, scenario: Scenario): string | undefined {
  const runsForever = (c: ContainerTemplate, init: boolean) =>
    resolveBehavior(scenario.behaviors, t.labels, t.annotations, c, init).run === 'forever';
  const init = t.spec.initContainers.find((c) => c.restartPolicy !== 'Always' && runsForever(c, true));
  return init?.name ?? t.spec.containers.find((c) => runsForever(c, false))?.name;
}

/** Some run may exit 0. */
function canSucceed(b: ContainerBehavior): boolean {
  return (b.failureProbability < 1 && b.exitCode === 0) || (b.failureProbability > 0 && b.failExitCode === 0);
}
