import type { Manifest, Scenario, SourceRef } from '../model/scenario.js';
import { SUPPORTED_ACTIONS } from './actions.js';
import { annotationProblems } from './behaviors.js';
import { neverEnding } from './never-ends.js';

export interface Problem {
  /** `never-ends`: without spec.duration the run would not end; `path` is `spec.duration`. */
  readonly kind: 'not-supported' | 'invalid' | 'never-ends';
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
    if (action.type === 'apply') problems.push(...annotationChecks(action.objects));
    if (action.type === 'addNodes' && !scenario.nodePools.some((p) => p.name === action.pool)) {
      problems.push({ kind: 'invalid', source: ev.source, path: `spec.events[${i}].addNodes.pool`, message: `no node pool named "${action.pool}"` });
    }
  });
  problems.push(...annotationChecks(scenario.objects));
  for (const a of scenario.arrivals) problems.push(...annotationChecks(a.objects));
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
