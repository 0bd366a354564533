/**
 * The names of what the audit trail records (issue 10: action codes shown by their names), the one list of them:
 * every `action` and `entityType` passed to recordAudit under src/ (audit.messages.test.ts fails on one without a
 * name), in Chinese and English. The list answers carry the names in the request's language, the files in Chinese
 * beside the code, and the web shows what the server says (GET /api/audit/actions for its filter's choices).
 */
import { defineMessages, render, type Language, type MessageCatalog } from '../messages.ts';
import type { AuditRecordView } from './audit.service.ts';

/** 操作: what was done (`auditAction.<code>`). */
const ACTION_NAMES = {
  'auth.login': ['登录', 'Sign-in'],
  'auth.login_failed': ['登录失败', 'Failed sign-in'],
  'auth.lockout': ['账号锁定', 'Account locked'],
  'auth.logout': ['退出登录', 'Sign-out'],
  'auth.password_change': ['修改密码', 'Password changed'],
  'auth.password_change_failed': ['修改密码失败', 'Failed password change'],
  'user.create': ['新建用户', 'User created'],
  'user.enable': ['启用用户', 'User enabled'],
  'user.disable': ['停用用户', 'User disabled'],
  'user.password_reset': ['重置密码', 'Password reset'],
  'region.create': ['新增行政区划', 'Region added'],
  'agency.create': ['新增经办机构', 'Agency added'],
  'employer.create': ['单位参保登记', 'Employer registered'],
  'employer.facts.change': ['单位登记事项变更', 'Employer facts changed'],
  'person.create': ['个人参保登记', 'Person registered'],
  'person.personal_data.reveal': ['查看完整身份信息', 'Full ID and phone viewed'],
  'employment.hire': ['增员', 'Hire'],
  'employment.separate': ['减员', 'Separation'],
  'base.declare': ['缴费基数申报', 'Base declared'],
  'base.correct': ['缴费基数更正', 'Base corrected'],
  'base.confirm': ['缴费基数确认', 'Base confirmed'],
  'import.employers': ['导入参保单位', 'Employers imported'],
  'import.persons': ['导入参保人员', 'Persons imported'],
  'import.employments': ['导入就业登记', 'Employments imported'],
  'import.payments': ['导入到账文件', 'Payments imported'],
  'import.tax_collections': ['导入税务征收明细', 'Tax collection file imported'],
  'import.ledger_entries': ['导入记账凭证', 'Entries imported'],
  'import.bank_statement': ['导入银行对账单', 'Bank statement imported'],
  'import.supervision_tax_wages': ['导入稽核比对税务工资数据', 'Tax-declared wages imported for inspection'],
  'import.supervision_claims': ['导入稽核比对医保结算明细', 'Medical claim details imported for inspection'],
  'supervision.rule.run': ['稽核规则运行', 'Detection rule run'],
  'supervision.sample.take': ['稽核抽样', 'Audit sample taken'],
  'supervision.case.open': ['稽核立案', 'Supervision case opened'],
  'supervision.case.conclude': ['稽核结论', 'Supervision case concluded'],
  'supervision.case.recovery': ['稽核追回到账', 'Supervision case recovery received'],
  'supervision.case.close': ['稽核结案', 'Supervision case closed'],
  'supervision.case.withdraw': ['稽核立案撤回', 'Supervision case opening withdrawn'],
  'billing.run.complete': ['缴费核定完成', 'Billing run completed'],
  'billing.self_paying.complete': ['个人缴费核定完成', 'Self-paying billing run completed'],
  'demo.medical_institutions': ['生成演示定点医疗机构', 'Demo medical institutions loaded'],
  'demo.pensioners': ['生成演示退休人员', 'Demo pensioners loaded'],
  'demo.history': ['演示数据历史月份按业务日运行', 'Demo history months run through the services'],
  'fund.transfer': ['用款拨付（财政专户→支出户）', 'Funds transferred (special to expense account)'],
  'benefit.payment_order.queue': ['提交一次性待遇支付', 'One-off benefit payment ordered'],
  'benefit.payment_order.approve': ['一次性待遇支付审批（抵扣多发待遇、申请用款）', 'One-off benefit payment approved (overpayments offset, funds requested)'],
  'benefit.payment_order.authorised': ['依已审批的待遇核定生成支付单（抵扣多发待遇、申请用款）', 'Benefit payment ordered on its signed-off decision (overpayments offset, funds requested)'],
  'benefits.claim.approve': ['失业、工伤、生育待遇核定', 'Benefit claim approved'],
  'benefits.claim.stop': ['失业保险金停发', 'Unemployment benefit stopped'],
  'benefits.claim.month': ['失业保险金月度处理（停发、生成支付单、代缴医疗保险费）', 'Unemployment month processed (stops, payment orders, medical contributions)'],
  'medical.prepayment.compute': ['医保月度预拨计算', 'Medical monthly pre-allocation computed'],
  'medical.prepayment.fund': ['医保月度预拨资金拨付', 'Medical pre-allocation funded'],
  'medical.prepayment.pay': ['医保月度预拨支付', 'Medical pre-allocation paid'],
  'medical.year_end.approve': ['医保年终清算审批', 'Medical year-end settlement approved'],
  'medical.year_end.pay': ['医保年终清算支付', 'Medical year-end settlement paid'],
  'medical.year_end.repayment': ['医保年终清算追回款到账', 'Medical year-end recovery repaid'],
  'medical.year_end.settle': ['医保年终清算计算', 'Medical year-end settlement computed'],
  'payroll.bank_file': ['生成待遇银行代发文件', 'Benefit bank file written'],
  'payroll.bank_result': ['导入养老金回盘文件', 'Payroll bank result imported'],
  'payroll.compute': ['养老金发放计算', 'Pension payroll computed'],
  'payroll.fund': ['养老金发放由支出户结余支付（无需用款申请）', 'Pension payroll paid from the expense account balance (no transfer request)'],
  'budget.version.create': ['编制预算版本', 'Budget version drafted'],
  'budget.version.aggregate': ['汇总预算版本', 'Budget version aggregated'],
  'budget.version.adjust': ['调整预算项目', 'Budget line adjusted'],
  'budget.version.target': ['设定绩效目标', 'Performance target set'],
  'budget.version.submit': ['报送预算版本', 'Budget version submitted'],
  'budget.version.return': ['退回预算版本', 'Budget version returned'],
  'budget.version.withdraw': ['撤回预算版本', 'Budget version withdrawn'],
  'budget.version.approve': ['批复预算版本', 'Budget version approved'],
  'budget.adjustment.request': ['报送预算调整方案', 'Budget adjustment requested'],
  'budget.adjustment.return': ['退回预算调整方案', 'Budget adjustment returned'],
  'budget.adjustment.resubmit': ['重新报送预算调整方案', 'Budget adjustment resubmitted'],
  'budget.adjustment.cancel': ['撤回预算调整方案', 'Budget adjustment withdrawn'],
  'budget.adjustment.approve': ['批准预算调整（生成新预算版本）', 'Budget adjustment approved (a new budget version)'],
  'execution.alert.raise': ['发出基金运行预警', 'Early-warning alert raised'],
  'execution.alert.severity': ['预警等级变更', 'Alert severity changed'],
  'execution.alert.auto_resolve': ['预警自动解除', 'Alert auto-resolved'],
  'execution.alert.acknowledge': ['确认预警', 'Alert acknowledged'],
  'execution.alert.resolve': ['办结预警', 'Alert resolved'],
  'execution.report.publish': ['公开基金收支情况', 'Fund report published'],
  'execution.indicator.warn': ['预算指标超支预警', 'Budget indicator overrun warned'],
  'execution.allocation.propose': ['报送分月用款计划', 'Monthly allocation plan proposed'],
  'execution.allocation.approve': ['批准分月用款计划', 'Monthly allocation plan approved'],
  'execution.duty.assign': ['指定基金执行责任人', 'Responsible staff assigned'],
  'pension.adjustment.apply': ['养老金调整生效', 'Pension adjustment applied'],
  'pension.adjustment.submit': ['提交养老金调整', 'Pension adjustment submitted'],
  'pension.award': ['养老金待遇核定', 'Pension awarded'],
  'pension.award.resume': ['恢复发放养老金', 'Pension resumed'],
  'pension.award.stop': ['终止发放养老金', 'Pension stopped'],
  'pension.death': ['死亡信息比对停发', 'Death recorded, pension suspended'],
  'pension.extension.grant': ['批准延长缴费', 'Contribution extension granted'],
  'pension.overpayment.recovery': ['待遇追回到账', 'Overpaid benefit recovered'],
  'registry.self_paying.change': ['个人缴费登记变更', 'Self-paying registration changed'],
  'registry.self_paying.register': ['个人缴费登记', 'Self-paying contributor registered'],
  'billing.supplementary': ['补收核定', 'Supplementary bill'],
  'billing.credit_note': ['冲减核定', 'Credit note'],
  'payment.record': ['登记到账', 'Payment recorded'],
  'payment.import': ['到账文件入账', 'Payment file booked'],
  'payment.reverse': ['到账冲正', 'Payment reversed'],
  'payment.credit.apply': ['预缴款抵缴', 'Credit applied'],
  'payment.refund': ['退费', 'Refund paid'],
  'payment.credit.release': ['冲减已缴转暂收款', 'Overpayment released to credit'],
  'dunning.notice.issue': ['开具催缴文书', 'Dunning notice issued'],
  'dunning.notice.deliver': ['登记催缴文书送达', 'Dunning notice delivery recorded'],
  'dunning.instalment.approve': ['分期缴纳协议生效', 'Instalment agreement approved'],
  'dunning.waiver.approve': ['滞纳金减免生效', 'Late-fee waiver approved'],
  'certificate.issue': ['出具参保证明/权益记录单', 'Certificate issued'],
  'accounts.interest.run': ['个人账户年度计息', 'Annual account interest'],
  'portal.request.hire': ['网厅增员申请', 'Portal hire request'],
  'portal.request.separate': ['网厅减员申请', 'Portal separation request'],
  'ledger.fund.create': ['新建基金账套', 'Fund created'],
  'ledger.accounts.add': ['增设会计科目', 'Accounts added'],
  'ledger.account.bank_number': ['设置银行账号', 'Bank account number set'],
  'ledger.entries.post': ['凭证记账', 'Entries posted'],
  'ledger.import': ['凭证导入记账', 'Entries imported and posted'],
  'ledger.bank_statement.import': ['登记银行对账单', 'Bank statement recorded'],
  'ledger.bank_match.auto': ['自动对账', 'Automatic bank matching'],
  'ledger.bank_match.manual': ['手工对账', 'Manual bank match'],
  'ledger.bank_match.undo': ['撤销对账', 'Bank match undone'],
  'ledger.period.close': ['期末结账', 'Period closed'],
  'ledger.period.reopen': ['反结账', 'Period reopened'],
  'params.regional_value.approve': ['地区参数审批生效', 'Regional parameter value approved'],
  'params.regional_value.set': ['系统设置地区参数', 'Regional parameter value set by the system'],
  'signoff.submit': ['提交审核', 'Submitted for sign-off'],
  'signoff.approve': ['审核通过', 'Approved'],
  'signoff.return': ['退回', 'Returned'],
  'signoff.resubmit': ['重新提交', 'Resubmitted'],
  'signoff.cancel': ['撤回', 'Withdrawn'],
  'job.create': ['创建作业', 'Job created'],
  'job.retry': ['重试作业', 'Job retried'],
  'demo.generate': ['生成演示数据', 'Demo data generated'],
  // the record that closed the unkeyed part of the trail when keying arrived (migration 0010, sealUnkeyedTrail)
  'audit.keyed': ['审计日志启用密钥签名', 'Audit trail keyed'],
} as const satisfies MessageCatalog;

