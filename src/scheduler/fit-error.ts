import type { Diagnosis } from './framework.js';

/** ErrNoNodesAvailable (schedule_one.go): the cluster has no nodes at all. */
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/** validation.NoteLengthLimit: the longest event message the scheduler records. */
export const NOTE_LENGTH_LIMIT = 1024;

/** The parts of a failed attempt that make its message (framework.FitError). */
export interface FitError extends Pick<Diagnosis, 'nodeToStatus' | 'preFilterMsg' | 'postFilterMsg'> {
  readonly numAllNodes: number;
}

/**
 * FitError.Error(): `0/N nodes are available: <PreFilterMsg>.` or, when
 * PreFilter passed, the histogram of filter reasons (`2 Insufficient cpu`),
 * each "count reason" string sorted as Go's sort.Strings sorts them (byte
 * order, so "10 ..." sorts before "2 ..."), nodes never evaluated counted
 * with the absent status; then ` <PostFilterMsg>` when PostFilter said
 * anything.
 */
export function fitErrorMessage(e: FitError): string {
  let msg = `0/${e.numAllNodes} nodes are available:`;
  if (e.preFilterMsg !== '') {
    msg += ` ${e.preFilterMsg}.`;
  } else {
    const counts = new Map<string, number>();
    for (const [, status] of e.nodeToStatus.entries()) {
      for (const reason of status.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
    const absent = e.numAllNodes - e.nodeToStatus.size;
    if (absent > 0) {
      for (const reason of e.nodeToStatus.absent.reasons) counts.set(reason, (counts.get(reason) ?? 0) + absent);
    }
    const histogram = [...counts].map(([reason, n]) => `${n} ${reason}`).sort(byteOrder);
    if (histogram.length > 0) msg += ` ${histogram.join(', ')}.`;
  }
  if (e.postFilterMsg !== '') msg += ` ${e.postFilterMsg}`;
  return msg;
}

/**
 * Go string comparison: UTF-8 byte order, which is code point order. UTF-16
 * code unit order is the same up to the first difference unless a surrogate
 * takes part in it; only then are the strings compared code point by code
 * point.
 */
function byteOrder(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    return isSurrogate(x) || isSurrogate(y) ? codePointOrder(a, b) : x - y;
  }
  return a.length - b.length;
}

function isSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdfff;
}

function codePointOrder(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** truncateMessage: messages over the limit are cut and end in " ...". Lengths in UTF-8 bytes. */
export function truncateMessage(message: string): string {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: no need to encode a message that short.
  if (message.length * 3 <= NOTE_LENGTH_LIMIT) return message;
  const bytes = new TextEncoder().encode(message);
  if (bytes.length <= NOTE_LENGTH_LIMIT) return message;
  const suffix = ' ...';
  return new TextDecoder().decode(bytes.subarray(0, NOTE_LENGTH_LIMIT - suffix.length)) + suffix;
}
