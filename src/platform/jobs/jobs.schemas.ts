/** Answers of the job routes and of every route that starts a job (202). TypeBox only: the web imports their types. */
import { Type } from '@sinclair/typebox';
import { IdText, Nullable, Timestamp } from '../http/schemas.ts';
import { ListAnswer } from '../http/lists.schemas.ts';

/** The values of jobs.repository.ts's jobStatuses. */
const JobStatus = Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('completed'), Type.Literal('failed')]);

/** A job with its progress (`sifund jobs list --format json` prints the same fields). */
export const Job = Type.Object({
  id: IdText, kind: Type.String(), key: Type.String({ description: 'unique per kind and scope: a second start returns the same job' }),
  regionCode: Nullable(Type.String()), status: JobStatus,
  progress: Type.Object({ done: Type.Integer(), total: Type.Integer() }), error: Nullable(Type.String()),
  result: Type.Unknown({ description: 'what the job returned when it completed (its kind\'s own shape), or null' }),
  startedBy: Type.String(), createdAt: Timestamp, startedAt: Nullable(Timestamp), finishedAt: Nullable(Timestamp), attempts: Type.Integer(),
});
export const JobList = ListAnswer(Job);