/** 对象类型: what a record is about (`auditEntity.<type>`). */
const ENTITY_TYPE_NAMES = {
  user: ['用户', 'User'],
  benefit_overpayment: ['待遇追回', 'Benefit overpayment'],
  benefit_payment_order: ['一次性待遇支付单', 'Benefit payment order'],
  benefit_claim: ['待遇申领', 'Benefit claim'],
  benefit_claim_month: ['失业保险金月度处理', 'Unemployment benefit month'],
  death_record: ['死亡信息', 'Death record'],
  fund_transfer_request: ['用款申请', 'Fund transfer request'],
  medical_prepayment_run: ['医保月度预拨', 'Medical pre-allocation run'],
  medical_year_end_run: ['医保年终清算', 'Medical year-end run'],
  medical_year_end_settlement: ['医保年终清算结果', 'Medical year-end settlement'],
  payroll_batch: ['养老金发放批次', 'Payroll batch'],
  payroll_period: ['养老金发放月份', 'Payroll month'],
  pension_adjustment_run: ['养老金调整', 'Pension adjustment run'],
  budget_version: ['社会保险基金预算版本', 'Budget version'],
  budget_adjustment: ['社会保险基金预算调整', 'Budget adjustment'],
  execution_alert: ['基金运行预警', 'Early-warning alert'],
  duty_assignment: ['岗位责任', 'Duty assignment'],
  published_report: ['公开报告', 'Published report'],
  allocation_plan: ['分月用款计划', 'Monthly allocation plan'],
  pension_award: ['养老金待遇', 'Pension award'],
  region: ['行政区划', 'Region'],
  agency: ['经办机构', 'Agency'],
  employer: ['参保单位', 'Employer'],
  person: ['参保人员', 'Person'],
  employment_request: ['网厅申请', 'Portal request'],
  import: ['导入批次', 'Import'],
  bill: ['核定单', 'Bill'],
  payment: ['到账记录', 'Payment'],
  payment_file: ['到账文件', 'Payment file'],
  dunning_notice: ['催缴文书', 'Dunning notice'],
  instalment_agreement: ['分期缴纳协议', 'Instalment agreement'],
  late_fee_waiver: ['滞纳金减免', 'Late-fee waiver'],
  certificate: ['参保证明/权益记录单', 'Certificate'],
  interest_run: ['计息批次', 'Interest run'],
  fund: ['基金账套', 'Fund'],
  fund_account: ['会计科目', 'Fund account'],
  fund_period: ['会计期间', 'Fund period'],
  accounting_entry: ['记账凭证', 'Accounting entry'],
  bank_statement: ['银行对账单', 'Bank statement'],
  bank_match: ['银行对账', 'Bank match'],
  parameter: ['政策参数', 'Parameter'],
  approval_item: ['审核事项', 'Sign-off item'],
  supervision_sample: ['稽核抽样', 'Audit sample'],
  supervision_case: ['稽核案件', 'Supervision case'],
  job: ['作业', 'Job'],
  demo: ['演示数据', 'Demo data'],
  audit_log: ['审计日志', 'Audit trail'],
} as const satisfies MessageCatalog;

