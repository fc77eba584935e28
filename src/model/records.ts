/**
 * Plain objects keyed by what users write (label maps, annotations, resource
 * lists) read and written by own property only: a key such as `constructor`
 * or `toString` must not find Object.prototype's member, and `__proto__` must
 * be a key like any other (an assignment `o['__proto__'] = v` would set the
 * prototype instead, dropping the entry without a word).
 */

/** Whether a record (a label map, a resource list) has no own key: Object.keys(record).length === 0 without making the list. */
export function isEmptyRecord(record: Readonly<Record<string, unknown>>): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return false;
  return true;
}

/** `record[key]` when `key` is the record's own, else undefined. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** `record[key] = value` that makes `__proto__` an own, enumerable entry like any other key. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
  else record[key] = value;
}
