/** controller.SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/**
 * slowStartBatch (pkg/controller/replicaset/replica_set.go): calls `fn`
 * `count` times in batches of 1, 2, 4... (each at most what remains). A
 * batch with a failure finishes, then the remaining batches are skipped.
 * Returns the number of successful calls. In simulated time all batches
 * happen at the same instant; the structure keeps the order of creations.
 */
export function slowStartBatch(count: number, initialBatchSize: number, fn: () => boolean): number {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let failed = 0;
    for (let i = 0; i < batch; i++) if (!fn()) failed++;
    successes += batch - failed;
    if (failed > 0) return successes;
    remaining -= batch;
  }
  return successes;
}
