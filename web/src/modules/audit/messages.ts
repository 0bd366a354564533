/** 审计日志 the audit trail: the UI's words, `key: [中文, English]`. */
import type { Messages } from '../../platform/module.ts';

export const messages = {
  'menu.audit': ['审计日志', 'Audit trail'],

  'audit.time': ['时间', 'Time'],
  'audit.actor': ['操作人', 'Actor'],
  'audit.action': ['操作', 'Action'],
  'audit.entity': ['对象', 'Entity'],
  'audit.entityType': ['对象类型', 'Entity type'],
  'audit.entityId': ['对象编号', 'Entity id'],
  'audit.requestId': ['请求编号', 'Request id'],
  'audit.range': ['时间范围', 'Period'],
  'audit.verify': ['校验审计链', 'Verify the audit chain'],
  'audit.trail': ['业务审计日志', 'Audit trail'],
  'audit.scopeWidened': ['跨范围操作', 'Scope widened'],
  'audit.signIns': ['登录日志', 'Sign-in log'],
  'audit.verifyOk': ['审计链完整：已校验 {n} 条记录', 'Audit chain intact: {n} records verified'],
  'audit.verifyBroken': ['审计链被破坏：记录 {id}，{reason}（之前 {n} 条已校验）', 'Audit chain broken at record {id}: {reason} ({n} records before it verified)'],
  'audit.field': ['字段', 'Field'],
  'audit.before': ['变更前', 'Before'],
  'audit.after': ['变更后', 'After'],
  'audit.noChange': ['无内容', 'No content'],
} satisfies Messages;
