/**
 * Who may do what (R9.1): one permission matrix, as data. Routes declare the permission they need, services ask
 * `can(actor, permission)`, the web UI shows an action only when `/api/auth/me` lists its permission.
 *
 * Separated administrator duties (三员分立, GB/T 22239-2019 等级保护 8.1.4.2 / 8.1.10.x 安全管理中心):
 *  - 系统管理员 admin manages users, regions, agencies and settings and holds no money permission: it cannot bill,
 *    record or reverse payments, draft or approve ledger entries, close or reopen periods;
 *  - 安全审计员 security_auditor reads and verifies the audit trail and the sign-in log and changes nothing;
 *  - business roles (经办, 复核, 审批, 财政, 监督, 稽核) do the work and never manage accounts.
 */
import type { Role } from '../actor.ts';
import { forbidden } from '../errors.ts';
import { defineMessages } from '../messages.ts';

/** Every permission, with what it allows (Chinese label first: it is what the matrix table shows). */
export const permissionDescriptions = {
  // platform administration (系统管理员)
  'user.manage': '用户管理 create, disable and reset users',
  'region.manage': '区划管理 regions and pooling structure',
  'agency.manage': '机构管理 agencies',
  'settings.read': '参数查看 policy parameters',
  'params.propose': '参数调整申请 propose a regional parameter value',
  'params.approve': '参数调整审批 approve a regional parameter value',
  // security audit (安全审计员 and 稽核)
  'audit.read': '审计日志查看 read the audit trail in scope',
  'audit.verify': '审计链校验 verify the audit chain',
  'auth.log.read': '登录日志查看 read the sign-in log',
  // registry (参保登记)
  'registry.read': '参保信息查看 employers, persons, employment',
  'registry.employer.create': '单位登记 register an employer',
  'registry.person.create': '人员登记 register a person',
  'registry.employment.write': '用工与参保登记 hires, separations, enrollment',
  'registry.base.declare': '缴费基数申报 declare a contribution base',
  'registry.base.confirm': '缴费基数确认 confirm a declared base',
  'registry.base.correction.review': '缴费基数更正复核 sign a correction of a declared base as the second person (high risk)',
  'registry.import': '批量导入 import registry files',
  'registry.self_paying.register': '个人缴费登记 register flexible workers and the self-employed who pay their own contributions, change their base level',
  // 个人信息保护法 第五十一条: lists show ID and phone numbers masked; the full numbers on a person's record, each view audited
  'personal.full.read': '查看完整身份信息 full ID and phone numbers on a person\'s record (each view audited)',
  // collection (征缴)
  'billing.read': '缴费核定查看 bills and billing runs',
  'billing.run': '缴费核定 run the monthly billing',
  'billing.reassess.request': '补缴/冲减申请 request a reassessment of a month',
  'billing.reassess.review': '补缴/冲减复核 review a reassessment',
  'billing.reassess.approve': '补缴/冲减审批 approve a reassessment',
  'payment.read': '缴费到账查看 payments',
  'payment.record': '到账登记 record payments and import bank collection files',
  'payment.reverse.request': '冲正申请 request a payment reversal',
  'payment.reverse.review': '冲正复核 review a payment reversal',
  'payment.reverse.approve': '冲正审批 approve a payment reversal',
  'payment.refund.request': '退费申请 ask for the refund of an employer\'s credit (overpayment)',
  'payment.refund.review': '退费复核 review a refund',
  'payment.refund.approve': '退费审批 approve a refund',
  'arrears.read': '欠费查看 arrears and dunning',
  'dunning.issue': '催缴 issue dunning notices, record their delivery, request instalments and late-fee waivers',
  'dunning.relief.review': '分期缴纳/滞纳金减免复核 review an instalment agreement or a late-fee waiver',
  'dunning.relief.approve': '分期缴纳/滞纳金减免审批 approve an instalment agreement or a late-fee waiver',
  'certificate.issue': '参保证明开具 issue participation certificates and personal rights records',
  'kpi.read': '征缴指标 collection indicators',
  'accounts.read': '个人账户查看 individual accounts',
  'accounts.interest.run': '个人账户计息 year-end interest',
  'employment.request.submit': '单位网上申报 an employer asks for a hire or separation',
  'employment.request.review': '网上申报审核 review an employer\'s hire or separation',
  'portal.employer': '单位网厅 the employer portal',
  'portal.person': '个人网厅 the insured person portal',
  // ledger (基金财务)
  'ledger.read': '基金账务查看 funds, trial balance, entries, statements',
  'ledger.entry.draft': '凭证录入 draft a manual entry or a reversal',
  'ledger.entry.approve': '凭证审核 approve a manual entry or a reversal',
  'ledger.bank.import': '银行对账单导入 import bank statements',
  'ledger.bank.match': '银行对账 match and unmatch',
  'ledger.bank.account.set': '银行账号设置 set a fund bank account number',
  'ledger.sweep': '收入户归集 sweep the income account',
  'period.close': '期末结账 close a month',
  'period.reopen.request': '反结账申请 request a reopen',
  'period.reopen.approve': '反结账审批 approve a reopen',
  // budget (预算编制、审核、批复)
  'budget.read': '预算查看 budget versions, their tables, comments and differences',
  'budget.draft': '预算编制 create a budget version from the draft or by aggregating the regions below, adjust its lines and targets, submit it',
  'budget.review': '预算审核 review a submitted budget version, return it with comments per line',
  'budget.approve': '预算批复 approve a budget version (then immutable)',
  'budget.scenario': '精算情景维护 save a pension pool\'s own projection scenarios (named sets of assumptions) and archive them',
  // benefits (待遇)
  'benefits.read': '待遇查看 pension and unemployment quotes, awards and payrolls',
  'pension.award.request': '养老金待遇核定申请 submit a pension award from a quote',
  'pension.award.review': '养老金待遇核定复核 review a pension award',
  'pension.award.approve': '养老金待遇核定审批 approve a pension award',
  'pension.award.status': '养老金恢复发放、终止发放和发放账户变更 resume a suspended pension or stop one, from a month, with a reason; ask to pay it into another account (signed off)',
  'payroll.run': '养老金发放计算 run the monthly pension payroll (the 经办 step of its sign-off)',
  'payroll.review': '养老金发放复核 review a monthly pension payroll',
  'payroll.approve': '养老金发放审批 approve a monthly pension payroll',
  'payroll.bank': '银行代发 write the bank payment file and import the bank\'s result file',
  'fund.transfer.request': '用款申请 ask finance to move money from the 财政专户 to the 支出户',
  'fund.transfer.approve': '用款审核 approve a transfer from the 财政专户 to the 支出户',
  'pension.death.import': '死亡信息比对导入 import the death registry: suspend pensions, open recoveries, record survivors\' grants',
  'pension.recovery.record': '待遇追回登记 record money recovered on an overpaid benefit (for 复核 and 审批)',
  'pension.adjustment.request': '养老金调整申请 preview and submit the annual pension adjustment of a region',
  'pension.adjustment.review': '养老金调整复核 review an annual pension adjustment',
  'pension.adjustment.approve': '养老金调整审批 approve an annual pension adjustment',
  'benefit.payment.request': '一次性待遇支付申请 order a one-off benefit payment (the survivors\' funeral grant and survivor pension) to a payee\'s bank account',
  'benefit.payment.review': '一次性待遇支付、待遇追回到账复核 review a one-off benefit payment order or money recovered on an overpaid benefit',
  'benefit.payment.approve': '一次性待遇支付、待遇追回到账审批 approve a one-off benefit payment order (open overpayments offset, the rest funded) or money recovered (recorded and posted)',
  'benefit.claim.request': '待遇申领受理 submit an unemployment, work injury or maternity claim; stop an unemployment benefit with a reason',
  'benefit.claim.review': '待遇申领复核 review an unemployment, work injury or maternity claim',
  'benefit.claim.approve': '待遇申领审批 approve an unemployment, work injury or maternity claim',
  'benefit.claim.run': '失业保险金月度处理 the month\'s automatic stops and the medical contributions the unemployment fund pays',
  // medical settlement (医保结算)
  'medical.read': '医保结算查看 designated institutions\' settlements, year-end settlement previews',
  'medical.manage': '定点医药机构管理 register designated institutions, import their quotas and monthly settlement data',
  'medical.settle': '医保结算经办 run the monthly pre-allocation and the year-end settlement, pay them, record repayments',
  'medical.review': '医保结算复核 review a monthly pre-allocation or a year-end settlement',
  'medical.approve': '医保结算审批 approve a monthly pre-allocation or a year-end settlement',
  // inspections (稽核)
  'supervision.read': '稽核疑点查看 the detection rules\' findings with their evidence',
  'supervision.import': '稽核比对数据导入 import tax-declared wages and medical claim details for inspection',
  'supervision.run': '稽核规则运行 run the detection rules (a job) that replace their open findings',
  'supervision.case': '稽核案件经办 open a case from findings or by hand, submit its conclusion, record recoveries, close it',
  'supervision.case.review': '稽核案件复核 review the opening or the conclusion of a case',
  'supervision.case.approve': '稽核案件审批 approve the opening or the conclusion of a case',
  'supervision.evaluate': '绩效考核指标录入 enter the value of an evaluation indicator the records cannot show, with its evidence',
  // budget execution (预算执行、基金运行预警、信息公开)
  'execution.read': '预算执行查看 budget against actual live from the ledger, early-warning alerts',
  'alerts.manage': '预警处理 acknowledge and resolve early-warning alerts, evaluate the rules now',
  'report.publish': '基金收支情况公开 submit and approve the publication of fund income and expenditure',
  'execution.duty.manage': '岗位责任分配 assign the staff responsible for a region\'s fund execution (the focus list names them; new alerts are theirs)',
  'notifications.manage': '预警推送管理 register webhook endpoints for alert events and the monthly analysis, read their deliveries (a setting of the installation)',
  // sign-off (待办)
  'approvals.read': '待办查看 the sign-off inbox',
  // jobs (后台作业)
  'jobs.read': '后台作业查看 long jobs and their progress',
  'jobs.retry': '后台作业重试 retry a failed job (also needs the permission of its kind)',
} as const;

