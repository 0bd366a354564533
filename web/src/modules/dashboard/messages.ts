/** 首页 the dashboard: the UI's words, `key: [中文, English]`. */
import type { Messages } from '../../platform/module.ts';

export const messages = {
  'menu.dashboard': ['首页', 'Dashboard'],

  'dashboard.title': ['首页', 'Dashboard'],
  'dashboard.welcome': ['欢迎，{name}', 'Welcome, {name}'],
  'dashboard.employers': ['参保单位', 'Employers'],
  'dashboard.persons': ['参保人员', 'Insured persons'],
  'dashboard.regions': ['行政区划', 'Regions'],
  'dashboard.agencies': ['经办机构', 'Agencies'],
  'dashboard.activity': ['近期业务操作（最近 {n} 条审计记录）', 'Recent operations (last {n} audit records)'],
  'dashboard.activityEmpty': ['暂无操作记录', 'No operations recorded yet'],
  'dashboard.count': ['次数', 'Count'],
  'dashboard.scope': ['数据范围', 'Data scope'],
} satisfies Messages;
