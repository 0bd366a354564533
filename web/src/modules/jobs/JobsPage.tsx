/**
 * 后台作业: every job of the server's runner in the user's scope, newest first, on the list page (kind and status in
 * the URL, paged by the API's cursor, exported whole). A queued or running job's progress follows the server
 * (<JobProgress> asks again while it runs); a failed one shows its error and 重试 for holders of jobs.retry.
 */
import { Tooltip, Typography } from 'antd';
import { useI18n, type Translate } from '../../i18n.ts';
import { formatDateTime } from '../../format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { JobProgress, type Job, type JobStatus } from '../../components/JobProgress.tsx';
import { messages } from './messages.ts';

const statuses: JobStatus[] = ['queued', 'running', 'completed', 'failed'];
const KIND = 'jobKind.';

/** The kinds this module names, as choices labelled by name. */
const namedKinds = (t: Translate) => Object.keys(messages).filter((key) => key.startsWith(KIND)).map((key) => ({ value: key.slice(KIND.length), label: t(key) }));

export default function JobsPage() {
  const { t } = useI18n();
  const kinds = namedKinds(t);
  const kindName = (kind: string) => kinds.find((known) => known.value === kind)?.label ?? kind;

  return (
    <ListPage<Job>
      listId="jobs" title={t('menu.jobs')} testId="jobs-page" tableTestId="jobs-table" endpoint="/api/jobs" rowKey="id" exports={['xlsx', 'csv']}
      filters={[
        { kind: 'enum', param: 'kind', label: t('jobs.kind'), options: kinds, testId: 'jobs-kind' },
        { kind: 'enum', param: 'status', label: t('common.status'), options: statuses.map((value) => ({ value, label: t(`job.status.${value}`) })), testId: 'jobs-status' },
      ]}
      columns={[
        { key: 'kind', title: t('jobs.kind'), dataIndex: 'kind', width: 150, render: (kind: string) => <Tooltip title={kind}><span data-testid="jobs-kind-name">{kindName(kind)}</span></Tooltip> },
        { key: 'key', title: t('jobs.key'), dataIndex: 'key', width: 170, render: (key: string) => <Typography.Text code>{key}</Typography.Text> },
        { key: 'status', title: t('jobs.status'), width: 340, render: (_: unknown, job) => <JobProgress job={job} testId="jobs-progress" /> },
        { key: 'startedBy', title: t('jobs.startedBy'), dataIndex: 'startedBy', width: 130 },
        { key: 'createdAt', title: t('jobs.createdAt'), dataIndex: 'createdAt', width: 170, render: formatDateTime },
        { key: 'startedAt', title: t('jobs.startedAt'), dataIndex: 'startedAt', width: 170, render: (at: string | null) => (at ? formatDateTime(at) : '—') },
        { key: 'finishedAt', title: t('jobs.finishedAt'), dataIndex: 'finishedAt', width: 170, render: (at: string | null) => (at ? formatDateTime(at) : '—') },
        { key: 'attempts', title: t('jobs.attempts'), dataIndex: 'attempts', width: 90, align: 'right' },
      ]}
    />
  );
}
