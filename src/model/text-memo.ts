/**
 * `fn` with its answers kept by text, at most `max` of them (all dropped
 * once full, so memory stays bounded whatever the input): for pure functions
 * of the few texts a run or a file repeats (quantities, image names, CSV
 * fields). An answer is shared by every caller asking about that text:
 * callers must not change it. `fn` never answers undefined.
 */
export function textMemo<T>(fn: (text: string) => T, max = 4096): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    let answer = known.get(text);
    if (answer === undefined) {
      answer = fn(text);
      if (known.size >= max) known.clear();
      known.set(text, answer);
    }
    return answer;
  };
}
