/** 用户名单 as a file: every account that matches, in username order, its role and status by name (never a password). */
import { roleLabels } from '../actor.ts';
import type { ReportColumn } from '../reports/report.ts';
import type { ReportStream } from '../reports/stream.ts';
import type { UserFilter } from './auth.repository.ts';
import type { UserView } from './auth.service.ts';

const statusNames: Record<string, string> = { active: '启用', disabled: '停用' };

export interface UserLine { username: string; displayName: string; role: string; regionCode: string; agencyId: string | null; employerId: string | null; personId: string | null; status: string; mustChangePassword: string }

export const userLine = (user: UserView): UserLine => ({
  username: user.username, displayName: user.displayName, role: roleLabels[user.role], regionCode: user.regionCode ?? '全国',
  agencyId: user.agencyId, employerId: user.employerId, personId: user.personId, status: statusNames[user.status] ?? user.status,
  mustChangePassword: user.mustChangePassword ? '是' : '否',
});

const columns: ReportColumn<UserLine>[] = [
  { key: 'username', title: '用户名', unit: 'text', width: 20 },
  { key: 'displayName', title: '姓名', unit: 'text', width: 16 },
  { key: 'role', title: '角色', unit: 'text', width: 12 },
  { key: 'regionCode', title: '行政区划代码', unit: 'text', width: 12 },
  { key: 'agencyId', title: '经办机构编号', unit: 'text' },
  { key: 'employerId', title: '绑定参保单位编号', unit: 'text' },
  { key: 'personId', title: '绑定参保人员编号', unit: 'text' },
  { key: 'status', title: '状态', unit: 'text', width: 8 },
  { key: 'mustChangePassword', title: '须修改密码', unit: 'text', width: 10 },
];

export function usersReport(filter: UserFilter): Omit<ReportStream<UserLine>, 'pages'> {
  const parameters = [
    ...(filter.q ? [{ label: '用户名或姓名', value: filter.q }] : []),
    ...(filter.role ? [{ label: '角色', value: roleLabels[filter.role] }] : []),
    ...(filter.region ? [{ label: '行政区划', value: filter.region }] : []),
    ...(filter.status ? [{ label: '状态', value: statusNames[filter.status] }] : []),
  ];
  return { title: '用户名单', titleEnglish: 'Users', fileName: '用户名单', parameters, sheetName: '用户名单', columns };
}
