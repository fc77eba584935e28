import type { NodeInfo } from './nodeinfo.js';

/**
 * The topology domains of one label key, numbered: `ids[i]` is the number of
 * the value of the key on the node whose NodeInfo.index is i, -1 when that
 * node lacks the key or is not on the node list (an index past the end: -1
 * too); `values[number]` is the value. A number is never reused for another
 * value. Lets a plugin keep per-domain figures in arrays and read a node's
 * domain without a label lookup.
 */
export interface DomainIds {
  readonly ids: ArrayLike<number>;
  readonly values: readonly string[];
}

/** The numbering of one key, kept current by DomainIndex. */
class Numbering implements DomainIds {
  ids = new Int32Array(0);
  readonly values: string[] = [];
  private readonly numbers = new Map<string, number>();

  constructor(readonly key: string) {}

  set(index: number, labels: Readonly<Record<string, string>> | undefined): void {
    if (index >= this.ids.length) {
      const grown = new Int32Array(Math.max(index + 1, this.ids.length * 2, 64)).fill(-1);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[index] = labels !== undefined && Object.hasOwn(labels, this.key) ? this.number(labels[this.key] as string) : -1;
  }

  private number(value: string): number {
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.values.length;
      this.values.push(value);
      this.numbers.set(value, n);
    }
    return n;
  }
}

/**
 * DomainIds for every key asked for, over a changing node list: a key's
 * numbering is built on first request (one pass over the present nodes) and
 * then kept by `nodeChanged`, so a read never walks the nodes.
 */
export class DomainIndex {
  private readonly byKey = new Map<string, Numbering>();

  constructor(private readonly present: () => readonly NodeInfo[]) {}

  get(key: string): DomainIds {
    let n = this.byKey.get(key);
    if (n === undefined) {
      n = new Numbering(key);
      for (const info of this.present()) n.set(info.index, info.node.labels);
      this.byKey.set(key, n);
    }
    return n;
  }

  /** The node was added or relabelled (`present` true), or left the node list. */
  nodeChanged(info: NodeInfo, present: boolean): void {
    for (const n of this.byKey.values()) n.set(info.index, present ? info.node.labels : undefined);
  }
}
