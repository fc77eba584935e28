import type { Manifest, Scenario, SourceRef } from '../model/scenario.js';
import { scenarioManifests } from '../model/scenario-manifests.js';
import { SUPPORTED_ACTIONS } from './actions.js';
import { annotationProblems } from './behaviors.js';
import { neverEnding } from './never-ends.js';

export interface Problem {
  /**
   * `never-ends`: without spec.duration the run would not end; `path` is
   * `spec.duration`. `horizon`: a warning, what the run will not carry out
   * as written (horizon.ts); the others are refusals.
   */
  readonly kind: 'not-supported' | 'invalid' | 'never-ends' | 'horizon';
  readonly source: SourceRef;
  readonly path: string;
  readonly message: string;
}

/**
 * What the loader accepted but this simulation cannot carry out, podsim
 * annotations with bad values, and a scenario without a duration that would
 * never end: each a positioned problem, so the run is refused before anything
 * is written rather than failing half-way (or running forever).
 */
export function checkRunnable(scenario: Scenario): Problem[] {
  const problems: Problem[] = [];
  scenario.events.forEach((ev, i) => {
    if (!SUPPORTED_ACTIONS.has(ev.action.type)) {
      problems.push({ kind: 'not-supported', source: ev.source, path: `spec.events[${i}].${ev.action.type}`, message: `${ev.action.type} is not supported yet` });
    }
    const action = ev.action;
    if (action.type === 'addNodes' && !scenario.nodePools.some((p) => p.name === action.pool)) {
      problems.push({ kind: 'invalid', source: ev.source, path: `spec.events[${i}].addNodes.pool`, message: `no node pool named "${action.pool}"` });
    }
  });
  problems.push(...annotationChecks(scenarioManifests(scenario)));
  problems.push(...unknownNodeNames(scenario));
  const forever = neverEnding(scenario);
  if (forever) {
    const more = forever.count > 1 ? ` (and ${forever.count - 1} more object(s) like it)` : '';
    const message = `the run would never end: ${forever.why}${more}, and spec.duration is not set; set spec.duration (e.g. duration: 30m) or pass --duration 30m`;
    problems.push({ kind: 'never-ends', source: forever.source, path: 'spec.duration', message });
  }
  return problems;
}

function annotationChecks(objects: readonly Manifest[]): Problem[] {
  const problems: Problem[] = [];
  for (const m of objects) {
    if (m.kind !== 'Pod') continue;
    for (const [key, message] of annotationProblems(m.template.annotations)) {
      problems.push({ kind: 'invalid', source: m.source, path: `metadata.annotations[${key}]`, message });
    }
  }
  return problems;
}

/**
 * Every node name the scenario can ever have: its pools' nodes, the ones its
 * addNodes events add, and Node objects, initial or applied.
 */
function nodeNames(scenario: Scenario): Set<string> {
  const names = new Set<string>();
  const next = new Map<string, number>();
  for (const pool of scenario.nodePools) next.set(pool.name, pool.count);
  for (const ev of scenario.events) {
    const a = ev.action;
    if (a.type === 'addNodes') next.set(a.pool, (next.get(a.pool) ?? 0) + a.count);
  }
  for (const [pool, count] of next) for (let i = 0; i < count; i++) names.add(`${pool}-${i}`);
  for (const m of scenarioManifests(scenario)) {
    if (m.kind === 'Node') names.add(m.name);
  }
  return names;
}

/**
 * Pods bound by their manifest (spec.nodeName) to a node the scenario never
 * has. The API server would accept them (and PodGC remove them as orphans);
 * in a simulation it is a mistake, refused at load rather than met at run time.
 */
function unknownNodeNames(scenario: Scenario): Problem[] {
  let names: Set<string> | undefined;
  const problems: Problem[] = [];
  for (const m of scenarioManifests(scenario)) {
    const nodeName = m.kind === 'Pod' ? m.template.spec.nodeName : undefined;
    if (nodeName === undefined) continue;
    names ??= nodeNames(scenario);
    if (names.has(nodeName)) continue;
    problems.push({ kind: 'invalid', source: m.source, path: 'spec.nodeName', message: `Invalid value: ${JSON.stringify(nodeName)}: no node of this name in the scenario (spec.nodePools, addNodes or Node objects)` });
  }
  return problems;
}
