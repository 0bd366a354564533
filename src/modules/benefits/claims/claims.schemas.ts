/** API shapes of benefit claims (TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { IdText, Money, Nullable, Period } from '../../../platform/http/schemas.ts';
import { ListAnswer } from '../../../platform/http/lists.schemas.ts';
import { ApprovalItem } from '../../../platform/signoff/signoff.schemas.ts';
import { TraceStep } from '../quote.schemas.ts';
import { PaymentOrder } from '../payroll/payroll.schemas.ts';
import { claimItems } from './claim-amounts.ts';
import { claimKinds, claimStatuses } from './claims.statuses.ts';

const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
export const stopReasonValues = ['reemployment', 'enlistment', 'emigration', 'pension', 'refused_work', 'imprisonment', 'death'] as const;
export const claimViewStatuses = [...claimStatuses, 'returned', 'withdrawn'] as const;

export const ClaimRequestBody = Type.Object({
  kind: literals(claimKinds),
  idNumber: Type.String({ minLength: 15, maxLength: 18 }),
  input: Type.Object({}, {
    additionalProperties: true,
    description: 'unemployment: {registeredOn} (the separation and its reason, the paid months from the record); work_injury: {benefit: disability|death, eventDate, ownWage, '
      + 'grade? (1–10), nursing? (full|large|partial), dependants? [{relation: spouse|other, orphanOrLoneElderly?, birthDate? (YYYY-MM-DD: the pension stops the month after 18), fullyDisabled?}], startPeriod? (YYYY-MM: the first month of the monthly amounts, by default the month after eventDate)}; maternity: {childbirthDate, deliveryType: vaginal|caesarean, babies?}',
  }),
  bankAccount: Type.Optional(Type.String({ maxLength: 40, description: '收款账户: 8 to 40 digits; required for a claim with amounts (every approved amount is paid into it)' })),
  payeeName: Type.Optional(Type.String({ maxLength: 100, description: 'a work-related death only: the relative paid (工伤保险条例 第三十九条); otherwise the claimant is paid' })),
  payeeIdNumber: Type.Optional(Type.String({ maxLength: 18, description: 'a work-related death only: the relative\'s 公民身份号码' })),
}, { additionalProperties: false });

export const ClaimSubmitted = Type.Object({ claimId: IdText, approvalItem: ApprovalItem });

export const Claim = Type.Object({
  id: IdText, idNumber: Type.String(), name: Type.String(), regionCode: Type.String(), kind: literals(claimKinds),
  status: literals(claimViewStatuses), payingInsurance: Type.String(), fund: Nullable(Type.String()), eventDate: Type.String(),
  monthlyAmount: Money, oneOffAmount: Money, months: Nullable(Type.Integer()), firstPeriod: Nullable(Type.String()), lastPeriod: Nullable(Type.String()),
  stopPeriod: Nullable(Type.String()), stopReason: Nullable(Type.String()),
  amounts: Type.Array(Type.Object({ item: literals(claimItems), frequency: literals(['once', 'monthly'] as const), benefitType: Type.String(), amount: Money })),
  approvalItem: IdText, payeeName: Nullable(Type.String()), bankAccount: Nullable(Type.String()),
});
export const ClaimList = ListAnswer(Claim);
const monthlyItems = ['disability_allowance', 'nursing_allowance', 'dependant_pension'] as const;
/** An adjustment of 工伤保险条例 第四十条 a part got: its parameter (path@since/region) and share. */
const AppliedAdjustment = Type.Object({ parameter: Type.String(), share: Type.String({ description: 'decimal, e.g. 0.03' }) });
const MonthPart = Type.Object({ part: Type.String(), item: literals(monthlyItems), amount: Money, adjustments: Type.Array(AppliedAdjustment) });

/** 工伤保险按月待遇: the monthly parts of a work-injury claim with their stops, the month's amounts and trace, the months ordered. */
export const WorkInjuryMonthly = Type.Object({
  startPeriod: Period,
  period: Type.String({ description: 'the month the amounts are shown for: the current month, or the start month before it comes' }),
  parts: Type.Array(Type.Object({
    part: Type.String({ description: 'disability_allowance, nursing_allowance or dependant_pension[i] (the i-th dependant of the claim, from 0)' }),
    item: literals(monthlyItems), dependant: Nullable(Type.Integer()),
    approvedAmount: Money,
    amount: Money, adjustments: Type.Array(AppliedAdjustment), stopPeriod: Nullable(Period), stopCause: Nullable(literals(['operator', 'retirement', 'death', 'age'] as const)), stopReason: Nullable(Type.String()),
  })),
  total: Money,
  trace: Type.Array(TraceStep),
  monthsPaid: Type.Array(Type.Object({ period: Period, amount: Money, parts: Type.Array(MonthPart) })),
});

/** A claim with the input it was submitted with and the trace of its calculation (each step, its figure, formula and source). */
export const ClaimDetail = Type.Composite([Claim, Type.Object({
  input: Type.Object({}, { additionalProperties: true }), trace: Type.Array(TraceStep),
  payments: Type.Array(PaymentOrder, { description: 'the claim\'s payment orders: each amount paid once, each month of unemployment benefit or of a work-injury part (sourcePart)' }),
  workInjuryMonthly: Nullable(WorkInjuryMonthly),
})]);

export const WorkInjuryStopBody = Type.Object({
  part: Type.String({ maxLength: 40, description: 'all, or one part: disability_allowance, nursing_allowance, dependant_pension[i]' }),
  fromPeriod: Period,
  reason: Type.String({ minLength: 2, maxLength: 500, description: '停发原因, e.g. 供养亲属已满18周岁 (工伤保险条例 第三十九条), 拒绝治疗 (第四十二条)' }),
}, { additionalProperties: false });

export const StopBody = Type.Object({ fromPeriod: Period, reason: literals(stopReasonValues) }, { additionalProperties: false });

export const ClaimMonth = Type.Object({
  period: Type.String(), stopped: Type.Integer({ description: 'benefits stopped by a new employment or a pension' }), claimants: Type.Integer(),
  benefits: Money, medicalContributions: Money, entries: Type.Array(IdText, { description: 'the entries posted: the unemployment fund\'s and the medical fund\'s' }),
  paymentOrders: Type.Array(Type.String(), { description: 'the month\'s unemployment benefit orders (DC references), one per claimant, paid by the fund\'s bank file' }),
  workInjury: Type.Object({
    claimants: Type.Integer({ description: 'work-injury claims paid for the month' }), benefits: Money,
    paymentOrders: Type.Array(Type.String(), { description: 'one order per claim, part and month (伤残津贴, 生活护理费, each dependant\'s 抚恤金)' }),
  }),
  transfers: Type.Array(Type.Object({ fund: Type.String(), amount: Money, orders: Type.Integer(), approvalItemId: IdText }),
    { description: 'the month\'s 用款申请: one per fund for what its 支出户 could not pay of the month\'s orders, waiting for finance' }),
});
