/**
 * topologyToMatchedTermCount: (topology key, value) -> count, as nested maps
 * so a lookup needs no string building. Entries that fall to 0 are removed.
 * A TopologyCounts made by `fromDomains` may read the cache's own per-domain
 * maps, which hold zeros: it copies them (dropping the zeros) before its
 * first change, so the cache's maps are never written through it.
 */
export class TopologyCounts {
  private byKey = new Map<string, Map<string, number>>();
  /** The maps are borrowed (read-only, may hold zeros) until the first update. */
  private borrowed = false;
  private keysWithPods = 0;

  /**
   * The sum of per-domain counts, one map per topology key (a key given twice
   * adds up). The maps are borrowed, not copied, when every key is distinct.
   */
  static fromDomains(domains: readonly (readonly [key: string, counts: ReadonlyMap<string, number>])[]): TopologyCounts {
    const c = new TopologyCounts();
    const distinct = new Set(domains.map(([key]) => key)).size === domains.length;
    if (!distinct) {
      for (const [key, counts] of domains) for (const [value, n] of counts) c.add(key, value, n);
      return c;
    }
    c.borrowed = true;
    for (const [key, counts] of domains) {
      if (!hasPositive(counts)) continue;
      c.byKey.set(key, counts as Map<string, number>);
      c.keysWithPods++;
    }
    return c;
  }

  get size(): number {
    return this.borrowed ? this.keysWithPods : this.byKey.size;
  }

  get(key: string, value: string): number {
    return this.byKey.get(key)?.get(value) ?? 0;
  }

  /** update: adds `delta` at the node's value of `key`, if the node has the key. */
  update(labels: Readonly<Record<string, string>>, key: string, delta: number): void {
    if (delta === 0 || !Object.hasOwn(labels, key)) return;
    this.add(key, labels[key] as string, delta);
  }

  /** Whether any of the node's (key, value) pairs has a positive count. */
  anyPositive(labels: Readonly<Record<string, string>>): boolean {
    for (const [key, m] of this.byKey) {
      if (!Object.hasOwn(labels, key)) continue;
      if ((m.get(labels[key] as string) ?? 0) > 0) return true;
    }
    return false;
  }

  clone(): TopologyCounts {
    const c = new TopologyCounts();
    for (const [k, m] of this.byKey) {
      const copy = new Map<string, number>();
      for (const [v, n] of m) if (n !== 0) copy.set(v, n);
      if (copy.size > 0) c.byKey.set(k, copy);
    }
    return c;
  }

  private add(key: string, value: string, delta: number): void {
    if (delta === 0) return;
    if (this.borrowed) {
      this.byKey = this.clone().byKey;
      this.borrowed = false;
    }
    let m = this.byKey.get(key);
    if (!m) this.byKey.set(key, (m = new Map()));
    const n = (m.get(value) ?? 0) + delta;
    if (n === 0) {
      m.delete(value);
      if (m.size === 0) this.byKey.delete(key);
    } else m.set(value, n);
  }
}

function hasPositive(counts: ReadonlyMap<string, number>): boolean {
  for (const n of counts.values()) if (n > 0) return true;
  return false;
}
