import type { OwnerReference } from '../model/meta.js';
import type { Pod } from '../model/pod.js';
import type { PodTemplate } from '../model/scenario.js';

/** A pod as a client submits it: a template plus identity, before the API server names and admits it. */
export interface PodDraft {
  readonly namespace: string;
  /** A fixed name; else `generateName` + 5 random characters. */
  readonly name?: string;
  readonly generateName?: string;
  /** An exported uid to keep, if free. */
  readonly uid?: string;
  readonly ownerReferences: readonly OwnerReference[];
  readonly template: PodTemplate;
}

/**
 * The API server's admission chain for pods: naming (generateName), the
 * mutating plugins (DefaultTolerationSeconds, Priority...) and podsim's own
 * step that resolves what each container does. Provided by the simulation.
 */
export interface PodAdmission {
  admit(draft: PodDraft): Pod;
  /** Another name for `generateName` (the store asks again when the one admitted is taken). */
  generateName(prefix: string): string;
}
