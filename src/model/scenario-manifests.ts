import type { Manifest, Scenario } from './scenario.js';

/**
 * Every manifest a scenario can create: the objects present at the start,
 * then those of `apply` events in event order, then the arrivals' templates.
 */
export function scenarioManifests(scenario: Scenario): Manifest[] {
  const applied = scenario.events.flatMap((e) => (e.action.type === 'apply' ? e.action.objects : []));
  return [...scenario.objects, ...applied, ...scenario.arrivals.flatMap((a) => a.objects)];
}
