import type { QueuedPodInfo } from './queued-pod.js';

/** The bucket of pods no plugin rejected (an errored attempt): every event is offered to them. */
const NO_REJECTOR = '';

/**
 * unschedulablePods (backend/queue): the rejected pods waiting for a cluster
 * event or the leftover flush, in the order they came (which is timestamp
 * order: a pod is added again whenever its timestamp changes), and also by
 * the plugins that rejected them, so an event is offered only to the pods
 * some plugin it concerns rejected: isPodWorthRequeuing skips every other
 * pod without calling a hint, so they need not be looked at.
 */
export class UnschedulablePods {
  private readonly all = new Set<QueuedPodInfo>();
  /** By rejecting plugin (unschedulable or pending): the pods, in the order they came. */
  private readonly byPlugin = new Map<string, Set<QueuedPodInfo>>();
  /** Arrivals so far: the next pod's QueuedPodInfo.arrival. */
  private arrivals = 0;

  get size(): number {
    return this.all.size;
  }

  /** All pods, in the order they came. */
  values(): IterableIterator<QueuedPodInfo> {
    return this.all.values();
  }

  /** Adds the pod last (a pod already here is moved last). Its plugin sets must not change while it is here. */
  add(info: QueuedPodInfo): void {
    this.delete(info);
    this.all.add(info);
    info.arrival = this.arrivals++;
    if (info.unschedulablePlugins.size + info.pendingPlugins.size === 0) this.bucket(NO_REJECTOR).add(info);
    for (const plugin of info.unschedulablePlugins) this.bucket(plugin).add(info);
    for (const plugin of info.pendingPlugins) this.bucket(plugin).add(info);
  }

  delete(info: QueuedPodInfo): void {
    if (!this.all.delete(info)) return;
    if (info.unschedulablePlugins.size + info.pendingPlugins.size === 0) this.byPlugin.get(NO_REJECTOR)?.delete(info);
    for (const plugin of info.unschedulablePlugins) this.byPlugin.get(plugin)?.delete(info);
    for (const plugin of info.pendingPlugins) this.byPlugin.get(plugin)?.delete(info);
  }

  /**
   * The pods an event may move, in the order they came: those a plugin of
   * `plugins` rejected, and those no plugin rejected; every pod when
   * `plugins` is undefined (a wildcard event). A copy.
   */
  candidates(plugins: ReadonlySet<string> | undefined): QueuedPodInfo[] {
    if (plugins === undefined) return [...this.all];
    const lists: Set<QueuedPodInfo>[] = [];
    let total = 0;
    for (const plugin of [NO_REJECTOR, ...plugins]) {
      const list = this.byPlugin.get(plugin);
      if (list === undefined || list.size === 0) continue;
      lists.push(list);
      total += list.size;
    }
    if (lists.length === 0) return [];
    if (lists.length === 1) return [...(lists[0] as Set<QueuedPodInfo>)];
    // Every pod at once when the lists cover most of them; else their union, in arrival order.
    if (total >= this.all.size) return [...this.all].filter((info) => lists.some((l) => l.has(info)));
    const union = new Set<QueuedPodInfo>();
    for (const list of lists) for (const info of list) union.add(info);
    return [...union].sort((a, b) => a.arrival - b.arrival);
  }

  private bucket(plugin: string): Set<QueuedPodInfo> {
    let set = this.byPlugin.get(plugin);
    if (set === undefined) this.byPlugin.set(plugin, (set = new Set()));
    return set;
  }
}
