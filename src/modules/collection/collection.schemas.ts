/** Answers of the collection routes (billing, bills, payments, arrears, KPIs, individual accounts). TypeBox only. */
import { Type } from '@sinclair/typebox';
import { DateOnly, IdText, Money, Month, Nullable, RateText, Timestamp } from '../../platform/http/schemas.ts';
import { ImportAnswer } from '../../platform/imports/imports.schemas.ts';
import { ListAnswer } from '../../platform/http/lists.schemas.ts';
import { billSettlementFields, itemSettlementFields } from './billing/bill-status.schemas.ts';

// ── billing and bills ──

export const BillingSummary = Type.Object({
  period: Month, region: Type.String(), employers: Type.Integer(), persons: Type.Integer(), lines: Type.Integer(),
  totals: Type.Record(Type.String(), Type.Object({ employer: Money, employee: Money }), { description: 'per insurance' }),
  total: Money,
});

export const BillLine = Type.Object({
  personId: IdText, idNumber: Type.String(), name: Type.String(), insurance: Type.String(), base: Money,
  baseSource: Type.Union([Type.Literal('declared'), Type.Literal('assessed')], { description: 'declared 申报 for the period\'s year; assessed 核定 (社会保险法 第六十二条): none declared, 110% of the last declared base, or the average wage' }),
  baseSourceName: Type.String({ description: '申报 or 核定' }),
  employerRate: RateText, employeeRate: Nullable(RateText), employerAmount: Money, employeeAmount: Nullable(Money), parameterRefs: Type.Array(Type.String()),
});
export const BillItem = Type.Object({ insurance: Type.String(), fund: Type.String(), fundName: Type.String({ description: 'the fund\'s name (its code when the fund is outside the viewer\'s scope)' }), employerAmount: Money, employeeAmount: Money, total: Money, ...itemSettlementFields });
/** 缴费通知单; `lines` unless the list asked for none. */
export const Bill = Type.Object({
  number: Type.String(), kind: Type.String(), creditCode: Type.String(), employerName: Type.String(), employerId: IdText, regionCode: Type.String(), period: Month,
  dueDate: DateOnly, persons: Type.Integer(), lineCount: Type.Integer(), total: Money,
  assessedPersons: Type.Integer({ description: 'persons whose base was assessed (核定), not declared' }), issuedAt: Timestamp, items: Type.Array(BillItem),
  lines: Type.Optional(Type.Array(BillLine)), ...billSettlementFields,
});
/** A page of bills: the list answer with its rows under `bills` (the key the API has had since the collection issue). */
const { items: _billItems, ...listCount } = ListAnswer(Bill).properties;
export const BillList = Type.Object({ bills: Type.Array(Bill), ...listCount });
// ── payments ──

export const RecordedPayment = Type.Object({
  id: IdText, creditCode: Type.String(), employerName: Type.String(), date: DateOnly, amount: Money, reference: Nullable(Type.String()), allocated: Money, credit: Money,
});
export const Payment = Type.Object({
  id: IdText, creditCode: Type.String(), employerName: Type.String(), date: DateOnly, amount: Money, reference: Nullable(Type.String()), source: Type.String(),
  transactionId: Nullable(Type.String({ description: '交易流水号: the bank\'s transaction number, when the collection file gave one' })),
  allocated: Money, credit: Money,
  allocations: Type.Array(Type.Object({ billNumber: Type.String(), period: Month, insurance: Type.String(), part: Type.String(), amount: Money })),
  reversed: Nullable(Type.Object({ date: DateOnly, reason: Type.String(), by: Type.String() })),
  reversalRequest: Nullable(Type.Object({ approvalItemId: IdText, status: Type.String() })),
});
/** A page of payments (lists.ts) and what every matching payment adds up to. */
export const PaymentList = Type.Composite([ListAnswer(Payment), Type.Object({
  amountTotal: Type.Union([Money, Type.Null()], { description: 'the sum of every matching payment; null when more than 10,000 match (totalCapped)' }),
})]);

// ── arrears and KPIs ──

const AgeBucket = Type.String({ description: '1-30, 31-90, 91-180, 181-365 or >365 days overdue' });
export const Ageing = Type.Object({ bucket: AgeBucket, employers: Type.Integer(), principal: Money });
export const EmployerArrears = Type.Object({
  creditCode: Type.String(), employerName: Type.String(), asOf: DateOnly, principal: Money, lateFee: Money,
  periods: Type.Array(Type.Object({ period: Month, principal: Money, dueDate: DateOnly, daysOverdue: Type.Integer(), lateFee: Money })),
});
/** 催缴清单 */
export const DunningList = Type.Object({
  asOf: DateOnly, regionCode: Type.String(),
  items: Type.Array(Type.Object({
    creditCode: Type.String(), employerName: Type.String(), regionCode: Type.String(), principal: Money, lateFee: Money,
    oldestPeriod: Month, daysOverdue: Type.Integer(), bucket: AgeBucket,
  })),
  total: Type.Integer({ description: 'every employer in arrears on asOf (the exact count; the page holds limit of them from offset)' }),
  totalCapped: Type.Boolean({ description: 'always false: the dunning list counts every employer' }),
  buckets: Type.Array(Ageing),
});
/** 征缴指标 */
export const CollectionKpis = Type.Object({
  from: Month, to: Month, regionCode: Type.String(), asOf: DateOnly,
  months: Type.Array(Type.Object({ period: Month, billed: Money, paid: Money, collectionRate: Nullable(RateText), paidOnTime: Money, onTimeRate: Nullable(RateText) })),
  regions: Type.Array(Type.Object({ regionCode: Type.String(), regionName: Type.String(), billed: Money, paid: Money, collectionRate: Nullable(RateText) })),
  arrearsByAge: Type.Array(Ageing),
});

// ── individual accounts ──

/** 个人账户对账单 */
export const AccountStatement = Type.Object({
  personId: IdText, idNumber: Type.String(), name: Type.String(), year: Type.Integer(), opening: Money,
  credits: Type.Array(Type.Object({ kind: Type.String(), period: Nullable(Month), amount: Money, billNumber: Nullable(Type.String()), employerName: Nullable(Type.String()) })),
  creditsTotal: Money, interest: Money, rate: Nullable(RateText), closing: Money,
});
/** 缴费记录 */
export const ContributionRecord = Type.Object({
  items: Type.Array(Type.Object({
    period: Month, employerName: Type.String(), creditCode: Type.String(), billNumber: Type.String(), insurance: Type.String(), base: Money,
    employeeAmount: Nullable(Money), employerAmount: Money, paid: Type.Boolean(),
  })),
});

// ── the bank's collection file (payments import) ──

const EmployerTotals = Type.Object({
  creditCode: Type.String(), name: Type.String(), payments: Type.Integer(), amount: Money, allocated: Money, credit: Money,
});

/** A collection file previewed: what confirming it would record and allocate, per employer and in total. */
export const CollectionImportPreview = ImportAnswer({
  fileName: Type.String(), rows: Type.Integer(), toRecord: Type.Integer(), alreadyRecorded: Type.Integer(),
  amount: Money, allocated: Money, credit: Money, employers: Type.Array(EmployerTotals),
});

/** A collection file applied (or applied before: alreadyImported, its first answer). */
export const CollectionImportResult = ImportAnswer({
  fileName: Type.String(), rows: Type.Integer(), recorded: Type.Integer(), alreadyRecorded: Type.Integer(), amount: Money, allocated: Money, credit: Money,
});
