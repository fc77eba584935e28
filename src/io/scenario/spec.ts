import { DEFAULT_CONTROL_PLANE, DEFAULT_KUBELET, DEFAULT_OUTPUT, DEFAULT_REGISTRY, DEFAULT_SEED, DEFAULT_START_TIME } from '../../model/defaults.js';
import type { Scenario } from '../../model/scenario.js';
import { DEFAULT_FIELD_VALIDATION, FIELD_VALIDATIONS, type FieldValidation } from '../fields/field-validation.js';
import { readDuration, readEnum, readIntAtLeast } from '../values.js';
import type { Field } from '../yaml/field.js';
import { readArrivals } from './arrivals.js';
import { readBehaviors } from './behaviors.js';
import { type ObjectFileLoader, readEvents } from './events.js';
import { readControlPlane, readKubelet, readOutput } from './knobs.js';
import { readNodePools } from './node-pools.js';
import { readImageCatalogue, readRegistry } from './registry-config.js';

export const SPEC_FIELDS = [
  'seed',
  'duration',
  'startTime',
  'include',
  'nodePools',
  'images',
  'registry',
  'behaviors',
  'events',
  'arrivals',
  'kubelet',
  'controlPlane',
  'output',
  'fieldValidation',
] as const;

/** What the Scenario document's spec alone determines. */
export type ScenarioSpec = Omit<Scenario, 'name' | 'file' | 'sha256' | 'filesSha256' | 'objects'>;

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function readStartTime(f: Field): string {
  const v = f.string();
  if (v === undefined) return DEFAULT_START_TIME;
  if (!RFC3339.test(v) || Number.isNaN(Date.parse(v))) {
    f.invalid(v, `must be an RFC 3339 time such as "${DEFAULT_START_TIME}"`);
    return DEFAULT_START_TIME;
  }
  return v;
}

function readHorizon(f: Field): number | undefined {
  const ms = readDuration(f);
  if (ms === 0) f.invalid(f.scalar(), 'must be greater than zero');
  return ms || undefined;
}

/** Pool names as written, valid pools or not (so one bad pool does not also fail every event naming it). */
function poolNames(pools: Field): string[] {
  return pools.items().flatMap((p) => (p.isMap ? (p.child('name').string() ?? []) : []));
}

/** The `include` entries (paths relative to the scenario file), each a field to report at. */
export function includeEntries(spec: Field): Field[] {
  return spec.child('include').items().filter((f) => {
    const path = f.string();
    if (path === '') f.required();
    return path !== undefined && path !== '';
  });
}

/**
 * `spec.fieldValidation`: what an unknown field in any document of the
 * scenario does (field-validation.ts). Read before the objects are
 * converted, wherever the Scenario document stands in the file.
 */
export function readFieldValidation(spec: Field): FieldValidation {
  return readEnum(spec.child('fieldValidation'), FIELD_VALIDATIONS) ?? DEFAULT_FIELD_VALIDATION;
}

/**
 * spec of the Scenario document, defaults applied. `load` reads the files
 * named by events' and arrivals' `apply` entries, in document order.
 */
export function readScenarioSpec(spec: Field, load: ObjectFileLoader): ScenarioSpec {
  spec.warnUnknown(SPEC_FIELDS);
  const nodePools = readNodePools(spec.child('nodePools'));
  const durationMs = readHorizon(spec.child('duration'));
  const registry = spec.child('registry');
  const kubelet = spec.child('kubelet');
  const controlPlane = spec.child('controlPlane');
  const output = spec.child('output');
  return {
    seed: readIntAtLeast(spec.child('seed'), 0) ?? DEFAULT_SEED,
    ...(durationMs !== undefined ? { durationMs } : {}),
    startTime: readStartTime(spec.child('startTime')),
    nodePools,
    images: readImageCatalogue(spec.child('images')),
    registry: registry.present ? readRegistry(registry) : DEFAULT_REGISTRY,
    behaviors: readBehaviors(spec.child('behaviors')),
    events: readEvents(spec.child('events'), load, poolNames(spec.child('nodePools'))),
    arrivals: readArrivals(spec.child('arrivals'), load, durationMs !== undefined),
    kubelet: kubelet.present ? readKubelet(kubelet) : DEFAULT_KUBELET,
    controlPlane: controlPlane.present ? readControlPlane(controlPlane) : DEFAULT_CONTROL_PLANE,
    output: output.present ? readOutput(output) : DEFAULT_OUTPUT,
  };
}
