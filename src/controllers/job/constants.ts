/**
 * The Job controller's names and limits, verbatim from
 * k8s.io/api/batch/v1 (types.go) and pkg/controller/job/job_controller.go.
 */

/** The pod's completion index in an Indexed Job (annotation and, with PodIndexLabel, label). */
export const JOB_COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
/** backoffLimitPerIndex: the failures (counted, ignored) of the pod's index before it, on each pod of such a Job. */
export const JOB_INDEX_FAILURE_COUNT = 'batch.kubernetes.io/job-index-failure-count';
export const JOB_INDEX_IGNORED_FAILURE_COUNT = 'batch.kubernetes.io/job-index-ignored-failure-count';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';

/**
 * `syncJobBatchPeriod`: pod events (created, changed, deleted) and the Job's
 * own status updates sync the Job this long after the first of them, all of
 * them in one sync; Job creation and spec changes sync at once.
 */
export const SYNC_JOB_BATCH_PERIOD_MS = 1000;
/** `MaxPodCreateDeletePerSync`: pods created or deleted by one sync at most. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
/** `DefaultJobApiBackOff`: retry after a failed API call (a pod name already taken). */
export const JOB_API_BACKOFF_MS = 1000;
/** `names.MaxGeneratedNameLength`: a generateName prefix is cut to this length. */
export const MAX_GENERATED_NAME_LENGTH = 58;

/** Condition types (batch.JobConditionType). */
export const JobConditionType = {
  Suspended: 'Suspended',
  Complete: 'Complete',
  Failed: 'Failed',
  FailureTarget: 'FailureTarget',
  SuccessCriteriaMet: 'SuccessCriteriaMet',
} as const;

/** Condition reasons and messages (batch.JobReason*, job_controller.go). */
export const JobReason = {
  BackoffLimitExceeded: 'BackoffLimitExceeded',
  DeadlineExceeded: 'DeadlineExceeded',
  PodFailurePolicy: 'PodFailurePolicy',
  CompletionsReached: 'CompletionsReached',
  FailedIndexes: 'FailedIndexes',
  MaxFailedIndexesExceeded: 'MaxFailedIndexesExceeded',
  SuccessPolicy: 'SuccessPolicy',
} as const;

export const MESSAGE_BACKOFF_LIMIT = 'Job has reached the specified backoff limit';
export const MESSAGE_DEADLINE = 'Job was active longer than specified deadline';
export const MESSAGE_COMPLETIONS_REACHED = 'Reached expected number of succeeded pods';
export const MESSAGE_FAILED_INDEXES = 'Job has failed indexes';
export const MESSAGE_MAX_FAILED_INDEXES = 'Job has exceeded the specified maximal number of failed indexes';
