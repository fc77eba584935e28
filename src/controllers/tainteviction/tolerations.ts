import type { Millis, Taint, Toleration } from '../../model/meta.js';
import { tolerates } from '../../model/taints.js';

/** The node's NoExecute taints, in its order (getNoExecuteTaints). */
export function noExecuteTaints(taints: readonly Taint[]): Taint[] {
  return taints.filter((t) => t.effect === 'NoExecute');
}

/** Semantic.DeepEqual of two taint lists (timeAdded included). */
export function sameTaints(a: readonly Taint[], b: readonly Taint[]): boolean {
  return (
    a.length === b.length &&
    a.every((t, i) => {
      const u = b[i];
      return u !== undefined && t.key === u.key && (t.value ?? '') === (u.value ?? '') && t.effect === u.effect && t.timeAdded === u.timeAdded;
    })
  );
}

/**
 * GetMatchingTolerations (pkg/apis/core/v1/helper): for each taint the first
 * toleration that tolerates it; undefined when some taint is not tolerated.
 */
export function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[]): Toleration[] | undefined {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((x) => tolerates(x, taint));
    if (!t) return undefined;
    used.push(t);
  }
  return used;
}

/**
 * getMinTolerationTime: the smallest tolerationSeconds among `used`, in ms;
 * 0 when there are none at all or one is <= 0; -1 (forever) when none sets it.
 */
export function minTolerationTime(used: readonly Toleration[]): Millis {
  if (used.length === 0) return 0;
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds === undefined) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}
