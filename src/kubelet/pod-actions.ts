import type { RestartPolicy } from '../model/pod.js';
import { shouldRestart, type ContainerRecord } from './container-record.js';

/** What one sync of a pod does, as kuberuntime's computePodActions decides it. */
export interface PodActions {
  /** Containers to start (or restart) now, in order. */
  readonly start: readonly ContainerRecord[];
  /** Every app container has ended for good: the sidecars still running must stop. */
  readonly appsDone: boolean;
}

const NOTHING: PodActions = { start: [], appsDone: false };

/**
 * Before initialization, init containers run one at a time in order; a
 * sidecar (restartPolicy Always) lets the next one begin once it has started;
 * a failed regular init container is retried unless the pod's policy is Never.
 * After it, sidecars that exited are restarted whatever the pod's policy, and
 * app containers start or restart per the policy. Containers waiting for a
 * back-off timer, blocked, or already starting are left alone.
 */
export function computePodActions(
  init: readonly ContainerRecord[],
  apps: readonly ContainerRecord[],
  policy: RestartPolicy,
  initialized: boolean,
): PodActions {
  if (!initialized) return initActions(init, policy);
  const appsDone = apps.every((r) => r.runtime === 'exited' && !restartsAfter(r, policy));
  if (appsDone) return { start: [], appsDone };
  const start: ContainerRecord[] = [];
  for (const r of init) if (r.kind === 'sidecar' && r.runtime === 'exited' && r.startable) start.push(r);
  for (const r of apps) {
    if (!r.startable) continue;
    if (r.runtime === 'idle' || restartsAfter(r, policy)) start.push(r);
  }
  return { start, appsDone };
}

function initActions(init: readonly ContainerRecord[], policy: RestartPolicy): PodActions {
  for (const r of init) {
    if (r.kind === 'sidecar') {
      if (r.runtime === 'running' && r.status.started) continue;
      return r.startable ? { start: [r], appsDone: false } : NOTHING;
    }
    const last = r.lastTermination;
    if (r.runtime === 'exited' && last?.exitCode === 0) continue;
    if (r.runtime === 'exited' && policy === 'Never') return NOTHING; // the pod has failed
    return r.startable ? { start: [r], appsDone: false } : NOTHING;
  }
  return NOTHING;
}

function restartsAfter(r: ContainerRecord, policy: RestartPolicy): boolean {
  const last = r.lastTermination;
  return r.runtime === 'exited' && last !== undefined && shouldRestart(policy, last.exitCode);
}
