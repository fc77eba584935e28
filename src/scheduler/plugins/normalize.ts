import { MAX_NODE_SCORE } from '../framework.js';

/**
 * helper.DefaultNormalizeScore: scales scores to 0..MAX_NODE_SCORE by the
 * highest (integer division), reversed (100 − s) when `reverse`. All zero:
 * 0 each, or 100 each when reversed.
 */
export function defaultNormalizeScore(scores: number[], reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const s = Math.trunc((MAX_NODE_SCORE * (scores[i] ?? 0)) / max);
    scores[i] = reverse ? MAX_NODE_SCORE - s : s;
  }
}
