import { kindEntry } from '../../kinds/table.js';
import type { Diagnostic } from '../diagnostics.js';
import type { ObjectDocument } from '../documents.js';
import type { Field } from '../yaml/field.js';

/**
 * What Kubernetes objects carry that podsim does not simulate and that would
 * change the results: each kind of thing is reported once per load, as a
 * warning at its first occurrence with how often it occurs, so a real export
 * (`kubectl get ... -o yaml`) loads with a handful of lines rather than one
 * per pod. Fields that change nothing in a simulation (env, securityContext,
 * serviceAccountName...) are ignored silently, as the spec says.
 */
interface Feature {
  /** What is ignored, as a clause: `volumes are not simulated`. */
  readonly name: string;
  /** What podsim does instead. */
  readonly instead: string;
  /** What is counted: "pod", "container", "object". */
  readonly unit: string;
}

const POD_SPEC: readonly (Feature & { readonly field: string })[] = [
  { field: 'readinessGates', name: 'readinessGates are not simulated', unit: 'pod', instead: 'pods are Ready when their containers are' },
  { field: 'resourceClaims', name: 'resourceClaims (dynamic resource allocation) are not simulated', unit: 'pod', instead: 'claims are not allocated' },
  { field: 'runtimeClassName', name: 'runtimeClassName is not simulated', unit: 'pod', instead: 'no RuntimeClass overhead is added (set spec.overhead instead)' },
];

/**
 * Volumes that change where or whether a pod can run (binding, zones, attach
 * limits). The service-account token, configMaps, secrets, emptyDir and
 * hostPath volumes every exported pod has change nothing podsim models.
 */
const VOLUMES: Feature = {
  name: 'persistent volumes are not simulated',
  unit: 'pod',
  instead: 'pods are scheduled and started as if they had none (no volume binding, zones or attach limits)',
};
const PERSISTENT_SOURCES = ['persistentVolumeClaim', 'ephemeral', 'csi', 'awsElasticBlockStore', 'gcePersistentDisk', 'azureDisk', 'cinder', 'vsphereVolume', 'portworxVolume'];

const CONTAINER: readonly (Feature & { readonly field: string })[] = [
  { field: 'readinessProbe', name: 'readiness probes are not simulated', unit: 'container', instead: 'containers are Ready as soon as they start' },
  { field: 'livenessProbe', name: 'liveness probes are not simulated', unit: 'container', instead: 'containers are never restarted for failing one' },
  { field: 'startupProbe', name: 'startup probes are not simulated', unit: 'container', instead: 'containers count as started as soon as they run' },
  { field: 'lifecycle', name: 'lifecycle hooks (postStart, preStop) are not simulated', unit: 'container', instead: 'they take no time' },
];

const STATUS: Feature = { name: 'the status of exported objects is ignored', unit: 'object', instead: 'pods and workloads start from their spec at t=0 (an exported Running pod starts again)' };
const NODE_NOT_READY: Feature = { name: 'Node conditions are ignored', unit: 'node', instead: 'a node exported not Ready starts Ready' };

/** Where the pod spec is, per kind podsim converts: a Pod's own, a workload's template's (kinds/table.ts). */
function podSpecPath(kind: string): readonly string[] | undefined {
  if (kind === 'Pod') return ['spec'];
  const entry = kindEntry(kind);
  return entry && [...(entry.podTemplatePath ?? ['spec', 'template']), 'spec'];
}

/** Descends through maps only, never reporting a wrong shape (the converters did). */
function at(field: Field, ...path: string[]): Field | undefined {
  let f: Field | undefined = field;
  for (const name of path) {
    if (!f?.isMap) return undefined;
    f = f.child(name);
  }
  return f?.present ? f : undefined;
}

function listAt(field: Field, name: string): Field[] {
  const f = at(field, name);
  return f?.isList ? f.items() : [];
}

/** Collects the unmodelled features of every object scanned; `diagnostics()` words them. */
export class UnmodelledFields {
  private readonly found = new Map<Feature, { first: Field; count: number }>();

  /** Notes what `objects` carry that podsim ignores. */
  scan(objects: readonly ObjectDocument[]): void {
    for (const obj of objects) {
      const root = obj.field;
      if (obj.kind === 'Node') this.scanNode(root);
      const specPath = podSpecPath(obj.kind);
      if (specPath === undefined) continue;
      for (const f of kindEntry(obj.kind)?.unmodelled ?? []) {
        const v = at(root, ...f.path);
        if (v && !(v.isList && v.items().length === 0) && !(v.isMap && v.keys().length === 0)) this.note(f, v);
      }
      const status = at(root, 'status');
      if (status?.isMap && status.keys().length > 0) this.note(STATUS, status);
      const spec = at(root, ...specPath);
      if (spec) this.scanPodSpec(spec);
    }
  }

  /** One warning per feature found, at its first occurrence. */
  diagnostics(): Diagnostic[] {
    return [...this.found.entries()].map(([feature, { first, count }]) => {
      const { file, line, col } = first.position;
      const times = count === 1 ? `1 ${feature.unit}` : `${count} ${feature.unit}s`;
      const message = `${feature.name}: ${feature.instead} (${times}; the first is here)`;
      return { severity: 'warning', file, line, col, path: first.path, code: 'field-not-simulated', message };
    });
  }

  private scanPodSpec(spec: Field): void {
    for (const f of POD_SPEC) {
      const v = at(spec, f.field);
      if (v && !(v.isList && v.items().length === 0) && !(v.isScalar && v.scalar() === '')) this.note(f, v);
    }
    const persistent = listAt(spec, 'volumes').find((v) => PERSISTENT_SOURCES.some((k) => at(v, k) !== undefined));
    if (persistent) this.note(VOLUMES, persistent);
    for (const c of [...listAt(spec, 'initContainers'), ...listAt(spec, 'containers')]) {
      for (const f of CONTAINER) {
        const v = at(c, f.field);
        if (v) this.note(f, v);
      }
    }
  }

  private scanNode(root: Field): void {
    const conditions = at(root, 'status', 'conditions');
    if (!conditions?.isList) return;
    for (const c of conditions.items()) {
      if (at(c, 'type')?.scalar() === 'Ready' && at(c, 'status')?.scalar() !== 'True') this.note(NODE_NOT_READY, c);
    }
  }

  private note(feature: Feature, field: Field): void {
    const seen = this.found.get(feature);
    if (seen) seen.count++;
    else this.found.set(feature, { first: field, count: 1 });
  }
}
