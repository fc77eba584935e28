import type { Pod } from '../../model/pod.js';
import type { PodRecord } from './pod-record.js';

/**
 * The records of the pods in the API, by namespace then name, as events name
 * their pods. Keyed by the strings the pods already hold: no `namespace/name`
 * key is built and kept per pod (~40 bytes per live pod). Never iterated, so
 * its order does not matter.
 */
export class LiveRecords {
  private readonly byNamespace = new Map<string, Map<string, PodRecord>>();

  get(namespace: string, name: string): PodRecord | undefined {
    return this.byNamespace.get(namespace)?.get(name);
  }

  /** Records `record` under `pod`'s namespace and name, replacing what was there. */
  set(pod: Pod, record: PodRecord): void {
    const { namespace, name } = pod.metadata;
    let byName = this.byNamespace.get(namespace);
    if (byName === undefined) this.byNamespace.set(namespace, (byName = new Map()));
    byName.set(name, record);
  }

  /** Forgets what is recorded under `pod`'s namespace and name. */
  delete(pod: Pod): void {
    const { namespace, name } = pod.metadata;
    this.byNamespace.get(namespace)?.delete(name);
  }
}
