import { type Alias, type Document, isAlias, isMap, isSeq } from 'yaml';
import type { AliasTargets } from './aliases.js';

/**
 * The limits Kubernetes' YAML reader puts on aliases, so that podsim refuses
 * exactly the documents `kubectl apply` refuses. kubectl decodes each
 * document with go-yaml (sigs.k8s.io/yaml; gopkg.in/yaml.v2 and v3 decode.go,
 * the CVE-2019-11253 fix), which counts every node it decodes, once per path
 * that reaches it through aliases, and fails
 *
 * - `document contains excessive aliasing` when, past 1,000 nodes and 100
 *   nodes decoded inside aliases, the share decoded inside aliases exceeds
 *   allowedAliasRatio: 99 % up to 400,000 nodes, falling linearly to 10 % at
 *   4,000,000 (some 400,000 nodes of alias expansion at most): a
 *   billion-laughs document fails after a few thousand nodes;
 * - `anchor 'x' value contains itself` for an alias met again while it is
 *   being expanded.
 *
 * (The yaml library's own `maxAliasCount` applies only to its `toJS`, which
 * podsim does not use: it reads the document's nodes, resolving each alias
 * when a field is read through it.)
 */

const ALIAS_RATIO_RANGE_LOW = 400_000;
const ALIAS_RATIO_RANGE_HIGH = 4_000_000;

/** go-yaml's allowedAliasRatio: the share of decoded nodes that may come from aliases. */
export function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_RANGE_LOW) return 0.99;
  if (decodeCount >= ALIAS_RATIO_RANGE_HIGH) return 0.1;
  return 0.99 - (0.89 * (decodeCount - ALIAS_RATIO_RANGE_LOW)) / (ALIAS_RATIO_RANGE_HIGH - ALIAS_RATIO_RANGE_LOW);
}

export type AliasExpansionProblem =
  /** `alias` is the outermost alias being expanded when the share went over. */
  | { readonly kind: 'excessive'; readonly alias: Alias; readonly decoded: number; readonly aliased: number }
  /** `alias` was met inside its own expansion. */
  | { readonly kind: 'cycle'; readonly alias: Alias };

/** Marks the end of an alias's expansion on the walk's stack. */
class Leave {
  constructor(readonly alias: Alias) {}
}

/**
 * Walks the document as go-yaml decodes it (document node, then keys and
 * values in order, each alias's target where the alias is) and reports the
 * first limit it breaks, or undefined. Iterative: nesting multiplied by
 * aliases does not grow the call stack. Costs the document's expanded size
 * (what reading it costs anyway), or only as far as the first failure: a
 * billion-laughs document stops after a few thousand nodes. Aliases without
 * an anchor are skipped (parse.ts reports them).
 */
export function aliasExpansionProblem(doc: Document, aliases: AliasTargets): AliasExpansionProblem | undefined {
  let decoded = 1; // the document node
  let aliased = 0;
  const expanding: Alias[] = [];
  const active = new Set<Alias>();
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item instanceof Leave) {
      active.delete(item.alias);
      expanding.pop();
      continue;
    }
    decoded++;
    if (expanding.length > 0) aliased++;
    if (aliased > 100 && decoded > 1000 && aliased / decoded > allowedAliasRatio(decoded)) {
      return { kind: 'excessive', alias: expanding[0]!, decoded, aliased };
    }
    if (isAlias(item)) {
      if (active.has(item)) return { kind: 'cycle', alias: item };
      const target = aliases.resolve(item);
      if (target === undefined) continue;
      active.add(item);
      expanding.push(item);
      stack.push(new Leave(item), target);
    } else if (isMap(item)) {
      for (let i = item.items.length - 1; i >= 0; i--) {
        const pair = item.items[i]!;
        stack.push(pair.value, pair.key);
      }
    } else if (isSeq(item)) {
      for (let i = item.items.length - 1; i >= 0; i--) stack.push(item.items[i]);
    }
  }
  return undefined;
}
