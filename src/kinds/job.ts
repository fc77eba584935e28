import { JobController } from '../controllers/job/controller.js';
import { emptyJobStatus } from '../controllers/job/status.js';
import { TTLAfterFinishedController } from '../controllers/job/ttl.js';
import { jobConverter } from '../io/manifests/job.js';
import type { Job, JobSpec } from '../model/workloads.js';
import type { KindEntry, TemplateRuns } from './entry.js';

/** batch/v1 Job (pkg/controller/job, and the TTL-after-finished controller that deletes it). */
export const jobKind: KindEntry<Job> = {
  kind: 'Job',
  converter: jobConverter,
  initialStatus: emptyJobStatus,
  controllers: (ctx) => [new JobController(ctx), new TTLAfterFinishedController(ctx)],
  scalable: false,
  neverEnds: (m, runs) => {
    const why = jobNeverCompletes(m, runs);
    return why === undefined ? undefined : `never completes: ${why}`;
  },
  podBound: {
    per: 'workload',
    bound: (w) => (jobMayCreate(w) ? w.spec.parallelism : 0),
    exceeded: (created, active, bound) =>
      bound === 0 ? `${created} while suspended or finished` : `${created}: ${active} active pods, more than spec.parallelism ${bound}`,
  },
};

/**
 * Why a Job never completes nor fails (`container c runs forever`): a
 * container that runs forever, without activeDeadlineSeconds on the Job or
 * its pods (a deadline ends it; every pod failing at its deadline reaches
 * the backoffLimit); a suspended Job does nothing. Undefined when it ends.
 */
export function jobNeverCompletes(job: { readonly spec: JobSpec }, runs: TemplateRuns): string | undefined {
  if (job.spec.suspend || job.spec.activeDeadlineSeconds !== undefined) return undefined;
  if (job.spec.template.spec.activeDeadlineSeconds !== undefined) return undefined;
  const c = runs.foreverContainer(job.spec.template);
  return c === undefined ? undefined : `container ${c} runs forever`;
}

function jobMayCreate(job: Job): boolean {
  if (job.spec.suspend) return false;
  return !job.status.conditions.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}
