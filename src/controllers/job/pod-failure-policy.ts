import type { ContainerStatus, Pod, PodCondition } from '../../model/pod.js';
import type { JobSpec, PodFailurePolicyRule } from '../../model/workloads.js';

export type PodFailurePolicy = NonNullable<JobSpec['podFailurePolicy']>;

/** What the policy says about one failed pod (matchPodFailurePolicy). */
export interface PolicyMatch {
  /** Set when a FailJob rule matched: the Job's failure message. */
  readonly failJobMessage?: string;
  /** False when an Ignore rule matched: the failure does not count toward backoffLimit. */
  readonly countFailed: boolean;
  readonly action?: PodFailurePolicyRule['action'];
}

const NO_MATCH: PolicyMatch = { countFailed: true };

/**
 * The first rule, in order, that matches the failed pod: onExitCodes on a
 * terminated container with a non-zero exit (app containers first, then init
 * containers; `containerName` narrows it), or onPodConditions on a condition
 * of that type and status. Messages as pkg/controller/job/pod_failure_policy.go.
 */
export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: Pod): PolicyMatch {
  if (!policy) return NO_MATCH;
  for (const [index, rule] of policy.rules.entries()) {
    if (rule.onExitCodes) {
      const c = matchOnExitCodes(pod, rule.onExitCodes);
      if (!c || c.state.state !== 'terminated') continue;
      const { namespace, name } = pod.metadata;
      const msg = `Container ${c.name} for pod ${namespace}/${name} failed with exit code ${c.state.exitCode} matching ${rule.action} rule at index ${index}`;
      return actionOutcome(rule.action, msg);
    }
    if (rule.onPodConditions) {
      const cond = matchOnPodConditions(pod.status.conditions, rule.onPodConditions);
      if (!cond) continue;
      const msg = `Pod ${pod.metadata.namespace}/${pod.metadata.name} has condition ${cond.type} matching ${rule.action} rule at index ${index}`;
      return actionOutcome(rule.action, msg);
    }
  }
  return NO_MATCH;
}

function actionOutcome(action: PodFailurePolicyRule['action'], message: string): PolicyMatch {
  switch (action) {
    case 'Ignore':
      return { countFailed: false, action };
    case 'Count':
    case 'FailIndex': // validation allows it only with backoffLimitPerIndex
      return { countFailed: true, action };
    case 'FailJob':
      return { failJobMessage: message, countFailed: true, action };
  }
}

type ExitCodes = NonNullable<PodFailurePolicyRule['onExitCodes']>;

function matchOnExitCodes(pod: Pod, req: ExitCodes): ContainerStatus | undefined {
  return matchingContainer(pod.status.containerStatuses, req) ?? matchingContainer(pod.status.initContainerStatuses, req);
}

function matchingContainer(statuses: readonly ContainerStatus[], req: ExitCodes): ContainerStatus | undefined {
  return statuses.find((s) => {
    if (s.state.state !== 'terminated') return false;
    if (req.containerName !== undefined && req.containerName !== s.name) return false;
    const code = s.state.exitCode;
    return code !== 0 && (req.operator === 'In' ? req.values.includes(code) : !req.values.includes(code));
  });
}

function matchOnPodConditions(
  conditions: readonly PodCondition[],
  patterns: NonNullable<PodFailurePolicyRule['onPodConditions']>,
): PodCondition | undefined {
  return conditions.find((c) => patterns.some((p) => p.type === c.type && p.status === c.status));
}
