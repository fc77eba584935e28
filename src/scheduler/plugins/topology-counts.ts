/**
 * topologyToMatchedTermCount: (topology key, value) -> count, as nested maps
 * so a lookup needs no string building. Entries that fall to 0 are removed.
 */
export class TopologyCounts {
  private readonly byKey = new Map<string, Map<string, number>>();

  get size(): number {
    return this.byKey.size;
  }

  get(key: string, value: string): number {
    return this.byKey.get(key)?.get(value) ?? 0;
  }

  /** update: adds `delta` at the node's value of `key`, if the node has the key. */
  update(labels: Readonly<Record<string, string>>, key: string, delta: number): void {
    if (delta === 0 || !Object.hasOwn(labels, key)) return;
    const value = labels[key] as string;
    let m = this.byKey.get(key);
    if (!m) this.byKey.set(key, (m = new Map()));
    const n = (m.get(value) ?? 0) + delta;
    if (n === 0) {
      m.delete(value);
      if (m.size === 0) this.byKey.delete(key);
    } else m.set(value, n);
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
    for (const [k, m] of this.byKey) c.byKey.set(k, new Map(m));
    return c;
  }
}