export type Permission = keyof typeof permissionDescriptions;
export const permissions = Object.keys(permissionDescriptions) as Permission[];

const reads: Permission[] = ['settings.read', 'registry.read', 'billing.read', 'payment.read', 'arrears.read', 'kpi.read', 'accounts.read', 'ledger.read', 'benefits.read', 'medical.read', 'budget.read', 'execution.read', 'approvals.read', 'jobs.read'];

/** The matrix: role → permissions. */
export const permissionMatrix: Record<Role, readonly Permission[]> = {
  operator: [
    ...reads, 'audit.read',
    'registry.employer.create', 'registry.person.create', 'registry.employment.write', 'registry.base.declare', 'registry.base.confirm', 'registry.import', 'registry.self_paying.register', 'personal.full.read',
    'billing.run', 'billing.reassess.request', 'payment.record', 'payment.reverse.request', 'payment.refund.request', 'employment.request.review', 'dunning.issue', 'certificate.issue',
    'ledger.entry.draft', 'ledger.bank.import', 'ledger.bank.match', 'period.reopen.request', 'jobs.retry',
    'pension.award.request', 'pension.award.status', 'payroll.run', 'payroll.bank', 'pension.death.import', 'pension.recovery.record', 'pension.adjustment.request',
    'benefit.payment.request',
    'benefit.claim.request', 'benefit.claim.run', 'fund.transfer.request',
    'medical.manage', 'medical.settle',
    'budget.draft',
  ],
  reviewer: [
    ...reads, 'audit.read',
    'registry.employer.create', 'registry.person.create', 'registry.employment.write', 'registry.base.declare', 'registry.base.confirm', 'registry.base.correction.review', 'registry.import', 'registry.self_paying.register', 'personal.full.read',
    'billing.run', 'billing.reassess.request', 'billing.reassess.review', 'payment.record', 'payment.reverse.request', 'payment.reverse.review', 'payment.refund.request', 'payment.refund.review',
    'employment.request.review', 'params.propose', 'dunning.issue', 'dunning.relief.review', 'certificate.issue',
    'ledger.entry.draft', 'ledger.entry.approve', 'ledger.bank.import', 'ledger.bank.match', 'ledger.bank.account.set', 'ledger.sweep',
    'period.close', 'period.reopen.request', 'jobs.retry',
    'pension.award.request', 'pension.award.review', 'pension.award.status', 'payroll.run', 'payroll.review', 'payroll.bank', 'fund.transfer.request',
    'pension.death.import', 'pension.recovery.record', 'pension.adjustment.request', 'pension.adjustment.review',
    'benefit.payment.request', 'benefit.payment.review',
    'benefit.claim.request', 'benefit.claim.review', 'benefit.claim.run',
    'medical.manage', 'medical.settle', 'medical.review',
    'budget.draft', 'budget.review', 'budget.scenario', 'supervision.case.review',
    'alerts.manage', 'report.publish',
  ],
  approver: [
    ...reads, 'audit.read',
    'registry.employer.create', 'registry.person.create', 'registry.employment.write', 'registry.base.declare', 'registry.base.confirm', 'registry.base.correction.review', 'registry.import', 'registry.self_paying.register', 'personal.full.read',
    'billing.run', 'billing.reassess.request', 'billing.reassess.approve', 'payment.reverse.approve', 'payment.refund.approve',
    'accounts.interest.run', 'params.approve', 'dunning.issue', 'dunning.relief.approve', 'certificate.issue',
    'ledger.entry.draft', 'ledger.entry.approve', 'ledger.bank.account.set', 'ledger.sweep', 'period.close', 'period.reopen.request', 'period.reopen.approve', 'jobs.retry',
    'pension.award.request', 'pension.award.approve', 'pension.award.status', 'payroll.run', 'payroll.approve', 'fund.transfer.request',
    'pension.death.import', 'pension.recovery.record', 'pension.adjustment.request', 'pension.adjustment.approve',
    'benefit.payment.request', 'benefit.payment.approve',
    'benefit.claim.request', 'benefit.claim.approve', 'benefit.claim.run',
    'medical.manage', 'medical.settle', 'medical.approve',
    'budget.draft', 'budget.approve', 'budget.scenario', 'supervision.case.approve',
    // 岗位责任制: the head who signs off assigns who answers for each fund's execution
    'alerts.manage', 'report.publish', 'execution.duty.manage',
  ],
  finance: [
    ...reads, 'audit.read', 'payment.reverse.review', 'accounts.interest.run', 'params.propose',
    'ledger.entry.draft', 'ledger.entry.approve', 'ledger.bank.import', 'ledger.bank.match', 'ledger.bank.account.set', 'ledger.sweep',
    'period.close', 'period.reopen.request', 'jobs.retry',
    'payroll.bank', 'fund.transfer.approve', 'alerts.manage', 'budget.scenario',
  ],
  supervisor: [...reads, 'audit.read', 'audit.verify', 'supervision.read', 'supervision.evaluate', 'alerts.manage'],
  // 稽核: reads every business record in scope and the audit trail, changes none of them; traces a person by the full
  // number; imports the data inspections compare against and runs the detection rules, whose findings are its own.
  // Signs high-risk base corrections as the second person (seed 004 篇7: 稽核审计…协同跟踪高风险业务).
  auditor: [...reads, 'audit.read', 'audit.verify', 'personal.full.read', 'supervision.read', 'supervision.import', 'supervision.run', 'supervision.case', 'supervision.evaluate', 'registry.base.correction.review'],
  security_auditor: ['audit.read', 'audit.verify', 'auth.log.read'],
  // The administrator also registers employers and persons and reads bills: a new installation is set up by its
  // administrator before any agency staff exists (see docs/decisions.md). No money moves under this role.
  admin: ['user.manage', 'region.manage', 'agency.manage', 'settings.read', 'registry.read', 'registry.employer.create', 'registry.person.create', 'billing.read', 'notifications.manage'],
  // An employer account reads its own bills, payments and arrears through routes open to `portal.employer` (the
  // services bind it to its employer); the staff permissions (billing runs, dunning lists …) are not its.
  employer: ['portal.employer', 'employment.request.submit', 'registry.base.declare'],
  person: ['portal.person', 'registry.base.confirm'],
  system: [],
};

