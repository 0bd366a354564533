/**
 * The job runner: one way to run long or scheduled work (docs/decisions.md, "One job runner on our own tables").
 *
 * A module defines a kind of job (`JobDefinition`: what one chunk does, what happens after the last) and creates a
 * job with `createOrFindJob` in its own transaction: a kind, a key unique per kind (its scope: '2026-11/990000'),
 * the region whose subtree it touches, a snapshot of its parameters, and the payloads of its chunks. A second start
 * with the same key finds the same job. `runJob` then works it to the end in this process: it takes the job's lease
 * (renewed by a heartbeat; only the holder works a job), claims chunks with `for update skip locked`, and commits
 * each chunk's effects and its done mark in one transaction, as the actor who started the job. Killed at any moment,
 * the job stays `running`; when its lease expires, any process resumes it (the server looks at start and every few
 * seconds), doing only the chunks not done. An error marks the job failed with the error; `retryJob` queues it again.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { DatabaseHandle } from '../database.ts';
import { inActorScope, inScope, type Actor, type Tx } from '../actor.ts';
import { AppError, conflict, forbidden, notFound, type RowProblem } from '../errors.ts';
import { requirePermission, type Permission } from '../access/permissions.ts';
import { render, type Language, type Said } from '../messages.ts';
import { newId } from '../ids.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repository from './jobs.repository.ts';
import { jobMessages as said, jobStatusSaid } from './jobs.messages.ts';
import type { JobRow, JobStatus } from './jobs.repository.ts';
import { keysetPage, listPage, type ListAnswer, type ListRequest, type SortKey } from '../http/lists.ts';

export type { JobStatus } from './jobs.repository.ts';
export { jobStatuses } from './jobs.repository.ts';

/** A job as the API and `sifund jobs … --format json` show it. */
export interface JobView {
  id: string; kind: string; key: string; regionCode: string | null; status: JobStatus;
  progress: { done: number; total: number }; error: string | null; result: unknown;
  startedBy: string; createdAt: string; startedAt: string | null; finishedAt: string | null; attempts: number;
}

/** What a job's chunk and finish see: the job, its parameter snapshot and the actor it works for. */
export interface JobContext<Parameters> { job: JobRow; parameters: Parameters; actor: Actor }

export interface JobDefinition<Parameters = unknown, Payload = unknown> {
  kind: string;
  /** For people: 缴费核定, 年度计息 … */
  label: string;
  /** What starting (and so retrying) a job of this kind needs. */
  permission: Permission;
  /** Chunks worked at once by one process (default 1). */
  workers?: number;
  /** One chunk's work, in the transaction that marks the chunk done (scoped to the job's actor). A kind whose jobs
   * have no chunks (a sweep, the interest run: one statement, done in `finish`) has none. */
  runChunk?(tx: Tx, context: JobContext<Parameters>, chunk: { chunk: number; payload: Payload }): Promise<void>;
  /** After the last chunk, outside any chunk's transaction; its return value is the job's result (JSON). */
  finish?(database: DatabaseHandle, context: JobContext<Parameters>): Promise<unknown>;
}

/** How long a lease lasts without a heartbeat, and how often the holder renews it. */
const LEASE_SECONDS = 15;
const HEARTBEAT_MS = 5_000;

const definitions = new Map<string, JobDefinition<never, never>>();

/** Makes kinds known to this process (the composition roots register every module's jobs). */
export function registerJobKinds(kinds: readonly JobDefinition<never, never>[]): void {
  for (const kind of kinds) definitions.set(kind.kind, kind);
}
const registeredJobKinds = (): string[] => [...definitions.keys()];
export const registeredJobKindPermissions = (): Permission[] => [...new Set([...definitions.values()].map((d) => d.permission))];
export const jobKindLabel = (kind: string): string => definitions.get(kind)?.label ?? kind;

function definitionOf(kind: string): JobDefinition<unknown, unknown> {
  const definition = definitions.get(kind);
  if (!definition) throw new Error(`job kind ${kind} is not known to this process`);
  return definition as JobDefinition<unknown, unknown>;
}

/** This process, as a lease owner: host, pid and a random part (a restarted process is a new owner). */
const processOwner = (() => {
  const owner = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  return () => owner;
})();

