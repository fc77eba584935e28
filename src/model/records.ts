/** Whether a record (a label map, a resource list) has no own key: Object.keys(record).length === 0 without making the list. */
export function isEmptyRecord(record: Readonly<Record<string, unknown>>): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return false;
  return true;
}
