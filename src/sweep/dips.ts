/** One stretch of a workload below desired, read from workloads.csv. */
export interface Dip {
  /** `deployment/web`: the kind in lower case, as kubectl writes it, and the name. */
  readonly workload: string;
  readonly namespace: string;
  /** When it started, seconds. */
  readonly start_s: number;
  /** How long it lasted: to the row that brought it back, or to the run's end. */
  readonly length_s: number;
  /** desired - available at its lowest. */
  readonly depth: number;
}

interface State {
  readonly workload: string;
  readonly namespace: string;
  settled: boolean;
  open?: { start: number; depth: number };
}

/** Splits one CSV line that podsim wrote (workloads.csv's fields never need quotes: kinds, names, numbers). */
function fields(line: string): string[] {
  return line.split(',');
}

/**
 * The dips of every workload but Jobs in a run's workloads.csv, in the order
 * they started, with the rule of summary.json's `time_below_desired_s`: a
 * workload counts as below desired when it has fewer available than desired,
 * from the moment it first had all it wants (the initial rollout is no dip).
 * A dip still open at `endS` (the run's end) lasts until then. So the sum of
 * one workload's dip lengths is its time_below_desired_s once it settled.
 */
export function dipsOf(csv: string, endS: number): Dip[] {
  const lines = csv.split('\n').filter((l) => l !== '');
  const header = fields(lines[0] ?? '');
  const col = (name: string) => header.indexOf(name);
  const [t, kind, ns, name, desired, available] = ['time_s', 'kind', 'namespace', 'name', 'desired', 'available'].map(col) as number[];
  const states = new Map<string, State>();
  const dips: Dip[] = [];
  const close = (s: State, at: number) => {
    if (s.open === undefined) return;
    dips.push({ workload: s.workload, namespace: s.namespace, start_s: s.open.start, length_s: round3(at - s.open.start), depth: s.open.depth });
    s.open = undefined;
  };
  for (const line of lines.slice(1)) {
    const f = fields(line);
    if (f[kind!] === 'Job') continue;
    const key = `${f[kind!]}/${f[ns!]}/${f[name!]}`;
    let s = states.get(key);
    if (s === undefined) {
      s = { workload: `${(f[kind!] ?? '').toLowerCase()}/${f[name!]}`, namespace: f[ns!] ?? '', settled: false };
      states.set(key, s);
    }
    const time = Number(f[t!]);
    const want = Number(f[desired!]);
    const have = Number(f[available!]);
    if (!s.settled) {
      if (have >= want && (want > 0 || f[kind!] !== 'DaemonSet')) s.settled = true;
      continue;
    }
    if (have >= want) close(s, time);
    else if (s.open === undefined) s.open = { start: time, depth: want - have };
    else s.open.depth = Math.max(s.open.depth, want - have);
  }
  for (const s of states.values()) close(s, endS);
  return dips.sort((a, b) => a.start_s - b.start_s);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
