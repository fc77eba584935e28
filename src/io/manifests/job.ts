import type { WorkloadManifest } from '../../model/scenario.js';
import type { JobSpec } from '../../model/workloads.js';
import type { ObjectDocument } from '../documents.js';
import { fieldMessage } from '../field-errors.js';
import { readEnum, readIntAtLeast } from '../values.js';
import type { Field } from '../yaml/field.js';
import { readPodFailurePolicy } from './job-pod-failure-policy.js';
import { readSuccessPolicy } from './job-success-policy.js';
import { isDNS1123Label } from './names.js';
import type { KindConverter } from './registry.js';
import { readPodTemplate, readWorkloadMeta, workloadIdentity } from './replicaset.js';

/**
 * Job (batch/v1), defaulted as SetDefaults_Job (pkg/apis/batch/v1/defaults.go)
 * and validated as ValidateJob (pkg/apis/batch/validation/validation.go). The
 * selector the API server generates from the Job's uid is left empty: the Job
 * controller finds its pods by their controller reference. Fields podsim does
 * not simulate are errors, never silently ignored.
 */

const COMPLETION_MODES = ['NonIndexed', 'Indexed'] as const;
/** sets.List order. */
const REPLACEMENT_POLICIES = ['Failed', 'TerminatingOrFailed'] as const;
const JOB_RESTART_POLICIES = ['OnFailure', 'Never'] as const;
const MAX_PARALLELISM_INDEXED = 100_000;
const NOT_SIMULATED = ['managedBy'] as const;
/** maxFailedIndexesForIndexedJob, completionsSoftLimit, and the limits above it (validation.go). */
const MAX_FAILED_INDEXES = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const LIMIT_FOR_HIGH_COMPLETIONS = 10_000;
/** math.MaxInt32: SetDefaults_Job's backoffLimit when backoffLimitPerIndex is set. */
const MAX_INT32 = 2_147_483_647;

/**
 * The Job's restartPolicy rules: Always (written or defaulted) is "Required"
 * in the current API server; other values must be OnFailure or Never, and
 * Never only with a podFailurePolicy.
 */
function checkRestartPolicy(spec: Field, withPolicy: boolean): void {
  const f = spec.child('template').child('spec').child('restartPolicy');
  const written = f.isScalar ? f.scalar() : undefined;
  const value = written === undefined ? '' : String(written);
  if (value === '' || value === 'Always') f.required(`valid values: "OnFailure", "Never"`);
  else if (!(JOB_RESTART_POLICIES as readonly string[]).includes(value)) f.unsupported(value, JOB_RESTART_POLICIES);
  else if (withPolicy && value !== 'Never') f.invalid(value, `only "Never" is supported when podFailurePolicy is specified`);
}

function readReplacementPolicy(f: Field, withPolicy: boolean): JobSpec['podReplacementPolicy'] {
  const fallback = withPolicy ? 'Failed' : 'TerminatingOrFailed';
  const v = f.string();
  if (v === undefined) return fallback;
  if (withPolicy && v !== 'Failed') f.unsupported(v, ['Failed']);
  else if (!(REPLACEMENT_POLICIES as readonly string[]).includes(v)) f.unsupported(v, REPLACEMENT_POLICIES);
  else return v as JobSpec['podReplacementPolicy'];
  return fallback;
}

function rejectNotSimulated(spec: Field): void {
  for (const name of NOT_SIMULATED) {
    const f = spec.child(name);
    if (f.present) f.report('error', 'field-unsupported', fieldMessage(f.path, `podsim does not simulate ${name} yet`));
  }
}

/** ValidateJob: an Indexed Job's last pod hostname `<name>-<completions-1>` must be a DNS label. */
function checkIndexedHostname(root: Field, name: string, completions: number): void {
  const hostname = `${name}-${completions - 1}`;
  if (isDNS1123Label(hostname).length > 0) {
    root.child('metadata').child('name').invalid(name, `will not able to create pod with invalid DNS label: ${hostname}`);
  }
}

