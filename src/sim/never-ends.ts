import { scenarioManifests } from '../model/scenario-manifests.js';
import type { ContainerBehavior } from '../model/behavior.js';
import type { TemplateRuns } from '../kinds/entry.js';
import { kindEntry } from '../kinds/table.js';
import type { ContainerTemplate, Manifest, PodTemplate, Scenario, SourceRef, WorkloadManifest } from '../model/scenario.js';
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
 * a workload, by its kind's rule (kinds/table.ts): ReplicaSets,
 * ReplicationControllers, Deployments and StatefulSets with replicas > 0 and
 * DaemonSets keep pods running; a pod under restartPolicy Always restarts
 * whatever exits; a container that runs forever, or under OnFailure always
 * exits non-zero, never lets its pod finish. A pod or Job with
 * activeDeadlineSeconds ends at its deadline; a Job also ends at its
 * backoffLimit, so only containers that run forever keep it going, unless its
 * pod template has activeDeadlineSeconds (every pod then fails, and the
 * failures reach the backoffLimit); a suspended Job does nothing. A CronJob
 * that is not suspended creates Jobs for ever, unless its schedule never
 * comes (`0 0 30 2 *`). Undefined when the scenario has a duration or every
 * object ends.
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
  if (m.kind === 'Pod') {
    const why = podNeverEnds(m.template, scenario);
    return why === undefined ? undefined : `${name} ${why}`;
  }
  const why = kindEntry(m.kind)?.neverEnds(m as WorkloadManifest, templateRuns(scenario));
  return why === undefined ? undefined : `${name} ${why}`;
}

/** The scenario's answers to a workload kind's never-ends rule. */
export function templateRuns(scenario: Scenario): TemplateRuns {
  return { foreverContainer: (t) => foreverContainer(t, scenario), startTime: scenario.startTime };
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
