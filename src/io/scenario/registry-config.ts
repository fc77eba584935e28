import { DEFAULT_REGISTRY } from '../../model/defaults.js';
import type { RegistryConfig } from '../../model/scenario.js';
import { readBytes, readDuration, readProbability } from '../values.js';
import type { Field } from '../yaml/field.js';

/** spec.images: the registry's catalogue, image name -> size in bytes (insertion order as written). */
export function readImageCatalogue(field: Field): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of field.items()) {
    f.warnUnknown(['name', 'size']);
    const nameField = f.child('name');
    const name = nameField.string();
    if (name === undefined || name === '') nameField.required();
    const sizeField = f.child('size');
    if (!sizeField.present) sizeField.required();
    const size = readBytes(sizeField);
    if (name === undefined || name === '' || size === undefined) continue;
    if (out.has(name)) nameField.duplicate(name);
    out.set(name, size);
  }
  return out;
}

/** spec.registry, defaults from model/defaults.ts. */
export function readRegistry(f: Field): RegistryConfig {
  f.warnUnknown(['defaultImageSize', 'bandwidth', 'latency', 'failureRate']);
  const bandwidthField = f.child('bandwidth');
  const bandwidth = readBytes(bandwidthField);
  if (bandwidth === 0) bandwidthField.invalid(bandwidthField.scalar(), 'must be greater than zero');
  return {
    defaultImageSize: readBytes(f.child('defaultImageSize')) ?? DEFAULT_REGISTRY.defaultImageSize,
    bandwidth: bandwidth || DEFAULT_REGISTRY.bandwidth,
    latencyMs: readDuration(f.child('latency')) ?? DEFAULT_REGISTRY.latencyMs,
    failureRate: readProbability(f.child('failureRate')) ?? DEFAULT_REGISTRY.failureRate,
  };
}