// The actor is stored with the job so that whoever resumes it works (and is audited) as the user who started it.
type StoredActor = Omit<Actor, 'userId' | 'employerId' | 'personId' | 'requestId'> & { userId: string | null };
const storeActor = (actor: Actor): StoredActor => ({
  userId: actor.userId === null ? null : String(actor.userId), username: actor.username, role: actor.role, regionCode: actor.regionCode,
  ...(actor.grants ? { grants: actor.grants } : {}), ...(actor.widenedScope ? { widenedScope: actor.widenedScope } : {}),
});
const restoreActor = (stored: StoredActor): Actor => ({ ...stored, userId: stored.userId === null ? null : BigInt(stored.userId) });
const parsed = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
const contextOf = <P>(job: JobRow): JobContext<P> => ({ job, parameters: parsed(job.parameters) as P, actor: restoreActor(parsed(job.actor) as StoredActor) });

/** `regionCode`: the subtree the job works in (null: the whole installation, seen by the national scope only). */
export interface NewJob<Parameters, Payload> { key: string; regionCode: string | null; parameters: Parameters; chunks: Payload[] }

/**
 * Creates a job of the kind in the caller's transaction, or finds the one with the same kind and key (its snapshot
 * stays the one taken at creation). `actor` is who it works for; their scope must reach the job's region. The kind
 * becomes known to this process, so the caller can run the job here.
 */
export async function createOrFindJob<Parameters, Payload>(tx: Tx, actor: Actor, definition: JobDefinition<Parameters, Payload>, job: NewJob<Parameters, Payload>): Promise<{ job: JobRow; created: boolean }> {
  const kind = definition.kind;
  registerJobKinds([definition as JobDefinition<never, never>]);
  await repository.lockJobCreation(tx, kind, job.key);
  const existing = await repository.findJobByKey(tx, kind, job.key);
  if (existing) return { job: existing, created: false };
  const row = await repository.insertJob(tx, {
    id: newId(), kind, key: job.key, region_code: job.regionCode, parameters: job.parameters, actor: storeActor(actor),
    started_by: actor.username, chunks: job.chunks,
  });
  await recordAudit(tx, actor, { action: 'job.create', entityType: 'job', entityId: String(row.id), regionCode: job.regionCode, after: { kind, key: job.key, chunks: job.chunks.length } });
  return { job: row, created: true };
}

/** The job as the API answers it; the refusal a job failed with in `language` (any other failure as it was kept). */
function jobView(job: JobRow, done: number, language: Language): JobView {
  const refusal = parsed(job.refusal) as Refusal | null;
  return {
    id: String(job.id), kind: job.kind, key: job.key, regionCode: job.region_code, status: job.status,
    progress: { done, total: job.chunks }, error: refusal ? describeRefusal(refusal, language) : job.error, result: parsed(job.result) ?? null, startedBy: job.started_by,
    createdAt: job.created_at.toISOString(), startedAt: job.started_at?.toISOString() ?? null,
    finishedAt: job.finished_at?.toISOString() ?? null, attempts: job.attempts,
  };
}

/** A job in the actor's scope. */
export async function getJob(database: DatabaseHandle, actor: Actor, id: bigint, language: Language = 'en'): Promise<JobView> {
  return inScope(database, actor, async (tx) => {
    const job = await repository.findJob(tx, id);
    if (!job) throw notFound(said.job({ id }));
    return jobView(job, await repository.countDoneChunks(tx, id), language);
  });
}

/** Newest first; the id breaks ties. */
const newestFirst: SortKey[] = [{ by: 'created_at', direction: 'desc' }, { by: 'id', direction: 'desc' }];

async function jobViews(tx: Tx, rows: JobRow[], language: Language): Promise<JobView[]> {
  const done = await repository.doneChunksOf(tx, rows.map((r) => r.id));
  return rows.map((r) => jobView(r, done.get(String(r.id)) ?? 0, language));
}

/** A page of the jobs in the actor's scope, newest first, with their count. */
export async function listJobs(database: DatabaseHandle, actor: Actor, query: repository.JobFilter & ListRequest, language: Language = 'en'): Promise<ListAnswer<JobView>> {
  const { limit, after, offset, ...filter } = query;
  return inScope(database, actor, (tx) => listPage(tx, repository.jobsQuery(tx, filter), newestFirst, { limit, after, offset }, (rows) => jobViews(tx, rows, language)));
}

