/**
 * A small pool of worker threads for pure CPU work on the machine's other cores (docs/decisions.md, "The budget
 * draft's forecasts on every core"): `workerPool(url)` starts, on first use, `os.availableParallelism()` workers each
 * loading the module at `url`, which answers tasks with `serveTasks(handler)`; `run(tasks)` hands each idle worker the
 * next task and resolves with the results in the tasks' order, whichever worker finished first, so the outcome is that
 * of `tasks.map(handler)` in this thread. A worker module is TypeScript in every way the code runs (tests and benches
 * through tsx, the CLI's bundle finds the sources where they lie), so a worker loads it through tsx. Idle workers do
 * not keep the process alive; a worker that fails rejects the run and the pool starts afresh on the next one.
 */
import os from 'node:os';
import { Worker, parentPort } from 'node:worker_threads';

export interface WorkerPool<Task, Result> {
  /** Each task's result, in the tasks' order. */
  run(tasks: readonly Task[]): Promise<Result[]>;
  /** Stops the workers (a later run starts new ones). */
  close(): Promise<void>;
}

type Answer<Result> = { result: Result } | { error: string };
interface Queued<Task, Result> { task: Task; resolve: (result: Result) => void; reject: (error: Error) => void }
interface Member<Task, Result> { worker: Worker; busy: Queued<Task, Result> | null }

/** A worker's start: tsx registered (found from this module: beside the sources or the CLI's bundle alike), then the module. */
const startCode = (moduleUrl: URL) =>
  `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(moduleUrl.href)}); })`;

export function workerPool<Task, Result>(moduleUrl: URL, size = os.availableParallelism()): WorkerPool<Task, Result> {
  const queue: Queued<Task, Result>[] = [];
  let members: Member<Task, Result>[] = [];

  const next = (member: Member<Task, Result>) => {
    const item = queue.shift();
    member.busy = item ?? null;
    if (!item) { member.worker.unref(); return; }
    member.worker.ref();
    member.worker.postMessage(item.task);
  };
  const fail = (error: Error) => {
    const failed = [...members.flatMap((member) => (member.busy ? [member.busy] : [])), ...queue.splice(0)];
    for (const member of members) void member.worker.terminate();
    members = [];
    for (const item of failed) item.reject(error);
  };
  const start = (): Member<Task, Result> => {
    const worker = new Worker(startCode(moduleUrl), { eval: true });
    const member: Member<Task, Result> = { worker, busy: null };
    worker.on('message', (answer: Answer<Result>) => {
      const item = member.busy!;
      if ('error' in answer) item.reject(new Error(answer.error));
      else item.resolve(answer.result);
      next(member);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => { if (members.includes(member)) fail(new Error(`a worker of ${moduleUrl.pathname} stopped (exit code ${code})`)); });
    return member;
  };

  return {
    run(tasks) {
      if (!members.length) members = Array.from({ length: Math.max(1, size) }, start);
      const results = tasks.map((task) => new Promise<Result>((resolve, reject) => queue.push({ task, resolve, reject })));
      for (const member of members) if (!member.busy) next(member);
      return Promise.all(results);
    },
    async close() {
      const stopping = members;
      members = [];
      await Promise.all(stopping.map((member) => member.worker.terminate()));
    },
  };
}

/** In a worker module: answers each task the pool posts with `handler(task)`, or with the error it threw. */
export function serveTasks<Task, Result>(handler: (task: Task) => Result): void {
  if (!parentPort) throw new Error('serveTasks runs in a worker thread of a workerPool');
  const port = parentPort;
  port.on('message', (task: Task) => {
    let answer: Answer<Result>;
    try {
      answer = { result: handler(task) };
    } catch (error) {
      answer = { error: (error as Error).stack ?? String(error) };
    }
    port.postMessage(answer);
  });
}
