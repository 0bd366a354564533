/** Typed SQL of the job runner (job, job_chunk; migrations/0013_jobs.sql). */
import { sql, type Generated, type Kysely, type Selectable } from 'kysely';
import type { Tx } from '../actor.ts';
import type { Tables } from '../database.ts';

export const jobStatuses = ['queued', 'running', 'completed', 'failed'] as const;
export type JobStatus = (typeof jobStatuses)[number];

declare module '../database.ts' {
  interface Tables {
    job: {
      id: bigint; kind: string; key: string; region_code: string | null; parameters: unknown; actor: unknown;
      status: Generated<JobStatus>; chunks: Generated<number>; error: string | null; refusal: unknown; result: unknown;
      attempts: Generated<number>; lease_owner: string | null; lease_until: Date | null; started_by: string;
      created_at: Generated<Date>; started_at: Date | null; finished_at: Date | null;
    };
    job_chunk: { job_id: bigint; chunk: number; payload: unknown; done_at: Date | null };
  }
}

export type JobRow = Selectable<Tables['job']>;
export interface ChunkRow { chunk: number; payload: unknown }

/** One creator at a time per kind and key (two starts of the same job share one). */
export async function lockJobCreation(tx: Tx, kind: string, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('job'), hashtext(${`${kind}/${key}`}))`.execute(tx);
}

export const findJobByKey = (tx: Tx, kind: string, key: string) =>
  tx.selectFrom('job').selectAll().where('kind', '=', kind).where('key', '=', key).executeTakeFirst();

export const findJob = (db: Kysely<Tables>, id: bigint) => db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertJob(tx: Tx, job: { id: bigint; kind: string; key: string; region_code: string | null; parameters: unknown; actor: unknown; started_by: string; chunks: unknown[] }): Promise<JobRow> {
  const row = await tx.insertInto('job').values({
    id: job.id, kind: job.kind, key: job.key, region_code: job.region_code, parameters: JSON.stringify(job.parameters),
    actor: JSON.stringify(job.actor), started_by: job.started_by, chunks: job.chunks.length, error: null, refusal: null, result: null,
    lease_owner: null, lease_until: null, started_at: null, finished_at: null,
  }).returningAll().executeTakeFirstOrThrow();
  if (job.chunks.length > 0) {
    await sql`insert into job_chunk (job_id, chunk, payload)
      select ${job.id}::bigint, ordinality::int, value from jsonb_array_elements(${JSON.stringify(job.chunks)}::jsonb) with ordinality`.execute(tx);
  }
  return row;
}

/**
 * Takes (or renews) the lease of a job that is not finished and whose lease is free, expired or already `owner`'s;
 * marks it running. Undefined when another live process holds it or it is finished.
 */
export const acquireLease = (db: Kysely<Tables>, id: bigint, owner: string, seconds: number) =>
  db.updateTable('job').set({
    lease_owner: owner, lease_until: sql`now() + make_interval(secs => ${seconds})`, status: 'running',
    started_at: sql`coalesce(started_at, now())`, attempts: sql`attempts + 1`,
  }).where('id', '=', id).where('status', 'in', ['queued', 'running'])
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`), eb('lease_owner', '=', owner)]))
    .returningAll().executeTakeFirst();

/** Extends `owner`'s lease; false when the lease was lost (taken over after it expired). */
export async function renewLease(db: Kysely<Tables>, id: bigint, owner: string, seconds: number): Promise<boolean> {
  const renewed = await db.updateTable('job').set({ lease_until: sql`now() + make_interval(secs => ${seconds})` })
    .where('id', '=', id).where('lease_owner', '=', owner).where('status', '=', 'running').executeTakeFirst();
  return renewed.numUpdatedRows > 0n;
}

/** Gives the lease up without finishing (the process stops): the job stays running, free for anyone to resume now. */
export async function releaseLease(db: Kysely<Tables>, id: bigint, owner: string): Promise<void> {
  await db.updateTable('job').set({ lease_owner: null, lease_until: null }).where('id', '=', id).where('lease_owner', '=', owner).execute();
}

