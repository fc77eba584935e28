/**
 * Sets of plugin names as a cycle collects them (the plugins a PreFilter or
 * PreScore Skip excludes), interned: adding the same names in the same order
 * from NO_NAMES always gives the very same set object, and those objects are
 * never changed. So a cycle allocates nothing to record its skips, and what
 * depends only on the skip set (the filters that run, a class's key part, the
 * scores that run) is remembered per set object. A profile has few plugins,
 * so only a handful of sets ever exist.
 */
class InternedNames extends Set<string> {
  /** The interned set one name larger, by that name. */
  readonly larger = new Map<string, InternedNames>();
  /**
   * The last name added to this set and the set that gave: the pods of a
   * template skip the same plugins in the same order, so a cycle's skips
   * mostly cost a comparison each.
   */
  lastName: string | undefined = undefined;
  lastLarger: InternedNames = this;
}

/** The empty set every cycle starts from. */
export const NO_NAMES: ReadonlySet<string> = new InternedNames();

/** `names` (an interned set: NO_NAMES or one this returned) with `name` added: `names` itself when it has it, else the interned larger set. */
export function withName(names: ReadonlySet<string>, name: string): ReadonlySet<string> {
  const from = names as InternedNames;
  if (from.lastName === name) return from.lastLarger;
  let set: InternedNames | undefined = from;
  if (!from.has(name)) {
    set = from.larger.get(name);
    if (set === undefined) from.larger.set(name, (set = new InternedNames([...from, name])));
  }
  from.lastName = name;
  from.lastLarger = set;
  return set;
}
