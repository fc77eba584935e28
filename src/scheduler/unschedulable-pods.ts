import type { Pod } from '../model/pod.js';
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
  private readonly byPod = new Map<Pod, QueuedPodInfo>();
  /** By rejecting plugin (unschedulable or pending): the pods, in the order they came. */
  private readonly byPlugin = new Map<string, Set<QueuedPodInfo>>();
  /** Each pod's arrival number: the merge order of the per-plugin lists. */
  private readonly arrival = new Map<QueuedPodInfo, number>();
  private arrivals = 0;

  get size(): number {
    return this.byPod.size;
  }

  /** All pods, in the order they came. */
  values(): IterableIterator<QueuedPodInfo> {
    return this.byPod.values();
  }

  /** Adds the pod last (a pod already here is moved last). Its plugin sets must not change while it is here. */
  add(info: QueuedPodInfo): void {
    this.delete(info.pod);
    this.byPod.set(info.pod, info);
    this.arrival.set(info, this.arrivals++);
    const rejectors = info.unschedulablePlugins.size + info.pendingPlugins.size;
    if (rejectors === 0) this.bucket(NO_REJECTOR).add(info);
    for (const plugin of info.unschedulablePlugins) this.bucket(plugin).add(info);
    for (const plugin of info.pendingPlugins) this.bucket(plugin).add(info);
  }

  delete(pod: Pod): void {
    const info = this.byPod.get(pod);
    if (info === undefined) return;
    this.byPod.delete(pod);
    this.arrival.delete(info);
    this.byPlugin.get(NO_REJECTOR)?.delete(info);
    for (const plugin of info.unschedulablePlugins) this.byPlugin.get(plugin)?.delete(info);
    for (const plugin of info.pendingPlugins) this.byPlugin.get(plugin)?.delete(info);
  }

  /**
   * The pods an event may move, in the order they came: those a plugin of
   * `plugins` rejected, and those no plugin rejected; every pod when
   * `plugins` is undefined (a wildcard event). A copy.
   */
  candidates(plugins: ReadonlySet<string> | undefined): QueuedPodInfo[] {
    if (plugins === undefined) return [...this.byPod.values()];
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
    if (total >= this.byPod.size) return [...this.byPod.values()].filter((info) => lists.some((l) => l.has(info)));
    const union = new Set<QueuedPodInfo>();
    for (const list of lists) for (const info of list) union.add(info);
    const arrival = this.arrival;
    return [...union].sort((a, b) => (arrival.get(a) as number) - (arrival.get(b) as number));
  }

  private bucket(plugin: string): Set<QueuedPodInfo> {
    let set = this.byPlugin.get(plugin);
    if (set === undefined) this.byPlugin.set(plugin, (set = new Set()));
    return set;
  }
}