export async function markCompleted(db: Kysely<Tables>, id: bigint, owner: string, result: unknown): Promise<boolean> {
  const done = await db.updateTable('job').set({
    status: 'completed', result: JSON.stringify(result ?? null), finished_at: sql`now()`, lease_owner: null, lease_until: null,
  }).where('id', '=', id).where('lease_owner', '=', owner).where('status', '=', 'running').executeTakeFirst();
  return done.numUpdatedRows > 0n;
}

export async function markFailed(db: Kysely<Tables>, id: bigint, owner: string, failure: { error: string; refusal: unknown }): Promise<void> {
  await db.updateTable('job').set({ status: 'failed', error: failure.error, refusal: failure.refusal === null ? null : JSON.stringify(failure.refusal), finished_at: sql`now()`, lease_owner: null, lease_until: null })
    .where('id', '=', id).where('lease_owner', '=', owner).where('status', '=', 'running').execute();
}

/** A failed job queued again, keeping its chunks done; undefined when it had not failed. */
export const requeueFailed = (tx: Tx, id: bigint) =>
  tx.updateTable('job').set({ status: 'queued', error: null, refusal: null, finished_at: null }).where('id', '=', id).where('status', '=', 'failed')
    .returningAll().executeTakeFirst();

/** A killed client's transaction is noticed within a second (PostgreSQL 14+), releasing the chunk it holds. */
export async function checkClientConnectionEverySecond(tx: Tx): Promise<void> {
  await sql`set local client_connection_check_interval = 1000`.execute(tx);
}

/** The first chunk not done that nobody holds, locked (skip locked); undefined when every open one is held. */
export const claimFreeChunk = async (tx: Tx, jobId: bigint): Promise<ChunkRow | undefined> =>
  (await sql<ChunkRow>`select chunk, payload from job_chunk where job_id = ${jobId} and done_at is null
      order by chunk limit 1 for update skip locked`.execute(tx)).rows[0];

/** The first chunk not done, locked, waiting for whoever holds it; undefined when every chunk is done. */
export const waitForOpenChunk = async (tx: Tx, jobId: bigint): Promise<ChunkRow | undefined> =>
  (await sql<ChunkRow>`select chunk, payload from job_chunk where job_id = ${jobId} and done_at is null
      order by chunk limit 1 for update`.execute(tx)).rows[0];

export const isChunkOpen = async (tx: Tx, jobId: bigint, chunk: number): Promise<boolean> =>
  (await sql`select 1 from job_chunk where job_id = ${jobId} and chunk = ${chunk} and done_at is null`.execute(tx)).rows.length > 0;

export async function markChunkDone(tx: Tx, jobId: bigint, chunk: number): Promise<void> {
  await sql`update job_chunk set done_at = now() where job_id = ${jobId} and chunk = ${chunk}`.execute(tx);
}

/** Chunks of the job done so far (`db`: a transaction or the pool). */
export const countDoneChunks = async (db: Kysely<Tables>, jobId: bigint): Promise<number> =>
  (await sql<{ n: number }>`select count(*)::int as n from job_chunk where job_id = ${jobId} and done_at is not null`.execute(db)).rows[0].n;

/** Chunks done per job, for a page of jobs. */
export async function doneChunksOf(db: Kysely<Tables>, jobIds: bigint[]): Promise<Map<string, number>> {
  if (jobIds.length === 0) return new Map();
  const rows = (await sql<{ job_id: bigint; n: number }>`select job_id, count(*)::int as n from job_chunk
    where job_id = any(${jobIds.map(String)}::bigint[]) and done_at is not null group by job_id`.execute(db)).rows;
  return new Map(rows.map((r) => [String(r.job_id), r.n]));
}

/** Jobs not finished whose lease is free or expired, oldest first, of the given kinds. */
export const resumableJobs = (db: Kysely<Tables>, kinds: string[], limit: number) =>
  (kinds.length === 0 ? Promise.resolve([]) : db.selectFrom('job').select(['id', 'kind']).where('status', 'in', ['queued', 'running']).where('kind', 'in', kinds)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
    .orderBy('created_at').limit(limit).execute());

export interface JobFilter { kind?: string; status?: JobStatus }

/** Jobs of a kind and status (the caller orders and pages them). */
export function jobsQuery(db: Kysely<Tables>, filter: JobFilter) {
  let query = db.selectFrom('job').selectAll();
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query;
}
