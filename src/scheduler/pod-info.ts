import type { Pod } from '../model/pod.js';
import { parseAffinityTerm, type AffinityTerm, type WeightedAffinityTerm } from './affinity-term.js';

/** A host port a container asks for (ContainerPort with hostPort > 0); hostIP '' means every address. */
export interface HostPort {
  readonly hostIP: string;
  readonly protocol: string;
  readonly port: number;
}

/**
 * What the scheduler derives from a pod's spec once (framework.PodInfo): its
 * parsed inter-pod affinity terms and its host ports. A pod's spec never
 * changes, so this is computed at most once per pod.
 */
export interface PodInfo {
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  /** Any pod affinity or anti-affinity, required or preferred (NodeInfo.PodsWithAffinity). */
  readonly hasAffinity: boolean;
  readonly hostPorts: readonly HostPort[];
}

/** The PodInfo of each pod that is not plain (isPlain pods all share PLAIN and are not entered). */
const cache = new WeakMap<Pod, PodInfo>();

export function podInfo(pod: Pod): PodInfo {
  if (isPlain(pod)) return PLAIN;
  let info = cache.get(pod);
  if (!info) cache.set(pod, (info = computePodInfo(pod)));
  return info;
}

/**
 * No pod (anti-)affinity and no host port: computePodInfo would give an
 * empty PodInfo, so PLAIN serves. Not cached per pod (most pods are plain;
 * a WeakMap entry each cost more): it reads only the spec's affinity and
 * containers, which the pods of a template share (sim/admission.ts), so the
 * last answer is kept with the two it was worked out for.
 */
function isPlain(pod: Pod): boolean {
  const { affinity, containers } = pod.spec;
  if (containers === lastPlain.containers && affinity === lastPlain.affinity) return lastPlain.plain;
  let plain = affinity === undefined || (affinity.podAffinity === undefined && affinity.podAntiAffinity === undefined);
  for (const c of containers) {
    for (const p of c.ports) if (p.hostPort !== undefined && p.hostPort > 0) plain = false;
  }
  lastPlain.containers = containers;
  lastPlain.affinity = affinity;
  lastPlain.plain = plain;
  return plain;
}

const lastPlain: { containers: Pod['spec']['containers'] | undefined; affinity: Pod['spec']['affinity']; plain: boolean } = {
  containers: undefined,
  affinity: undefined,
  plain: false,
};

/** The PodInfo of every pod with no pod (anti-)affinity and no host ports: shared, as it is read-only. */
const PLAIN: PodInfo = {
  requiredAffinityTerms: [],
  requiredAntiAffinityTerms: [],
  preferredAffinityTerms: [],
  preferredAntiAffinityTerms: [],
  hostPorts: [],
  hasAffinity: false,
};

function computePodInfo(pod: Pod): PodInfo {
  const ns = pod.metadata.namespace;
  const a = pod.spec.affinity;
  const ports = hostPorts(pod);
  const parse = (terms: readonly Parameters<typeof parseAffinityTerm>[0][] | undefined) => (terms ?? []).map((t) => parseAffinityTerm(t, ns));
  const weighted = (terms: readonly { weight: number; podAffinityTerm: Parameters<typeof parseAffinityTerm>[0] }[] | undefined) =>
    (terms ?? []).map((t) => ({ term: parseAffinityTerm(t.podAffinityTerm, ns), weight: t.weight }));
  const info = {
    requiredAffinityTerms: parse(a?.podAffinity?.required),
    requiredAntiAffinityTerms: parse(a?.podAntiAffinity?.required),
    preferredAffinityTerms: weighted(a?.podAffinity?.preferred),
    preferredAntiAffinityTerms: weighted(a?.podAntiAffinity?.preferred),
    hostPorts: ports,
  };
  const hasAffinity = a !== undefined && (a.podAffinity !== undefined || a.podAntiAffinity !== undefined);
  return { ...info, hasAffinity };
}

/** getContainerPorts: the app containers' ports that name a host port. */
function hostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const c of pod.spec.containers) {
    for (const p of c.ports) {
      if (p.hostPort === undefined || p.hostPort <= 0) continue;
      out.push({ hostIP: p.hostIP ?? '', protocol: p.protocol, port: p.hostPort });
    }
  }
  return out;
}
