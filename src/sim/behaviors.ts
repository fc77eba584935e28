import { COMPLETES_AT_START, RUN_FOREVER, type ContainerBehavior } from '../model/behavior.js';
import { parseDuration } from '../model/duration.js';
import type { Labels } from '../model/meta.js';
import { ownValue } from '../model/records.js';
import type { BehaviorRule, ContainerTemplate } from '../model/scenario.js';

/** Pod annotations that set a container's behaviour; they win over the scenario's `behaviors`. */
export const DURATION_ANNOTATION = 'podsim.io/duration';
export const EXIT_CODE_ANNOTATION = 'podsim.io/exit-code';

/**
 * What `container` of a pod with `labels` and `annotations` does once started
 * (`init`: it is one of the pod's initContainers).
 *
 * An app container takes the first matching rule, then the pod's annotations
 * on top (a per-container form `podsim.io/duration.<container>` wins over the
 * pod-wide one); with neither, it runs forever.
 *
 * An init container (a sidecar too) takes only what names it: the first rule
 * whose match names its `container` or its `image`, then the per-container
 * annotations. A rule that matches on labels alone, and the pod-wide
 * annotations, describe the pod's work: applied to its init containers they
 * would hold every pod at initialization (`run: forever`) or run the work
 * twice. With nothing that names it, a regular init container completes as
 * soon as it has started (exit 0: its cost is its image and the container
 * start latency) and a sidecar runs until the pod stops it.
 *
 * Annotation values were validated at load (see `annotationProblems`); an
 * invalid one here is ignored.
 */
export function resolveBehavior(
  rules: readonly BehaviorRule[],
  labels: Labels,
  annotations: Readonly<Record<string, string>>,
  container: ContainerTemplate,
  init = false,
): ContainerBehavior {
  const rule = rules.find((r) => (!init || namesContainer(r)) && ruleMatches(r, labels, container));
  const fallback = init && container.restartPolicy !== 'Always' ? COMPLETES_AT_START : RUN_FOREVER;
  let behavior = rule?.behavior ?? fallback;
  if (isEmpty(annotations)) return behavior;
  const podWide = (key: string) => (init ? undefined : annotations[key]);
  const duration = annotations[`${DURATION_ANNOTATION}.${container.name}`] ?? podWide(DURATION_ANNOTATION);
  if (duration !== undefined) {
    const parsed = parseDuration(duration);
    if (parsed.ok) behavior = { ...behavior, run: { kind: 'constant', value: parsed.ms } };
  }
  const exit = annotations[`${EXIT_CODE_ANNOTATION}.${container.name}`] ?? podWide(EXIT_CODE_ANNOTATION);
  if (exit !== undefined && isExitCode(exit)) behavior = { ...behavior, exitCode: Number(exit), failureProbability: 0 };
  return behavior;
}

/** No annotations at all (most pods): nothing to look up. */
function isEmpty(record: Readonly<Record<string, string>>): boolean {
  for (const _ in record) return false;
  return true;
}

/** The rule's match names a container or an image (so it may reach an init container). */
function namesContainer(rule: BehaviorRule): boolean {
  return rule.match.container !== undefined || rule.match.image !== undefined;
}

function ruleMatches(rule: BehaviorRule, labels: Labels, container: ContainerTemplate): boolean {
  const m = rule.match;
  if (m.image !== undefined && m.image !== container.image) return false;
  if (m.container !== undefined && m.container !== container.name) return false;
  if (m.labels) {
    for (const [k, v] of Object.entries(m.labels)) if (ownValue(labels, k) !== v) return false;
  }
  return true;
}

function isExitCode(s: string): boolean {
  return /^\d{1,3}$/.test(s) && Number(s) <= 255;
}

/** Problems with podsim annotations on a pod template, as `[annotationKey, message]` pairs. */
export function annotationProblems(annotations: Readonly<Record<string, string>>): [string, string][] {
  const problems: [string, string][] = [];
  for (const [key, value] of Object.entries(annotations)) {
    if (key === DURATION_ANNOTATION || key.startsWith(`${DURATION_ANNOTATION}.`)) {
      const parsed = parseDuration(value);
      if (!parsed.ok) problems.push([key, parsed.message]);
      else if (parsed.ms < 0) problems.push([key, `must be a non-negative duration, got "${value}"`]);
    } else if (key === EXIT_CODE_ANNOTATION || key.startsWith(`${EXIT_CODE_ANNOTATION}.`)) {
      if (!isExitCode(value)) problems.push([key, `must be an exit code from 0 to 255, got "${value}"`]);
    }
  }
  return problems;
}
