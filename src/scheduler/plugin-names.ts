/**
 * Sets of plugin names as a cycle collects them (the plugins a PreFilter or
 * PreScore Skip excludes), interned: adding the same names in the same order
 * from NO_NAMES always gives the very same set object, and those objects are
 * never changed. So a cycle allocates nothing to record its skips, and what
 * depends only on the skip set (the filters that run, a class's key part, the
 * scores that run) is remembered per set object. A profile has few plugins,
 * so only a handful of sets ever exist.
 */

/** The empty set every cycle starts from. */
export const NO_NAMES: ReadonlySet<string> = new Set<string>();

/** For each interned set, the set one name larger, by that name. */
const larger = new WeakMap<ReadonlySet<string>, Map<string, ReadonlySet<string>>>();

/** `names` with `name` added: `names` itself when it has it, else the interned larger set. */
export function withName(names: ReadonlySet<string>, name: string): ReadonlySet<string> {
  if (names.has(name)) return names;
  let next = larger.get(names);
  if (next === undefined) larger.set(names, (next = new Map()));
  let set = next.get(name);
  if (set === undefined) next.set(name, (set = new Set([...names, name])));
  return set;
}
