import type { Field } from '../yaml/field.js';
import { validateQualifiedNameAt } from './labels.js';

/**
 * spec.schedulingGates as validation.go's validateSchedulingGates checks
 * them: each `name` a qualified name, no name twice. Returns the names, in
 * order (empty when none).
 */
export function readSchedulingGates(f: Field): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const item of f.items()) {
    const name = item.child('name').string() ?? '';
    // Reported at the item's path, as the API server does (spec.schedulingGates[0]).
    validateQualifiedNameAt(item, name);
    if (seen.has(name)) item.duplicate(name);
    seen.add(name);
    names.push(name);
  }
  return names;
}