export interface PermissionHolder { role: Role; grants?: readonly Permission[] }

/** Does the actor hold the permission? System actors hold exactly the grants of their command. */
export function can(actor: PermissionHolder, permission: Permission): boolean {
  if (actor.role === 'system') return actor.grants?.includes(permission) ?? false;
  return permissionMatrix[actor.role]?.includes(permission) ?? false;
}

export function permissionsOf(actor: PermissionHolder): Permission[] {
  return actor.role === 'system' ? [...(actor.grants ?? [])] : [...permissionMatrix[actor.role]];
}

export const isPermission = (name: string): name is Permission => Object.hasOwn(permissionDescriptions, name);

/** Does the actor hold at least one of the permissions (a route open to staff with one permission and to a portal user)? */
export function canAny(actor: PermissionHolder, any: readonly Permission[]): boolean {
  return any.some((permission) => can(actor, permission));
}

const said = defineMessages('access', {
  needsPermission: ['无权执行此操作：需要权限“{zhNames}”（{permissions}）', 'this action needs the permission {permissions} ({enNames})'],
});

/** The refusal naming the permissions, by their Chinese and English names (permissionDescriptions: '用户管理 create …'). */
function needs(any: readonly Permission[]) {
  const [zhNames, enNames] = [0, 1].map((part) => any.map((permission) => {
    const description = permissionDescriptions[permission];
    const space = description.indexOf(' ');
    return part === 0 ? description.slice(0, space) : description.slice(space + 1);
  }).join(part === 0 ? '”或“' : ' / '));
  return forbidden(said.needsPermission({ permissions: any.join(' or '), zhNames, enNames }));
}

/** Refuses an actor without any of the permissions (403 naming them). */
export function requireAnyPermission<A extends PermissionHolder>(actor: A, any: readonly Permission[]): A {
  if (!canAny(actor, any)) throw needs(any);
  return actor;
}

/** Refuses an actor without the permission (403 naming it). Routes check their declared permission before the
 * handler runs; services call this too when one function serves several callers (CLI, routes, other modules). */
export function requirePermission<A extends PermissionHolder>(actor: A, permission: Permission): A {
  if (!can(actor, permission)) throw needs([permission]);
  return actor;
}