/** The jobs past the cursor, uncounted (an export walks them page by page). */
export async function jobRows(database: DatabaseHandle, actor: Actor, filter: repository.JobFilter, request: ListRequest, language: Language = 'en') {
  return inScope(database, actor, async (tx) => {
    const page = await keysetPage(repository.jobsQuery(tx, filter), newestFirst, request);
    return { items: await jobViews(tx, page.items, language), nextCursor: page.nextCursor };
  });
}

/** Queues a failed job again (its done chunks stay done); `actor` is recorded as who retried it. */
export async function retryJob(database: DatabaseHandle, actor: Actor, id: bigint): Promise<JobView> {
  return inScope(database, actor, async (tx) => {
    const job = await repository.findJob(tx, id);
    if (!job) throw notFound(said.job({ id }));
    // A job of a region above is seen from below (its progress), but worked and retried in its own scope.
    if (!inActorScope(actor, job.region_code ?? '')) throw forbidden(said.aboveScope({ id, region: job.region_code ?? said.wholeInstallation() }));
    const definition = definitions.get(job.kind);
    if (definition) requirePermission(actor, definition.permission);
    const queued = await repository.requeueFailed(tx, id);
    if (!queued) throw conflict('status', said.notFailed({ id, status: jobStatusSaid(job.status) }));
    await recordAudit(tx, actor, { action: 'job.retry', entityType: 'job', entityId: String(id), regionCode: job.region_code, before: { status: job.status, error: job.error }, after: { status: 'queued' } });
    return jobView(queued, await repository.countDoneChunks(tx, id), 'en');
  });
}

export interface RunOptions {
  /** Aborted when the process stops: each worker ends after its chunk, the lease is released, the job stays running. */
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number }) => void;
  /** Lease owner (default this process). */
  owner?: string;
}

export type RunOutcome = 'completed' | 'failed' | 'stopped' | 'busy' | 'finished';

/**
 * Works one chunk: false when none is left, or when `stop()` says so once a chunk is claimed (a chunk waited for may
 * be the one another worker just failed). A chunk held by a dead process is waited for, not skipped.
 */
/**
 * `failed` is told of a chunk's error inside its transaction, before the rollback frees the chunk: another worker
 * waiting for that chunk (waitForOpenChunk) then sees the job stopping and does not take the failed chunk up again.
 */
async function runNextChunk(database: DatabaseHandle, definition: JobDefinition<unknown, unknown>, context: JobContext<unknown>, stop: () => boolean, failed: (error: unknown) => void): Promise<boolean> {
  const id = context.job.id;
  return inScope(database, context.actor, async (tx) => {
    await repository.checkClientConnectionEverySecond(tx);
    let chunk = await repository.claimFreeChunk(tx, id);
    if (!chunk) {
      chunk = await repository.waitForOpenChunk(tx, id);
      if (!chunk) return false;
      if (!(await repository.isChunkOpen(tx, id, chunk.chunk))) return true; // finished by its holder meanwhile
    }
    if (stop()) return false;
    if (!definition.runChunk) throw new Error(`a ${definition.kind} job has no chunks to work`);
    try {
      await definition.runChunk(tx, context, { chunk: chunk.chunk, payload: parsed(chunk.payload) });
    } catch (error) {
      failed(error);
      throw error;
    }
    await repository.markChunkDone(tx, id, chunk.chunk);
    return true;
  });
}

/** A refusal a job failed with, kept whole: the AppError its work threw (bigint parameters as text). */
interface Refusal { status: number; code: string; said: Said | string; field?: string; rows?: RowProblem[] }

/** The refusal's message in `language`, with the first problems of a refused batch (which entry, why). */
function describeRefusal(refusal: Refusal, language: Language): string {
  const message = render(refusal.said, language);
  if (!refusal.rows?.length) return message;
  const shown = refusal.rows.slice(0, 5).map((row) => `${row.field ? `${row.field}: ` : ''}${render(row.message, language)}`);
  const more = refusal.rows.length - shown.length;
  return `${message}: ${shown.join('; ')}${more > 0 ? (language === 'en' ? `; … ${more} more` : `；另有 ${more} 条`) : ''}`;
}

