/** 后台作业: the UI's words, `key: [中文, English]`. */
import type { Messages } from '../../platform/module.ts';

export const messages = {
  'menu.jobs': ['后台作业', 'Background jobs'],

  'jobs.kind': ['作业类型', 'Kind'],
  'jobs.key': ['作业范围', 'Scope'],
  'jobs.status': ['状态与进度', 'Status and progress'],
  'jobs.startedBy': ['发起人', 'Started by'],
  'jobs.createdAt': ['创建时间', 'Created'],
  'jobs.startedAt': ['开始时间', 'Started'],
  'jobs.finishedAt': ['完成时间', 'Finished'],
  'jobs.attempts': ['执行次数', 'Attempts'],

  // the kinds the server registers (JobDefinition.kind under src/modules): shown by name, the code in a tooltip
  'jobKind.billing.run': ['缴费核定', 'Billing run'],
  'jobKind.accounts.interest': ['个人账户年度计息', 'Annual account interest'],
  'jobKind.ledger.sweep': ['收入户归集', 'Income account sweep'],
} satisfies Messages;
