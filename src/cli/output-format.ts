import { stringify } from 'yaml';

/** `-o`: what kubectl users reach for. `wide` adds columns to the tables; json and yaml print the data. */
export const OUTPUT_FORMATS = ['json', 'yaml', 'wide'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** A value as `-o json` (2-space indent) or `-o yaml` print it; ends with a newline. Deterministic: key order as built. */
export function printData(value: unknown, format: 'json' | 'yaml'): string {
  return format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : stringify(value, { lineWidth: 0 });
}
