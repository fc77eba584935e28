import type { Labels } from '../model/meta.js';
import { poolNode } from '../model/pool.js';
import type { Manifest, Scenario } from '../model/scenario.js';

/** A node the scenario may have at some time: its name (or, for arrivals' copies, the name before `-<n>`) and labels. */
export interface KnownNode {
  readonly name: string;
  readonly labels: Labels;
  /** Created by arrivals: `name-1`, `name-2`... */
  readonly numbered: boolean;
}

/**
 * The nodes and workloads a scenario has at a point of its timeline, as the
 * caller walks its events in order (add, addPoolNodes, remove): the objects
 * present at t=0, then what events add or remove. What arrivals create is
 * there from the start, as numbered copies (`<name>-<n>`), so that nothing
 * that may exist is missed.
 */
export class ScenarioTimeline {
  private readonly nodes = new Map<string, KnownNode>();
  /** `kind/namespace/name`; arrivals' workloads as prefixes of numbered copies. */
  private readonly workloads = new Set<string>();
  private readonly numberedWorkloads: string[] = [];
  private readonly numberedNodes: KnownNode[] = [];
  /** Nodes removed by name, and by which event. */
  readonly removed = new Map<string, number>();
  private readonly nextIndex = new Map<string, number>();
  /** What a zone or selector target found, by target, while the nodes stay as they are (events share targets). */
  private readonly found = new Map<string, boolean>();

  constructor(private readonly scenario: Scenario) {
    for (const pool of scenario.nodePools) this.nextIndex.set(pool.name, pool.count);
    this.add(scenario.objects);
    for (const a of scenario.arrivals) this.add(a.objects, true);
  }

  add(objects: readonly Manifest[], numbered = false): void {
    for (const m of objects) {
      if (m.kind === 'Node') {
        const node = { name: m.name, labels: m.labels, numbered };
        if (numbered) this.numberedNodes.push(node);
        else this.nodes.set(m.name, node);
        if (!numbered) this.removed.delete(m.name);
        this.found.clear();
      } else if (m.kind !== 'Pod' && m.kind !== 'PriorityClass' && m.kind !== 'KubeSchedulerConfiguration') {
        const key = `${m.kind}/${m.namespace}/${m.name}`;
        if (numbered) this.numberedWorkloads.push(key);
        else this.workloads.add(key);
      }
    }
  }

  addPoolNodes(poolName: string, count: number): void {
    const pool = this.scenario.nodePools.find((p) => p.name === poolName);
    if (pool === undefined) return;
    const first = this.nextIndex.get(poolName) ?? pool.count;
    this.nextIndex.set(poolName, first + count);
    for (let i = first; i < first + count; i++) {
      const node = poolNode(pool, i);
      this.nodes.set(node.name, { name: node.name, labels: node.labels, numbered: false });
      this.removed.delete(node.name);
    }
    this.found.clear();
  }

  hasNode(name: string): boolean {
    return this.nodes.has(name) || this.numberedNodes.some((n) => isNumbered(name, n.name));
  }

  hasWorkload(key: string): boolean {
    return this.workloads.has(key) || this.numberedWorkloads.some((k) => isNumbered(key, k));
  }

  /** Removes a node by name; false when there was none. */
  remove(name: string, event: number): boolean {
    if (!this.nodes.delete(name)) return false;
    this.removed.set(name, event);
    this.found.clear();
    return true;
  }

  /** Whether some node that may exist now (arrivals' included) satisfies `test`; remembered by `key` until the nodes change. */
  some(key: string, test: (n: KnownNode) => boolean): boolean {
    let found = this.found.get(key);
    if (found === undefined) {
      found = this.numberedNodes.some(test);
      if (!found) {
        for (const n of this.nodes.values()) {
          if (test(n)) {
            found = true;
            break;
          }
        }
      }
      this.found.set(key, found);
    }
    return found;
  }

  get empty(): boolean {
    return this.nodes.size === 0 && this.numberedNodes.length === 0;
  }
}

/** `name` is `prefix-<n>`: a copy an arrival makes. */
function isNumbered(name: string, prefix: string): boolean {
  return name.length > prefix.length + 1 && name.startsWith(`${prefix}-`) && /^[0-9]+$/.test(name.slice(prefix.length + 1));
}
