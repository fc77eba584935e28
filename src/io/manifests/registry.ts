import type { Manifest } from '../../model/scenario.js';
import type { ObjectDocument } from '../documents.js';
import { didYouMean } from '../fields/did-you-mean.js';
import { daemonSetConverter } from './daemonset.js';
import { deploymentConverter } from './deployment.js';
import { jobConverter } from './job.js';
import { kubeSchedulerConfigurationConverter } from './kubeschedulerconfiguration.js';
import { nodeConverter } from './node.js';
import { podConverter } from './pod.js';
import { priorityClassConverter } from './priorityclass.js';
import { replicaSetConverter, replicationControllerConverter } from './replicaset.js';

/** Turns one Kubernetes object into a Manifest, reporting its problems at their fields. */
export interface KindConverter {
  readonly kind: string;
  /** apiVersions the API server serves the kind at. */
  readonly apiVersions: readonly string[];
  convert(obj: ObjectDocument): Manifest | undefined;
}

/** Wanted and on the roadmap: a clear error until built, never a silent skip. */
export const NOT_SUPPORTED_YET = [
  'StatefulSet',
  'CronJob',
] as const;

/** One line per kind: a controller kind is a new file and an entry here (and leaves NOT_SUPPORTED_YET). */
const CONVERTERS: ReadonlyMap<string, KindConverter> = new Map(
  [
    nodeConverter,
    podConverter,
    replicaSetConverter,
    replicationControllerConverter,
    deploymentConverter,
    jobConverter,
    daemonSetConverter,
    priorityClassConverter,
    kubeSchedulerConfigurationConverter,
  ].map((c) => [c.kind, c]),
);

export function converterFor(kind: string): KindConverter | undefined {
  return CONVERTERS.get(kind);
}

/**
 * Converts objects in order. Kinds not yet supported are errors at the
 * object; unknown kinds are warned about once per kind (`unknownKinds` holds
 * those already reported) and skipped.
 */
export function convertObjects(objects: readonly ObjectDocument[], unknownKinds: Set<string>): Manifest[] {
  const out: Manifest[] = [];
  for (const obj of objects) {
    const converter = CONVERTERS.get(obj.kind);
    if (converter === undefined) {
      reportUnconverted(obj, unknownKinds);
      continue;
    }
    if (!converter.apiVersions.includes(obj.apiVersion)) {
      const message = `no matches for kind ${JSON.stringify(obj.kind)} in version ${JSON.stringify(obj.apiVersion)}`;
      obj.field.child('apiVersion').report('error', 'api-version', message);
      continue;
    }
    const manifest = converter.convert(obj);
    if (manifest !== undefined) out.push(manifest);
  }
  return out;
}

/**
 * The kinds a misspelt kind may have meant: those converted, those coming,
 * and the Scenario document's own (the kind of a main file's Scenario).
 */
const MEANT_KINDS: readonly string[] = [...CONVERTERS.keys(), ...NOT_SUPPORTED_YET, 'Scenario'];

function reportUnconverted(obj: ObjectDocument, unknownKinds: Set<string>): void {
  if ((NOT_SUPPORTED_YET as readonly string[]).includes(obj.kind)) {
    obj.field.report('error', 'kind-not-supported', `${obj.kind} is not supported yet`);
    return;
  }
  if (unknownKinds.has(obj.kind)) return;
  unknownKinds.add(obj.kind);
  const simulated = [...CONVERTERS.keys()].join(', ');
  const message = `kind ${JSON.stringify(obj.kind)} is not simulated: objects of this kind are skipped (podsim simulates ${simulated})${didYouMean(obj.kind, MEANT_KINDS)}`;
  obj.field.child('kind').report('warning', 'kind-unknown', message);
}
