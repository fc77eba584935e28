import type { Millis } from '../model/meta.js';
import type { PodDisruptionBudget } from '../model/workloads.js';

/**
 * UpdateDisruptionAllowedCondition (pkg/apis/policy/helper): condition
 * DisruptionAllowed, True with reason SufficientPods while disruptionsAllowed
 * > 0, else False with InsufficientPods; `failure` (failSafe) is False with
 * reason SyncFailed and its text. The transition time moves only when the
 * status does (meta.SetStatusCondition).
 */
export function setDisruptionAllowedCondition(pdb: PodDisruptionBudget, now: Millis, failure?: string): void {
  const allowed = failure === undefined && pdb.status.disruptionsAllowed > 0;
  const status = allowed ? 'True' : 'False';
  const reason = failure !== undefined ? 'SyncFailed' : allowed ? 'SufficientPods' : 'InsufficientPods';
  const old = pdb.status.conditions.find((c) => c.type === 'DisruptionAllowed');
  const condition = {
    type: 'DisruptionAllowed',
    status,
    reason,
    message: failure ?? '',
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
  } as const;
  pdb.status.conditions = [...pdb.status.conditions.filter((c) => c.type !== 'DisruptionAllowed'), condition];
}
