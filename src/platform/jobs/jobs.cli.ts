/** `sifund jobs list|show|retry`: the job runner from the command line (what runs, how far, what failed). */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, progressBar, runWithDatabase } from '../../cli/context.ts';
import { systemActor } from '../actor.ts';
import { invalid } from '../errors.ts';
import { fieldRules } from '../fields.messages.ts';
import { jobMessages } from './jobs.messages.ts';
import { getJob, jobKindLabel, jobStatuses, listJobs, registeredJobKindPermissions, retryJob, runOrAttach, type JobStatus, type JobView } from './jobs.service.ts';

/** The console reads every job; a retry holds the permission of every known kind (it runs as the job's own actor). */
const reader = () => systemActor('jobs', ['jobs.read']);
const retrier = () => systemActor('jobs', ['jobs.read', 'jobs.retry', ...registeredJobKindPermissions()]);

/** What `--format json` prints for a job. */
const jsonOf = (job: JobView) => ({
  id: job.id, kind: job.kind, key: job.key, status: job.status, progress: job.progress, error: job.error,
  startedBy: job.startedBy, createdAt: job.createdAt, startedAt: job.startedAt, finishedAt: job.finishedAt,
});
const headers = ['id', 'kind', 'key', 'status', 'progress', 'started by', 'started', 'finished', 'error'];
const row = (job: JobView) => [job.id, `${job.kind} ${jobKindLabel(job.kind)}`, job.key, job.status, `${job.progress.done}/${job.progress.total}`,
  job.startedBy, job.startedAt?.slice(0, 19) ?? '', job.finishedAt?.slice(0, 19) ?? '', job.error ?? ''];

const jobId = (value: string) => {
  if (!/^[0-9]{1,19}$/.test(value)) throw invalid('id', jobMessages.idIsNumber());
  return BigInt(value);
};

export function registerJobCommands(program: Command) {
  const jobs = program.command('jobs').description('long and scheduled work (后台作业): billing runs, interest, sweeps — progress, errors, retry');
  addDataOption(jobs.command('list').description('jobs, newest first'))
    .option('--kind <kind>', 'only this kind (e.g. billing.run)').option('--status <status>', jobStatuses.join(', '))
    .option('--limit <n>', 'at most this many', '50').option('--format <format>', 'table or json', 'table')
    .action((options) => runWithDatabase('jobs list', options, async ({ database }) => {
      checkFormat(options.format, ['table', 'json']);
      if (options.status && !jobStatuses.includes(options.status)) throw invalid('status', fieldRules.oneOf({ values: jobStatuses.join(', ') }));
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw invalid('limit', fieldRules.integerFromTo({ min: 1, max: 10_000 }));
      const { items } = await listJobs(database, reader(), { kind: options.kind, status: options.status as JobStatus | undefined, limit });
      if (options.format === 'json') printJson(items.map(jsonOf));
      else process.stdout.write(items.length ? formatTable(headers, items.map(row)) : 'no jobs yet (billing runs, interest runs and sweeps appear here)\n');
    }));
  addDataOption(jobs.command('show').description('one job with its parameters and result'))
    .requiredOption('--id <id>', 'job id').option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('jobs show', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const job = await getJob(database, reader(), jobId(options.id));
      if (options.format === 'json') printJson({ ...jsonOf(job), regionCode: job.regionCode, attempts: job.attempts, result: job.result });
      else {
        process.stdout.write(formatTable(headers, [row(job)]));
        if (job.result !== null) process.stdout.write(`result: ${JSON.stringify(job.result)}\n`);
      }
    }));
  addDataOption(jobs.command('retry').description('queue a failed job again and run it here to the end (its done chunks stay done)'))
    .requiredOption('--id <id>', 'job id').option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('jobs retry', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const actor = retrier();
      const queued = await retryJob(database, actor, jobId(options.id));
      const bar = progressBar(`${queued.kind} ${queued.key}`);
      bar.start(queued.progress.total);
      const job = await runOrAttach(database, actor, BigInt(queued.id), { onProgress: ({ done }) => bar.update(done) });
      bar.stop();
      if (options.format === 'json') printJson(jsonOf(job));
      else process.stdout.write(formatTable(headers, [row(job)]));
      return job.status === 'completed' ? 0 : 1;
    }));
}
