/**
 * 后台作业进度: the one view of a long job (billing, interest, sweeps … on the server's job runner). It asks
 * GET /api/jobs/:id about a second after each answer while the job is queued or running, stops when the job has
 * finished or the component is gone, shows done/total chunks and the status, the error of a failed job with 重试 for
 * holders of `jobs.retry` (POST /api/jobs/:id/retry queues it again; its done chunks stay done), and calls
 * `onFinished(job)` once each time it sees the job finish.
 */
import { useEffect, useRef, useState } from 'react';
import type { Static } from '@sinclair/typebox';
import { Alert, App, Button, Progress, Tag } from 'antd';
import { RedoOutlined } from '@ant-design/icons';
import { api, ApiError } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { useCan } from '../permissions.ts';
import { ApiErrorView } from './ApiErrorView.tsx';
import type { Job as JobSchema, JobList as JobListSchema } from '../../../src/platform/jobs/jobs.schemas.ts';

/** A job as GET /api/jobs/:id gives it; `key` names its scope (for billing.run: `<period>/<region>`). */
export type Job = Static<typeof JobSchema>;
export type JobList = Static<typeof JobListSchema>;
export type JobStatus = Job['status'];

const POLL_MS = 1000;
const statusColor: Record<JobStatus, string> = { queued: 'default', running: 'blue', completed: 'green', failed: 'red' };
const progressStatus = { queued: 'normal', running: 'active', completed: 'success', failed: 'exception' } as const;

export const isFinished = (job: Pick<Job, 'status'>) => job.status === 'completed' || job.status === 'failed';

/** The job's status as a tag: 排队中, 进行中, 已完成, 失败. */
export function JobStatusTag({ status }: { status: JobStatus }) {
  const { t } = useI18n();
  return <Tag color={statusColor[status]} data-testid="job-status">{t(`job.status.${status}`)}</Tag>;
}

/** Chunks done of the job's chunks, as it was when read (a job with no chunks — one transaction — is complete at once: no count); no polling. */
export function JobProgressBar({ job, size }: { job: Pick<Job, 'status' | 'progress'>; size?: 'small' }) {
  const { done, total } = job.progress;
  const percent = total > 0 ? Math.floor((done / total) * 100) : job.status === 'completed' ? 100 : 0;
  return <Progress size={size} percent={percent} status={progressStatus[job.status]} showInfo={total > 0} format={() => `${done}/${total}`} />;
}

/** A job followed until it finishes: `job` is the job as the caller last read it (a new id starts over). */
export function JobProgress({ job: given, onFinished, testId }: { job: Job; onFinished?: (job: Job) => void; testId?: string }) {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const [job, setJob] = useState(given);
  const [pollError, setPollError] = useState<ApiError>();
  const [retrying, setRetrying] = useState(false);
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;
  if (job.id !== given.id) { setJob(given); setPollError(undefined); }

  useEffect(() => {
    if (isFinished(job) || pollError) return undefined;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.get<Job>(`/api/jobs/${encodeURIComponent(job.id)}`, undefined, controller.signal).then((next) => {
        if (controller.signal.aborted) return;
        setJob(next);
        if (isFinished(next)) onFinishedRef.current?.(next);
      }, (error: unknown) => {
        if (!controller.signal.aborted) setPollError(error instanceof ApiError ? error : new ApiError(0, 'client', String(error)));
      });
    }, POLL_MS);
    return () => { clearTimeout(timer); controller.abort(); };
  }, [job, pollError]);

  const retry = async () => {
    setRetrying(true);
    try {
      setJob(await api.post<Job>(`/api/jobs/${encodeURIComponent(job.id)}/retry`));
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setRetrying(false);
    }
  };

  return (
    <div data-testid={testId} data-status={job.status} data-job={job.id}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <JobStatusTag status={job.status} />
        <div style={{ flex: 1 }}><JobProgressBar job={job} /></div>
      </div>
      {job.status === 'failed' && (
        <Alert
          type="error" showIcon style={{ marginTop: 8 }} message={t('job.failed')} description={job.error} data-testid="job-error"
          action={can('jobs.retry') && <Button size="small" icon={<RedoOutlined />} loading={retrying} onClick={retry} data-testid="job-retry">{t('job.retry')}</Button>}
        />
      )}
      {pollError && <ApiErrorView error={pollError} retry={() => setPollError(undefined)} />}
    </div>
  );
}
