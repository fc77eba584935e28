import type { Timeline } from './timeline.js';

/** One nodes.csv row. */
export interface NodeSampleRow {
  readonly timeS: number;
  readonly node: string;
  /** `True`, `False`, `Unknown`, or '' for a node removed. */
  readonly ready: string;
  readonly cpuRequested: number;
  readonly cpuAllocatable: number;
  readonly memoryRequested: number;
  readonly memoryAllocatable: number;
}

/** A heat map row: a node (or a group of nodes) and its share requested in each column; null where absent. */
export interface HeatRow {
  readonly label: string;
  readonly cpu: (number | null)[];
  readonly memory: (number | null)[];
  /** Columns where the node (or any of the group) was not Ready. */
  readonly notReady: boolean[];
}

/** At most this many rows: beyond, consecutive nodes (in creation order) share a row. */
export const MAX_HEAT_ROWS = 60;

interface NodeCells {
  readonly cpu: (number | null)[];
  readonly memory: (number | null)[];
  readonly ready: (string | null)[];
}

/**
 * Requested cpu and memory per node over time, as shares of allocatable,
 * from nodes.csv. A node's state at a time is its last row at or before it
 * (nodes.csv's contract, forward-filled); each column shows the state at its
 * end. Memory: three numbers per node per column.
 */
export class NodeHeat {
  private readonly nodes = new Map<string, NodeCells>();

  constructor(private readonly timeline: Timeline) {}

  sample(row: NodeSampleRow): void {
    let cells = this.nodes.get(row.node);
    if (!cells) {
      const n = this.timeline.count;
      cells = { cpu: new Array(n).fill(null), memory: new Array(n).fill(null), ready: new Array(n).fill(null) };
      this.nodes.set(row.node, cells);
    }
    const k = this.timeline.bin(row.timeS);
    const removed = row.ready === '';
    cells.cpu[k] = removed ? null : share(row.cpuRequested, row.cpuAllocatable);
    cells.memory[k] = removed ? null : share(row.memoryRequested, row.memoryAllocatable);
    cells.ready[k] = removed ? '' : row.ready;
  }

  /** The rows, in node creation order (first row in nodes.csv), grouped beyond MAX_HEAT_ROWS. */
  rows(): HeatRow[] {
    const filled = [...this.nodes].map(([name, cells]) => ({ name, ...forwardFill(cells) }));
    const per = Math.ceil(filled.length / MAX_HEAT_ROWS);
    const rows: HeatRow[] = [];
    for (let i = 0; i < filled.length; i += per) {
      const group = filled.slice(i, i + per);
      const label = group.length === 1 ? group[0]!.name : `${group[0]!.name} … ${group[group.length - 1]!.name} (${group.length})`;
      rows.push({
        label,
        cpu: mean(group.map((g) => g.cpu)),
        memory: mean(group.map((g) => g.memory)),
        notReady: group[0]!.ready.map((_, k) => group.some((g) => g.ready[k] === 'False' || g.ready[k] === 'Unknown')),
      });
    }
    return rows;
  }
}

function share(requested: number, allocatable: number): number | null {
  return allocatable > 0 ? requested / allocatable : null;
}

/** Each column takes the last value at or before it; a node's columns before its first row stay null. */
function forwardFill(cells: NodeCells): NodeCells {
  const out: NodeCells = { cpu: [...cells.cpu], memory: [...cells.memory], ready: [...cells.ready] };
  for (let k = 1; k < out.ready.length; k++) {
    if (cells.ready[k] !== null) continue;
    out.cpu[k] = out.cpu[k - 1] ?? null;
    out.memory[k] = out.memory[k - 1] ?? null;
    out.ready[k] = out.ready[k - 1] ?? null;
  }
  return out;
}

/** Column means over a group, ignoring absent nodes; null where all are absent. */
function mean(series: readonly (readonly (number | null)[])[]): (number | null)[] {
  const n = series[0]?.length ?? 0;
  const out: (number | null)[] = [];
  for (let k = 0; k < n; k++) {
    let sum = 0;
    let count = 0;
    for (const s of series) {
      const v = s[k];
      if (v !== null && v !== undefined) (sum += v), count++;
    }
    out.push(count === 0 ? null : sum / count);
  }
  return out;
}