const actionSaid = defineMessages('auditAction', ACTION_NAMES);
const entityTypeSaid = defineMessages('auditEntity', ENTITY_TYPE_NAMES);

export const AUDIT_ACTIONS = Object.keys(ACTION_NAMES) as ReadonlyArray<keyof typeof ACTION_NAMES>;
export const AUDIT_ENTITY_TYPES = Object.keys(ENTITY_TYPE_NAMES) as ReadonlyArray<keyof typeof ENTITY_TYPE_NAMES>;

const isAction = (code: string): code is keyof typeof ACTION_NAMES => Object.hasOwn(ACTION_NAMES, code);
const isEntityType = (code: string): code is keyof typeof ENTITY_TYPE_NAMES => Object.hasOwn(ENTITY_TYPE_NAMES, code);

/** An action by its name (auth.login → 登录 / Sign-in); a code without a name (a record older than its name) as it is. */
export const auditActionName = (code: string, language: Language): string => (isAction(code) ? render(actionSaid[code](), language) : code);

/** An entity type by its name (person → 参保人员 / Person); a type without a name as it is. */
export const auditEntityTypeName = (code: string, language: Language): string => (isEntityType(code) ? render(entityTypeSaid[code](), language) : code);

/** A record as the list answers give it: its action and entity type named in the language. */
export const namedAuditRecord = (language: Language) => (record: AuditRecordView) =>
  ({ ...record, actionName: auditActionName(record.action, language), entityTypeName: auditEntityTypeName(record.entityType, language) });

export type NamedAuditRecord = ReturnType<ReturnType<typeof namedAuditRecord>>;

/** The choices of the audit page's filters: every action and entity type, code and name, in the catalog's order. */
export function auditCodeChoices(language: Language) {
  return {
    actions: AUDIT_ACTIONS.map((code) => ({ code, name: auditActionName(code, language) })),
    entityTypes: AUDIT_ENTITY_TYPES.map((code) => ({ code, name: auditEntityTypeName(code, language) })),
  };
}
