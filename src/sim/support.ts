import type { Manifest, Scenario, SourceRef } from '../model/scenario.js';
import { SUPPORTED_ACTIONS } from './actions.js';
import { annotationProblems } from './behaviors.js';

export interface Problem {
  readonly kind: 'not-supported' | 'invalid';
  readonly source: SourceRef;
  readonly path: string;
  readonly message: string;
}

/**
 * What the loader accepted but this simulation cannot carry out, and podsim
 * annotations with bad values: each a positioned problem, so the run is
 * refused before anything is written rather than failing half-way.
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
