/** 后台作业 as a file: every job in the viewer's scope that matches, newest first, its kind and status by name. */
import { render } from '../messages.ts';
import type { ReportColumn } from '../reports/report.ts';
import type { ReportStream } from '../reports/stream.ts';
import { jobStatusSaid } from './jobs.messages.ts';
import type { JobFilter } from './jobs.repository.ts';
import { jobKindLabel, type JobView } from './jobs.service.ts';

export interface JobLine { id: string; kind: string; key: string; regionCode: string | null; status: string; done: number; chunks: number; startedBy: string; createdAt: string; finishedAt: string | null; attempts: number; error: string | null }

export const jobLine = (job: JobView): JobLine => ({
  id: job.id, kind: jobKindLabel(job.kind), key: job.key, regionCode: job.regionCode, status: render(jobStatusSaid(job.status), 'zh-CN'),
  done: job.progress.done, chunks: job.progress.total, startedBy: job.startedBy, createdAt: job.createdAt, finishedAt: job.finishedAt, attempts: job.attempts, error: job.error,
});

const columns: ReportColumn<JobLine>[] = [
  { key: 'id', title: '作业编号', unit: 'text' },
  { key: 'kind', title: '作业类型', unit: 'text' },
  { key: 'key', title: '作业范围', unit: 'text' },
  { key: 'regionCode', title: '行政区划代码', unit: 'text', width: 12 },
  { key: 'status', title: '状态', unit: 'text', width: 10 },
  { key: 'done', title: '已完成分块', unit: 'count' },
  { key: 'chunks', title: '分块数', unit: 'count' },
  { key: 'startedBy', title: '发起人', unit: 'text', width: 16 },
  { key: 'createdAt', title: '创建时间', unit: 'text', width: 26 },
  { key: 'finishedAt', title: '结束时间', unit: 'text', width: 26 },
  { key: 'attempts', title: '执行次数', unit: 'count' },
  { key: 'error', title: '错误', unit: 'text', width: 40 },
];

export function jobsReport(filter: JobFilter): Omit<ReportStream<JobLine>, 'pages'> {
  const parameters = [
    ...(filter.kind ? [{ label: '作业类型', value: jobKindLabel(filter.kind) }] : []),
    ...(filter.status ? [{ label: '状态', value: render(jobStatusSaid(filter.status), 'zh-CN') }] : []),
  ];
  return { title: '后台作业', titleEnglish: 'Jobs', fileName: '后台作业', parameters, sheetName: '后台作业', columns, landscape: true };
}
