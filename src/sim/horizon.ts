import { matchesLabelSelector } from '../model/labels.js';
import { formatDuration } from '../model/duration.js';
import { quoteForMessage } from '../model/long-values.js';
import type { Millis } from '../model/meta.js';
import { ownValue } from '../model/records.js';
import type { NodeTarget, Scenario, SourceRef, TimedEvent } from '../model/scenario.js';
import { scenarioManifests } from '../model/scenario-manifests.js';
import { isCronError, parseStandard } from '../model/cron-schedule.js';
import { TimeZone } from '../model/time-zone.js';
import type { CronJobSpec } from '../model/workloads.js';
import { jobNeverCompletes } from '../kinds/job.js';
import { templateRuns } from './never-ends.js';
import type { Problem } from './support.js';
import { ScenarioTimeline } from './scenario-timeline.js';
import { ZONE_LABEL } from './targets.js';

/**
 * What a scenario asks for that its run will not carry out, said before the
 * first event (warnings: the run goes on): a timed event at or after the end
 * of the run (`duration: 20` is 20 s; `--duration` too), arrivals that start
 * there; a fault or node action whose target names no node that exists at
 * its time (the pools', Node objects, and those added or applied by earlier
 * events), a scale of a workload that does not exist then; a Job whose pods
 * never finish. The scenario's own order decides "earlier": events by time,
 * ties in file order, after the objects present at t=0. Nodes that arrivals
 * may create (`<name>-<n>`) and that removeNodes by selector may remove are
 * counted as possibly there: no warning rests on a guess.
 */
export function horizonWarnings(scenario: Scenario): Problem[] {
  return [...afterTheEnd(scenario), ...missingTargets(scenario), ...neverCompletingJobs(scenario)];
}

/** Timed events later than the end of the run: they never happen (the printed summary repeats this count). */
export function eventsAfterTheEnd(scenario: Scenario): number {
  const end = scenario.durationMs;
  return end === undefined ? 0 : scenario.events.filter((ev) => ev.at > end).length;
}

function warning(source: SourceRef, path: string, message: string): Problem {
  return { kind: 'horizon', source, path, message };
}

const time = (ms: Millis): string => formatDuration(ms);

function afterTheEnd(scenario: Scenario): Problem[] {
  const end = scenario.durationMs;
  if (end === undefined) return [];
  const out: Problem[] = [];
  scenario.events.forEach((ev, i) => {
    const event = what(ev, i);
    if (ev.at > end) out.push(warning(ev.source, `spec.events[${i}].at`, `${event} never happens: the run ends at ${time(end)} (duration)`));
    else if (ev.at === end) out.push(warning(ev.source, `spec.events[${i}].at`, `${event} happens at the last instant of the run (duration ${time(end)}): nothing after it is simulated`));
  });
  scenario.arrivals.forEach((a, i) => {
    if (a.startMs >= end) out.push(warning(a.source, `spec.arrivals[${i}].start`, `spec.arrivals[${i}] start at ${time(a.startMs)}: no arrival happens, the run ends at ${time(end)} (duration)`));
  });
  return out;
}

function missingTargets(scenario: Scenario): Problem[] {
  const timeline = new ScenarioTimeline(scenario);
  const end = scenario.durationMs ?? Infinity;
  const order = scenario.events.map((ev, i) => ({ ev, i })).sort((a, b) => a.ev.at - b.ev.at || a.i - b.i);
  const out: Problem[] = [];
  for (const { ev, i } of order) {
    if (ev.at > end) break;
    const a = ev.action;
    if (a.type === 'addNodes') timeline.addPoolNodes(a.pool, a.count);
    else if (a.type === 'apply') timeline.add(a.objects);
    else if (a.type === 'removeSchedulingGates') continue; // pods come and go: checked when it runs
    else if (a.type === 'scale') {
      const key = `${a.kind}/${a.namespace}/${a.name}`;
      if (!timeline.hasWorkload(key)) {
        out.push(warning(ev.source, `spec.events[${i}].scale`, `${what(ev, i)}: no ${a.kind} ${quoteForMessage(`${a.namespace}/${a.name}`)} exists then (not among the scenario's objects nor applied by an earlier event)`));
      }
    } else {
      const missing = missingTarget(a.target, timeline);
      if (missing !== undefined) out.push(warning(ev.source, `spec.events[${i}].${a.type}`, `${what(ev, i)}: ${missing}`));
      if (a.type === 'removeNodes' && 'nodes' in a.target) for (const name of a.target.nodes) timeline.remove(name, i);
    }
  }
  return out;
}

