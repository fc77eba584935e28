import type { NodeInfo } from '../nodeinfo.js';

/** A node without the topology key. */
export const NO_DOMAIN = -1;

/**
 * Each node's domain under one topology key, as a small integer id (the
 * same id for the same label value), by NodeInfo.index: what a per-node
 * check reads instead of looking the label up. An id is recomputed when the
 * node's generation changes (its labels may have), and ids are never reused.
 */
export class TopologyColumn {
  private ids = new Int32Array(0);
  private stamps = new Float64Array(0);
  private readonly idOf = new Map<string, number>();
  /** id -> label value. */
  readonly values: string[] = [];

  constructor(readonly topologyKey: string) {}

  /** The node's domain id, or NO_DOMAIN when it does not carry the key. */
  domain(nodeInfo: NodeInfo): number {
    const idx = nodeInfo.index;
    if (idx < this.stamps.length && this.stamps[idx] === nodeInfo.generation) return this.ids[idx] as number;
    if (idx >= this.stamps.length) this.grow(idx + 1);
    const labels = nodeInfo.node.labels;
    const value = labels[this.topologyKey];
    let id = NO_DOMAIN;
    if (value !== undefined && Object.hasOwn(labels, this.topologyKey)) {
      id = this.idOf.get(value) ?? NO_DOMAIN;
      if (id === NO_DOMAIN) {
        id = this.values.length;
        this.values.push(value);
        this.idOf.set(value, id);
      }
    }
    this.ids[idx] = id;
    this.stamps[idx] = nodeInfo.generation;
    return id;
  }

  private grow(size: number): void {
    const n = Math.max(size, 2 * this.stamps.length);
    const ids = new Int32Array(n);
    ids.set(this.ids);
    const stamps = new Float64Array(n).fill(-1);
    stamps.set(this.stamps);
    this.ids = ids;
    this.stamps = stamps;
  }
}
