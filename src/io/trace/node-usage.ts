import type { Millis } from '../../model/meta.js';
import type { ConditionStatus, Node } from '../../model/node.js';
import { CPU, MEMORY } from '../../model/resources.js';
import { msToSeconds } from './format.js';
import type { NodeOutage } from './summary.js';

/** One node as nodes.csv shows it; requested sums are kept as pods come and go. */
export interface NodeRow {
  readonly name: string;
  /** Creation order among all rows ever made (a re-added name gets a new row, later). */
  readonly seq: number;
  ready: ConditionStatus;
  readonly cpuAllocatable: number;
  readonly memoryAllocatable: number;
  cpuRequested: number;
  memoryRequested: number;
  pods: number;
  /** False once the node object is removed (its pods may still release into it). */
  present: boolean;
  /** Went from Ready=True to False or Unknown at least once. */
  lost: boolean;
  /** The outage under way: when the node left Ready=True. */
  lostSince?: Millis;
}

/**
 * The nodes' requested and allocatable resources, kept incrementally from
 * watch events (never by scanning pods), and their time-weighted mean ratio
 * sum(requested)/sum(allocatable) over present nodes. Callers call `advance(now)`
 * before every change so the mean integrates the state that held until now.
 * Rows stay in node creation order (a re-added name goes last). The rows
 * changed since the last `takeChanged` (added, readiness, requests, pods,
 * removed) are remembered for nodes.csv.
 */
export class NodeUsage {
  private readonly rows = new Map<string, NodeRow>();
  private readonly changed = new Set<NodeRow>();
  private nextSeq = 0;
  private everTotal = 0;
  private lostCount = 0;
  private readonly outageList: NodeOutage[] = [];
  private readonly removedOpen: NodeOutage[] = [];
  private cpuReq = 0;
  private cpuAlloc = 0;
  private memReq = 0;
  private memAlloc = 0;
  private integratedUntil: Millis = 0;
  private cpuIntegral = 0;
  private memIntegral = 0;
  /** Present nodes times ms, integrated like the ratios (summary's node_seconds). */
  private nodeIntegral = 0;

  /** Present nodes, in creation order. */
  present(): IterableIterator<NodeRow> {
    return this.rows.values();
  }

  /** Some row changed since the last `takeChanged`. */
  get hasChanges(): boolean {
    return this.changed.size > 0;
  }

  /** The rows changed since the last call (removed ones included, `present` false), in creation order; forgets them. */
  takeChanged(): NodeRow[] {
    const rows = [...this.changed].sort((a, b) => a.seq - b.seq);
    this.changed.clear();
    return rows;
  }

  /** Integrates the current ratios from the last change up to `now`. */
  advance(now: Millis): void {
    const dt = now - this.integratedUntil;
    if (dt <= 0) return;
    this.cpuIntegral += ratio(this.cpuReq, this.cpuAlloc) * dt;
    this.memIntegral += ratio(this.memReq, this.memAlloc) * dt;
    this.nodeIntegral += this.rows.size * dt;
    this.integratedUntil = now;
  }

  addNode(node: Node): void {
    const row: NodeRow = {
      name: node.name,
      seq: this.nextSeq++,
      ready: node.ready,
      cpuAllocatable: node.allocatable[CPU] ?? 0,
      memoryAllocatable: node.allocatable[MEMORY] ?? 0,
      cpuRequested: 0,
      memoryRequested: 0,
      pods: 0,
      present: true,
      lost: false,
    };
    this.rows.set(node.name, row);
    this.changed.add(row);
    this.everTotal++;
    this.cpuAlloc += row.cpuAllocatable;
    this.memAlloc += row.memoryAllocatable;
  }

  /**
   * Readiness may have changed at `now`; a node object that leaves Ready=True
   * counts as lost (once per node) and opens an outage, closed when it is
   * Ready again.
   */
  updateNode(node: Node, now: Millis): void {
    const row = this.rows.get(node.name);
    if (!row) return;
    if (row.ready === 'True' && node.ready !== 'True') {
      if (!row.lost) this.lostCount++;
      row.lost = true;
      row.lostSince = now;
    } else if (row.ready !== 'True' && node.ready === 'True' && row.lostSince !== undefined) {
      this.outageList.push({ node: node.name, lost_s: msToSeconds(row.lostSince), recovered_s: msToSeconds(now) });
      row.lostSince = undefined;
    }
    if (row.ready !== node.ready) this.changed.add(row);
    row.ready = node.ready;
  }

  /** Every outage by the time of its loss: closed ones and those still open. */
  outages(): NodeOutage[] {
    const open: NodeOutage[] = [];
    for (const row of this.rows.values()) {
      if (row.lostSince !== undefined) open.push({ node: row.name, lost_s: msToSeconds(row.lostSince), recovered_s: null });
    }
    for (const row of this.removedOpen) open.push(row);
    return [...this.outageList, ...open].sort((a, b) => a.lost_s - b.lost_s || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  }

  removeNode(node: Node): void {
    const row = this.rows.get(node.name);
    if (!row) return;
    this.rows.delete(node.name);
    row.present = false;
    this.changed.add(row);
    if (row.lostSince !== undefined) this.removedOpen.push({ node: row.name, lost_s: msToSeconds(row.lostSince), recovered_s: null });
    this.cpuAlloc -= row.cpuAllocatable;
    this.memAlloc -= row.memoryAllocatable;
    this.cpuReq -= row.cpuRequested;
    this.memReq -= row.memoryRequested;
  }

  /**
   * Charges a bound pod's requests to its node: the node's row, to release
   * the same requests from later; undefined when the node is unknown.
   */
  charge(nodeName: string, cpu: number, memory: number): NodeRow | undefined {
    const row = this.rows.get(nodeName);
    if (!row) return undefined;
    row.cpuRequested += cpu;
    row.memoryRequested += memory;
    row.pods++;
    this.changed.add(row);
    this.cpuReq += cpu;
    this.memReq += memory;
    return row;
  }

  /** Releases requests charged to `row` (the pod is terminal or gone). */
  release(row: NodeRow, cpu: number, memory: number): void {
    row.cpuRequested -= cpu;
    row.memoryRequested -= memory;
    row.pods--;
    if (!row.present) return;
    this.changed.add(row);
    this.cpuReq -= cpu;
    this.memReq -= memory;
  }

  /** Nodes that ever existed. */
  get total(): number {
    return this.everTotal;
  }

  /** Nodes that ever went from Ready=True to False or Unknown. */
  get lost(): number {
    return this.lostCount;
  }

  /** Node-milliseconds over [0, the last `advance`]: each node counted from its creation to its removal. */
  get nodeMs(): number {
    return this.nodeIntegral;
  }

  /**
   * Time-weighted means of requested/allocatable over [0, endMs] (call
   * `advance(endMs)` first); for a zero-length run, the ratios at the end.
   */
  means(endMs: Millis): { cpu: number; memory: number } {
    if (endMs <= 0) return { cpu: ratio(this.cpuReq, this.cpuAlloc), memory: ratio(this.memReq, this.memAlloc) };
    return { cpu: this.cpuIntegral / endMs, memory: this.memIntegral / endMs };
  }
}

function ratio(requested: number, allocatable: number): number {
  return allocatable > 0 ? requested / allocatable : 0;
}