function what(ev: TimedEvent, i: number): string {
  return `spec.events[${i}] (${ev.action.type} at ${time(ev.at)})`;
}

const EXISTS = 'not in spec.nodePools nor a Node object, and not added by an earlier addNodes or apply';

/** Why `target` selects no node of the timeline now, or undefined when it may select one. */
function missingTarget(target: NodeTarget, timeline: ScenarioTimeline): string | undefined {
  if ('nodes' in target) {
    const missing = target.nodes.filter((n) => !timeline.hasNode(n));
    if (missing.length === 0) return undefined;
    const first = missing[0]!;
    const more = missing.length > 1 ? ` (nor ${missing.length - 1} more of its nodes)` : '';
    const removedBy = timeline.removed.get(first);
    const why = removedBy !== undefined ? `removed by spec.events[${removedBy}]` : EXISTS;
    return `no node ${quoteForMessage(first)} exists then${more}: ${why}`;
  }
  if ('zone' in target) {
    const found = timeline.some(`zone ${target.zone}`, (n) => ownValue(n.labels, ZONE_LABEL) === target.zone);
    return found ? undefined : `no node is in zone ${quoteForMessage(target.zone)} then (label ${ZONE_LABEL})`;
  }
  if ('selector' in target) {
    const found = timeline.some(`selector ${JSON.stringify(target.selector)}`, (n) => matchesLabelSelector(target.selector, n.labels));
    return found ? undefined : 'no node matches its selector then';
  }
  return timeline.empty ? 'the scenario has no node then' : undefined;
}

/**
 * Whether the CronJob's schedule comes, in its zone, before `durationMs` into
 * the run (created at t=0: its first time is the first after the start): a
 * CronJob that makes no Job within the run has no Job to warn of.
 */
function firesBefore(spec: CronJobSpec, startTime: string, durationMs: Millis): boolean {
  const zone = TimeZone.load(spec.timeZone ?? 'UTC');
  if ('error' in zone) return true; // refused at load; nothing to add here
  const schedule = parseStandard(spec.schedule, zone);
  if (isCronError(schedule)) return true;
  const start = Date.parse(startTime);
  const first = schedule.next(start);
  return first !== undefined && first - start < durationMs;
}

function neverCompletingJobs(scenario: Scenario): Problem[] {
  if (scenario.durationMs === undefined) return []; // refused as never ending (support.ts)
  const out: Problem[] = [];
  for (const m of scenarioManifests(scenario)) {
    if (m.kind === 'CronJob' && !m.spec.suspend && firesBefore(m.spec, scenario.startTime, scenario.durationMs)) {
      const why = jobNeverCompletes(m.spec.jobTemplate, templateRuns(scenario));
      if (why === undefined) continue;
      out.push(warning(m.source, 'spec.jobTemplate.spec.template.spec.containers', `CronJob ${quoteForMessage(m.name)}: its Jobs never complete: ${why} (no behaviour or podsim.io/duration annotation gives it a duration); the run ends at ${time(scenario.durationMs)} with its pods still running`));
    }
    if (m.kind !== 'Job') continue;
    const why = jobNeverCompletes(m, templateRuns(scenario));
    if (why === undefined) continue;
    out.push(warning(m.source, 'spec.template.spec.containers', `Job ${quoteForMessage(m.name)} never completes: ${why} (no behaviour or podsim.io/duration annotation gives it a duration); the run ends at ${time(scenario.durationMs)} with its pods still running`));
  }
  return out;
}
