import { type Document, type Node, type Pair, isAlias, isMap, isScalar, isSeq, Scalar, visit } from 'yaml';
import type { AliasTargets } from './aliases.js';

/*
 * YAML merge keys (`<<: *base`, `<<: [*a, *b]`), as kubectl's YAML reader
 * applies them: sigs.k8s.io/yaml decodes with go-yaml v2 (decode.go `mapping`,
 * `merge`, `isMerge`), whose merge writes the merged map's pairs into the map
 * being decoded at the place of the `<<` key. Pairs are written in order and a
 * later write wins: keys after `<<` override the merged ones (the usual
 * `<<: *defaults` first), a key before it is overridden by it; in a list of
 * maps the earlier maps win (go-yaml steps backwards through the list). A
 * merged map's own `<<` keys are applied in turn.
 *
 * The yaml library applies merge keys only when it converts to plain objects
 * (its `merge` option), which podsim does not do: it reads the nodes
 * (field.ts), asking here for a map's pairs.
 */

/** go-yaml's failWantMap. */
export const MERGE_WANTS_MAP = 'map merge requires map or sequence of maps as the value';

const MERGE_TAG = 'tag:yaml.org,2002:merge';

/** `<<` as a map key: a plain scalar, or one tagged `!!merge` (go-yaml's isMerge). */
export function isMergeKey(key: unknown): boolean {
  if (!isScalar(key) || key.value !== '<<') return false;
  return key.tag === MERGE_TAG || (key.tag === undefined && key.type === Scalar.PLAIN);
}

function resolve(aliases: AliasTargets, node: unknown): unknown {
  return isAlias(node) ? aliases.resolve(node) : node;
}

/** The map's pairs with its merge keys applied; `keyText` names keys. Maps without a `<<` key are returned as they are. */
export function mergedPairs(
  map: { readonly items: readonly Pair[] },
  aliases: AliasTargets,
  keyText: (key: unknown) => string | undefined,
): readonly Pair[] {
  if (!map.items.some((p) => isMergeKey(p.key))) return map.items;
  // Key order of first appearance, value of the last write (what a Go map decoded in order holds).
  const out = new Map<string, Pair>();
  const write = (m: { readonly items: readonly Pair[] }, depth: number): void => {
    if (depth > MAX_MERGE_DEPTH) return; // a cycle: parse.ts reported it (alias-expansion.ts)
    for (const pair of m.items) {
      if (isMergeKey(pair.key)) {
        for (const source of mergeSources(pair.value, aliases)) write(source, depth + 1);
        continue;
      }
      const k = keyText(pair.key);
      if (k === undefined) continue;
      out.set(k, pair);
    }
  };
  write(map, 0);
  return [...out.values()];
}

/** Beyond any real document's nesting of merges; a guard against a cycle reported elsewhere. */
const MAX_MERGE_DEPTH = 64;

/** The maps a `<<` value merges, in the order they are written into the map (last wins). */
function mergeSources(value: unknown, aliases: AliasTargets): { readonly items: readonly Pair[] }[] {
  const v = resolve(aliases, value);
  if (isMap(v)) return [v];
  if (!isSeq(v)) return [];
  const maps = v.items.map((item) => resolve(aliases, item)).filter(isMap);
  return maps.reverse();
}

/**
 * The first merge key of the document whose value is neither a map nor a
 * list of maps (each possibly through an alias), with go-yaml's error;
 * undefined when there is none. Aliases without an anchor are left to
 * parse.ts.
 */
export function mergeKeyProblem(doc: Document, aliases: AliasTargets): Node | undefined {
  let bad: Node | undefined;
  visit(doc, {
    Pair(_key, pair) {
      if (!isMergeKey(pair.key)) return undefined;
      const value = pair.value as Node | null;
      const wantsMap = (n: unknown): boolean => {
        if (isAlias(n)) {
          const target = aliases.resolve(n);
          return target === undefined || isMap(target);
        }
        return isMap(n);
      };
      const ok = isAlias(value) ? wantsMap(value) : isSeq(value) ? value.items.every(wantsMap) : isMap(value);
      if (ok) return undefined;
      bad = value ?? (pair.key as Node);
      return visit.BREAK;
    },
  });
  return bad;
}
