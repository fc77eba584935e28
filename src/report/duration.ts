/**
 * A duration as Go's time.Duration.String() prints it (the form kubectl
 * users read in `--timeout`, kube-scheduler logs and `kubectl describe`),
 * to the millisecond: `0s`, `250ms`, `1.5s`, `25m10s`, `1h0m5s`, `26h3m0s`.
 * Ages are not rounded the way `kubectl get`'s AGE column rounds them
 * (duration.HumanDuration: `25m`): a simulation's point is the detail.
 * Source: go/src/time/time.go, func (d Duration) String.
 */
export function goDuration(seconds: number): string {
  let ms = Math.round(seconds * 1000);
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  ms = Math.abs(ms);
  if (ms < 1000) return `${sign}${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const sMs = ms % 60_000;
  const s = `${Math.floor(sMs / 1000)}${sMs % 1000 === 0 ? '' : `.${String(sMs % 1000).padStart(3, '0').replace(/0+$/, '')}`}s`;
  if (h > 0) return `${sign}${h}h${m}m${s}`;
  if (m > 0) return `${sign}${m}m${s}`;
  return `${sign}${s}`;
}
