/**
 * The server's side of the job runner: at start and every few seconds it resumes unfinished jobs whose lease is
 * free or expired (a job started by a killed CLI, a crashed or restarted server, or queued by a request), and once
 * an hour it asks every schedule whether a job is due (the monthly sweep, the year-end interest), a schedule with
 * `everyMs` also that often. On stop it ends
 * each job after its chunk and releases the leases, so the next server resumes them at once.
 */
import type { DatabaseHandle } from '../database.ts';
import { resumableJobs, runJob } from './jobs.service.ts';

export interface JobLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** A schedule creates the jobs that are due on `now` (idempotent: a job's key makes a second creation find it). */
export interface JobSchedule {
  name: string;
  createDueJobs(database: DatabaseHandle, now: Date): Promise<bigint[]>;
  /** Asked this often as well (a schedule that must not wait for the hourly round: the alerts after a posting). */
  everyMs?: number;
}

export interface JobWorkerOptions {
  /** How often to look for jobs to resume (default 2 s). */
  pollMs?: number;
  /** How often to ask the schedules (default 1 h; the first time at start). */
  scheduleMs?: number;
  /** Jobs worked at once by this server (default 2). */
  concurrency?: number;
  schedules?: readonly JobSchedule[];
  now?: () => Date;
}

export function startJobWorker(database: DatabaseHandle, logger: JobLogger, options: JobWorkerOptions = {}) {
  const stopping = new AbortController();
  const running = new Map<string, Promise<void>>();
  const concurrency = options.concurrency ?? 2;
  const now = options.now ?? (() => new Date());
  let polling: Promise<void> | null = null;
  let scheduling: Promise<void> | null = null;

  const work = (id: bigint, kind: string) => {
    const job = runJob(database, id, { signal: stopping.signal })
      .then((outcome) => {
        if (outcome === 'completed') logger.info({ job: String(id), kind }, 'job completed');
        if (outcome === 'failed') logger.warn({ job: String(id), kind }, 'job failed (see sifund jobs show)');
      })
      .catch((error: unknown) => logger.error({ err: error, job: String(id), kind }, 'job stopped by an error; it resumes when its lease expires'))
      .finally(() => { running.delete(String(id)); if (!stopping.signal.aborted) void poll(); });
    running.set(String(id), job);
  };

  /** Looks for jobs to resume and starts as many as the concurrency allows. */
  const poll = (): Promise<void> => {
    if (polling || stopping.signal.aborted) return polling ?? Promise.resolve();
    polling = (async () => {
      const free = concurrency - running.size;
      if (free <= 0) return;
      const jobs = await resumableJobs(database, free + running.size);
      for (const job of jobs) {
        if (running.size >= concurrency) break;
        if (!running.has(String(job.id))) work(job.id, job.kind);
      }
    })().catch((error: unknown) => logger.warn({ err: error }, 'looking for jobs to resume failed; trying again'))
      .finally(() => { polling = null; });
    return polling;
  };

  const schedule = (): Promise<void> => {
    if (scheduling || stopping.signal.aborted) return scheduling ?? Promise.resolve();
    scheduling = (async () => {
      for (const entry of options.schedules ?? []) {
        try {
          const created = await entry.createDueJobs(database, now());
          if (created.length) logger.info({ schedule: entry.name, jobs: created.map(String) }, 'scheduled jobs due');
        } catch (error) {
          logger.warn({ err: error, schedule: entry.name }, 'schedule check failed; trying again at the next check');
        }
      }
      await poll();
    })().finally(() => { scheduling = null; });
    return scheduling;
  };

  const pollTimer = setInterval(() => void poll(), options.pollMs ?? 2_000);
  const scheduleTimer = setInterval(() => void schedule(), options.scheduleMs ?? 3_600_000);
  pollTimer.unref();
  scheduleTimer.unref();
  // the schedules asked more often, each one ask at a time; stop() waits for the asks in progress
  const asking = new Map<string, Promise<unknown>>();
  const frequentTimers = (options.schedules ?? []).filter((entry) => entry.everyMs).map((entry) => {
    const timer = setInterval(() => {
      if (asking.has(entry.name) || stopping.signal.aborted) return;
      asking.set(entry.name, entry.createDueJobs(database, now()).then((created) => (created.length ? poll() : undefined))
        .catch((error: unknown) => logger.warn({ err: error, schedule: entry.name }, 'schedule check failed; trying again at the next check'))
        .finally(() => asking.delete(entry.name)));
    }, entry.everyMs);
    timer.unref();
    return timer;
  });
  const started = schedule();

  return {
    /** The first schedule check and poll (tests wait for it). */
    started,
    /** Look for work now (after a request queued a job). */
    nudge: () => poll(),
    /** Jobs in progress in this server, by id. */
    running: () => [...running.keys()],
    async stop() {
      clearInterval(pollTimer);
      clearInterval(scheduleTimer);
      frequentTimers.forEach(clearInterval);
      stopping.abort();
      await Promise.allSettled([polling, scheduling, ...asking.values()]);
      await Promise.allSettled(running.values());
    },
  };
}

export type JobWorker = ReturnType<typeof startJobWorker>;
