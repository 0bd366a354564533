/** HTTP for the job runner: the jobs in the user's scope and their progress (/api/jobs), and retrying a failed one. */
import { Type } from '@sinclair/typebox';
import { Job, JobList } from './jobs.schemas.ts';
import { actor, requestLanguage, type App } from '../http/server.ts';
import { Id } from '../http/schemas.ts';
import { answerList } from '../http/lists.ts';
import { listQuery } from '../http/lists.schemas.ts';
import { getJob, jobRows, jobStatuses, listJobs, retryJob } from './jobs.service.ts';
import { jobLine, jobsReport } from './jobs.report.ts';

const tags = ['jobs'];
const JobKind = Type.String({ pattern: '^[a-z][a-z_]*(\\.[a-z][a-z_]*)+$', maxLength: 60 });

export async function jobRoutes(app: App) {
  const db = app.database;
  app.get('/api/jobs', { config: { permission: 'jobs.read' },
    schema: { tags, summary: '后台作业 Jobs in your scope, newest first, with their progress; format=xlsx|csv for every matching job',
      querystring: Type.Object({ kind: Type.Optional(JobKind), status: Type.Optional(Type.Union(jobStatuses.map((s) => Type.Literal(s)))), ...listQuery() }, { additionalProperties: false }),
      response: { 200: JobList } },
  }, async (request, reply) => {
    const { limit, after, offset, format, ...filter } = request.query;
    const who = actor(request), language = requestLanguage(request);
    return answerList(reply, { limit, after, offset, format }, {
      defaultLimit: 50,
      page: (page) => listJobs(db, who, { ...filter, ...page }, language),
      rows: async (page) => {
        const found = await jobRows(db, who, filter, page, language);
        return { items: found.items.map(jobLine), nextCursor: found.nextCursor };
      },
      report: jobsReport(filter),
    });
  });
  app.get('/api/jobs/:id', { config: { permission: 'jobs.read' }, schema: { tags, summary: 'A job and its progress; a failed job\'s error in the language of Accept-Language', params: Type.Object({ id: Id }), response: { 200: Job } } },
    async (request) => getJob(db, actor(request), BigInt(request.params.id), requestLanguage(request)));
  app.post('/api/jobs/:id/retry', { config: { permission: 'jobs.retry' },
    schema: { tags, summary: '重试 Queue a failed job again (its done chunks stay done); the server resumes it', params: Type.Object({ id: Id }), response: { 202: Job } },
  }, async (request, reply) => {
    const job = await retryJob(db, actor(request), BigInt(request.params.id));
    void app.jobs?.nudge();
    return reply.code(202).send(job);
  });
}
