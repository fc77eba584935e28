import { goQuote } from '../../model/goquote.js';

/**
 * The one name of `known` that `written` is most likely a misspelling of:
 * the nearest by edit distance (insertions, deletions, substitutions and
 * swaps of adjacent letters, case ignored), when it is near enough (at most a
 * third of the written name's length, at most 3, at least 1) and no other
 * known name is as near. Undefined when there is no such name.
 */
export function closest(written: string, known: Iterable<string>): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(written.length / 3)));
  const lower = written.toLowerCase();
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const name of known) {
    if (name === written) continue;
    const d = editDistance(lower, name.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance && best !== undefined) {
      tie = true;
    }
  }
  return tie ? undefined : best;
}

/** `; did you mean "x"?` for the closest of `known`, else ''. */
export function didYouMean(written: string, known: Iterable<string>): string {
  const name = closest(written, known);
  return name === undefined ? '' : `; did you mean ${goQuote(name)}?`;
}

/**
 * Optimal string alignment distance between `a` and `b`; any value above
 * `cap` is returned as `cap + 1` (names far apart cost little).
 */
export function editDistance(a: string, b: string, cap = Infinity): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > cap) return cap + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length]!, cap + 1);
}
