import type { JobStatus } from '../../model/workloads.js';

/** The status of a Job nobody has synced yet. */
export function emptyJobStatus(): JobStatus {
  return { active: 0, succeeded: 0, failed: 0, ready: 0, terminating: 0, completedIndexes: '', conditions: [] };
}