/** What a failed job keeps: the error in English, and a refusal whole (to answer it in any language, and throw it again). */
function describeFailure(error: unknown): { error: string; refusal: Refusal | null } {
  if (!(error instanceof AppError)) return { error: (error as Error)?.message || String(error), refusal: null };
  const refusal: Refusal = JSON.parse(JSON.stringify({ status: error.status, code: error.code, said: error.said, field: error.field, rows: error.rows },
    (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
  return { error: describeRefusal(refusal, 'en'), refusal };
}

/**
 * Works the job in this process until it is completed, failed or stopped. Returns 'busy' when another live process
 * holds its lease (see `runOrAttach`), 'finished' when it was completed or failed already.
 */
export async function runJob(database: DatabaseHandle, id: bigint, options: RunOptions = {}): Promise<RunOutcome> {
  const owner = options.owner ?? processOwner();
  const job = await repository.acquireLease(database.db, id, owner, LEASE_SECONDS);
  if (!job) {
    const current = await repository.findJob(database.db, id);
    if (!current) throw notFound(said.job({ id }));
    return current.status === 'completed' || current.status === 'failed' ? 'finished' : 'busy';
  }
  const definition = definitionOf(job.kind);
  const context = contextOf<unknown>(job);
  const lost = new AbortController();
  const heartbeat = setInterval(() => {
    repository.renewLease(database.db, id, owner, LEASE_SECONDS)
      .then((held) => { if (!held) lost.abort(); })
      .catch(() => { /* the database is away: the next beat tries again; an expired lease lets another resume */ });
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const stopped = () => options.signal?.aborted || lost.signal.aborted;
  // The first chunk to fail stops the other workers after their chunk in flight; the job fails with its error.
  let firstError: unknown;
  try {
    const report = async () => options.onProgress?.({ done: await repository.countDoneChunks(database.db, id), total: job.chunks });
    await report();
    const worker = async () => {
      try {
        const halt = () => stopped() || firstError !== undefined;
        while (!halt() && await runNextChunk(database, definition, context, halt, (error) => { firstError ??= error; })) await report();
      } catch (error) {
        firstError ??= error;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, definition.workers ?? 1) }, worker));
    if (firstError !== undefined) throw firstError;
    if (stopped()) {
      await repository.releaseLease(database.db, id, owner);
      return 'stopped';
    }
    const result = definition.finish ? await definition.finish(database, context) : null;
    await repository.markCompleted(database.db, id, owner, result);
    return 'completed';
  } catch (error) {
    if (stopped()) {
      await repository.releaseLease(database.db, id, owner).catch(() => {});
      return 'stopped';
    }
    // A failure that the database cannot record (it is away) leaves the job running: its lease expires and it resumes.
    await repository.markFailed(database.db, id, owner, describeFailure(error));
    return 'failed';
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * Runs the job here, or, while another live process works it (the server, another CLI), follows its progress until
 * it finishes or its lease expires (then takes it over). Returns the job as it ended.
 */
export async function runOrAttach(database: DatabaseHandle, actor: Actor, id: bigint, options: RunOptions = {}): Promise<FinishedJob> {
  for (;;) {
    const outcome = await runJob(database, id, options);
    if (outcome !== 'busy') break;
    const current = await getJob(database, actor, id);
    options.onProgress?.(current.progress);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (options.signal?.aborted) break;
  }
  return inScope(database, actor, async (tx) => {
    const job = await repository.findJob(tx, id);
    if (!job) throw notFound(said.job({ id }));
    return { ...jobView(job, await repository.countDoneChunks(tx, id), 'en'), refusal: parsed(job.refusal) as Refusal | null };
  });
}

/** A job as it ended where it was run or followed: with the refusal it failed with, if a rule refused it. */
export interface FinishedJob extends JobView { refusal: Refusal | null }

/**
 * A failed job as an exception, for callers that run a job and must fail like it: the refusal its work threw (the
 * same status, field, message and rows), else an error with its message; the job rides along.
 */
export function throwIfFailed(job: FinishedJob): FinishedJob {
  if (job.status !== 'failed') return job;
  const { refusal } = job;
  throw Object.assign(refusal ? new AppError(refusal.status, refusal.code, refusal.said, refusal.field, refusal.rows) : new Error(job.error ?? `job ${job.id} failed`), { job });
}

/** Unfinished jobs of known kinds whose lease is free or expired (the server resumes them). */
export const resumableJobs = (database: DatabaseHandle, limit: number) => repository.resumableJobs(database.db, registeredJobKinds(), limit);