/** backoffLimitPerIndex and maxFailedIndexes, checked as ValidateJobSpec does. */
function readPerIndexLimits(
  spec: Field,
  mode: JobSpec['completionMode'],
  completions: number | undefined,
  parallelism: number,
): { backoffLimitPerIndex?: number; maxFailedIndexes?: number } {
  const perIndexField = spec.child('backoffLimitPerIndex');
  const maxField = spec.child('maxFailedIndexes');
  const backoffLimitPerIndex = readIntAtLeast(perIndexField, 0);
  const maxFailedIndexes = readIntAtLeast(maxField, 0);
  if (maxField.present && !perIndexField.present) perIndexField.required('when maxFailedIndexes is specified');
  if (mode !== 'Indexed') {
    if (backoffLimitPerIndex !== undefined) perIndexField.invalid(backoffLimitPerIndex, 'requires indexed completion mode');
    if (maxFailedIndexes !== undefined) maxField.invalid(maxFailedIndexes, 'requires indexed completion mode');
    return {};
  }
  if (completions !== undefined && maxFailedIndexes !== undefined && maxFailedIndexes > completions) {
    maxField.invalid(maxFailedIndexes, 'must be less than or equal to completions');
  }
  if (maxFailedIndexes !== undefined && maxFailedIndexes > MAX_FAILED_INDEXES) {
    maxField.invalid(maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES}`);
  }
  if (completions !== undefined && completions > COMPLETIONS_SOFT_LIMIT && backoffLimitPerIndex !== undefined) {
    const high = `when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
    if (!maxField.present) maxField.required(`must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`);
    if (parallelism > LIMIT_FOR_HIGH_COMPLETIONS) spec.child('parallelism').invalid(parallelism, `must be less than or equal to ${LIMIT_FOR_HIGH_COMPLETIONS} ${high}`);
    if (maxFailedIndexes !== undefined && maxFailedIndexes > LIMIT_FOR_HIGH_COMPLETIONS) {
      maxField.invalid(maxFailedIndexes, `must be less than or equal to ${LIMIT_FOR_HIGH_COMPLETIONS} ${high}`);
    }
  }
  return {
    ...(backoffLimitPerIndex !== undefined ? { backoffLimitPerIndex } : {}),
    ...(maxFailedIndexes !== undefined && backoffLimitPerIndex !== undefined ? { maxFailedIndexes } : {}),
  };
}

function readJobSpec(root: Field, name: string): JobSpec {
  return readJobSpecAt(root.child('spec'), (completions) => checkIndexedHostname(root, name, completions));
}

/**
 * validateJobSpec on `spec` (a Job's spec, or a CronJob's
 * spec.jobTemplate.spec), defaulted; `checkIndexed` gets the completions of
 * an Indexed Job (ValidateJob's object-level hostname check).
 */
export function readJobSpecAt(spec: Field, checkIndexed?: (completions: number) => void): JobSpec {
  const writtenParallelism = readIntAtLeast(spec.child('parallelism'), 0);
  const writtenCompletions = readIntAtLeast(spec.child('completions'), 0);
  const bothUnset = !spec.child('parallelism').present && !spec.child('completions').present;
  const completions = bothUnset ? 1 : writtenCompletions;
  const parallelism = writtenParallelism ?? 1;
  const activeDeadlineSeconds = readIntAtLeast(spec.child('activeDeadlineSeconds'), 0);
  const ttlSecondsAfterFinished = readIntAtLeast(spec.child('ttlSecondsAfterFinished'), 0);
  const modeField = spec.child('completionMode');
  const completionMode = modeField.present ? (readEnum(modeField, COMPLETION_MODES) ?? 'NonIndexed') : 'NonIndexed';
  if (completionMode === 'Indexed') {
    if (!spec.child('completions').present) spec.child('completions').required('when completion mode is Indexed');
    if (parallelism > MAX_PARALLELISM_INDEXED) {
      spec.child('parallelism').invalid(parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`);
    }
    if (completions !== undefined && completions > 0) checkIndexed?.(completions);
  }
  rejectNotSimulated(spec);
  const perIndex = readPerIndexLimits(spec, completionMode, completions, parallelism);
  const successField = spec.child('successPolicy');
  if (successField.present && completionMode !== 'Indexed') successField.invalid({}, 'requires indexed completion mode');
  const successPolicy = completionMode === 'Indexed' ? readSuccessPolicy(successField, completions ?? 0) : undefined;
  const template = readPodTemplate(spec.child('template'));
  const names = new Set([...template.spec.containers, ...template.spec.initContainers].map((c) => c.name));
  const podFailurePolicy = readPodFailurePolicy(spec.child('podFailurePolicy'), names, perIndex.backoffLimitPerIndex !== undefined);
  checkRestartPolicy(spec, podFailurePolicy !== undefined);
  return {
    parallelism,
    ...(completions !== undefined ? { completions } : {}),
    completionMode,
    backoffLimit: readIntAtLeast(spec.child('backoffLimit'), 0) ?? (perIndex.backoffLimitPerIndex !== undefined ? MAX_INT32 : 6),
    ...perIndex,
    ...(successPolicy !== undefined ? { successPolicy } : {}),
    ...(activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds } : {}),
    ...(ttlSecondsAfterFinished !== undefined ? { ttlSecondsAfterFinished } : {}),
    suspend: spec.child('suspend').boolean() ?? false,
    ...(podFailurePolicy !== undefined ? { podFailurePolicy } : {}),
    podReplacementPolicy: readReplacementPolicy(spec.child('podReplacementPolicy'), podFailurePolicy !== undefined),
    selector: {},
    template,
  };
}

function convertJob(obj: ObjectDocument): WorkloadManifest {
  const { root, meta } = readWorkloadMeta(obj);
  // A generated name is made before validation: the hostname check sees one of its length (5 random characters).
  const spec = readJobSpec(root, meta.name || (meta.generateName ? `${meta.generateName}xxxxx` : ''));
  return {
    kind: 'Job',
    ...workloadIdentity(obj, meta),
    // SetDefaults_Job: a Job without labels takes its template's.
    labels: Object.keys(meta.labels).length > 0 ? meta.labels : spec.template.labels,
    spec,
  };
}

export const jobConverter: KindConverter = { kind: 'Job', apiVersions: ['batch/v1'], convert: convertJob };
