/** The job runner (src/platform/jobs/jobs.service.ts): one way to run long and scheduled work. */
export {
  createOrFindJob, runJob, runOrAttach, retryJob, getJob, listJobs, throwIfFailed, registerJobKinds, jobKindLabel,
  type JobDefinition, type JobContext, type JobView,
} from './jobs.service.ts';
export { startJobWorker, type JobSchedule, type JobWorker } from './jobs.worker.ts';
export type { JobRow } from './jobs.repository.ts';
