import type { Manifest, PodTemplateSpec } from '../model/scenario.js';

/**
 * Bare Pod manifests whose specs are equal, made to share one spec object
 * (the first one's): a file of many pods written from one template (a
 * generated list, scheduler_perf's createPods) reads each spec anew, and
 * admission, which works a spec out once per spec object (sim/admission.ts),
 * would admit each pod's separately. Shared, the pods share their admitted
 * containers and every cache keyed by them, and hold one spec, not one each.
 *
 * Specs are compared as their JSON (the loader builds every spec with its
 * fields in one order; a template spec is plain data and never changed).
 * `seen` carries the specs met so far across calls. Other manifests, and
 * Pods whose spec is the first of its kind, are returned as they are.
 * Cost: one JSON text per Pod manifest, once, before the run.
 */
export function withSharedPodSpecs(objects: readonly Manifest[], seen: Map<string, PodTemplateSpec>): readonly Manifest[] {
  let out: Manifest[] | undefined;
  for (let i = 0; i < objects.length; i++) {
    const m = objects[i] as Manifest;
    if (m.kind !== 'Pod') continue;
    const spec = m.template.spec;
    const key = JSON.stringify(spec);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, spec);
    else if (first !== spec) (out ??= [...objects])[i] = { ...m, template: { ...m.template, spec: first } };
  }
  return out ?? objects;
}
