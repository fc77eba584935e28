export { referenceEvaluate, referenceEvaluateSampled, type Sampling, type SampledResult } from './evaluate.js';
export { ReferenceScheduler, numFeasibleNodesToFind, type ReferenceSchedulerOptions } from './scheduler.js';
export * from './types.js';
