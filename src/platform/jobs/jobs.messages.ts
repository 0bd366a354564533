/** What the job runner says of jobs (后台作业, issue 10), in Chinese and English. */
import { defineMessages, type Said } from '../messages.ts';

export const jobMessages = defineMessages('jobs', {
  job: ['作业 {id}', 'job {id}'],
  aboveScope: ['作业 {id} 为{region}执行，超出您的数据权限范围：须在该范围内重试', 'job {id} works for {region}, above your scope: it is retried there'],
  wholeInstallation: ['全系统', 'the whole installation'],
  notFailed: ['作业 {id} 的状态为“{status}”：只有失败的作业可以重试', 'job {id} is {status}: only a failed job can be retried'],
  idIsNumber: ['作业编号为数字（见 sifund jobs list）', 'a job id is a number (sifund jobs list)'],
  queued: ['排队中', 'queued'],
  running: ['运行中', 'running'],
  completed: ['已完成', 'completed'],
  failed: ['已失败', 'failed'],
});

/** A job's status as said. */
export function jobStatusSaid(status: string): Said | string {
  return status === 'queued' || status === 'running' || status === 'completed' || status === 'failed' ? jobMessages[status]() : status;
}
