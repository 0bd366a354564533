/** The medical module's request and answer shapes (TypeBox): the OpenAPI description and the web's types. */
import { Type } from '@sinclair/typebox';
import { Money, Nullable, RateText, RegionCode, Year, Yuan } from '../../platform/http/schemas.ts';

const Strict = { additionalProperties: false } as const;
/** A share as exact decimal text ("0.3"); its range is checked with the rest of the input (year-end.input.ts). */
const Share = Type.String({ pattern: '^[0-9]{1,6}(\\.[0-9]{1,12})?$', maxLength: 19, description: 'exact decimal share, e.g. "0.3"' });

const OverrunBand = Type.Object({
  upToShareOfQuota: Share, fundShare: Share,
}, { ...Strict, description: '超支分担分段: an overrun up to this share of the quota is paid at fundShare (bands ascending; beyond the last, nothing)' });

export const YearEndPreviewBody = Type.Object({
  rules: Type.Optional(Type.Object({
    savingRewardShare: Share,
    savingRewardCapShareOfQuota: Type.Optional(Nullable(Share)),
    overrunBands: Type.Optional(Type.Array(OverrunBand, { maxItems: 20 })),
  }, { ...Strict, description: '清算规则; without it, the rule set of `region` for `year` (params medical.year_end_settlement)' })),
  region: Type.Optional(RegionCode),
  year: Type.Optional(Year),
  institutions: Type.Array(Type.Object({
    code: Type.String({ minLength: 1, maxLength: 40 }), quota: Yuan, actual: Yuan, prepaid: Yuan,
  }, Strict), { minItems: 1, maxItems: 10_000 }),
}, Strict);

export const YearEndSettlement = Type.Object({
  rules: Type.Object({
    savingRewardShare: RateText,
    savingRewardCapShareOfQuota: Nullable(RateText),
    overrunBands: Type.Array(Type.Object({ upToShareOfQuota: RateText, fundShare: RateText })),
    reference: Nullable(Type.String({ description: 'the regional parameter\'s legal source; null when the rules were given' })),
  }),
  institutions: Type.Array(Type.Object({
    code: Type.String(),
    quota: Money, actual: Money,
    allowed: Type.String({ description: 'yuan: what the fund accepts for the year' }),
    prepaid: Money,
    settlement: Type.String({ description: 'yuan: allowed − prepaid, paid when positive, recovered when negative' }),
    savingReward: Money, overrunPaid: Money,
  })),
});

// ── designated institutions: imports, pre-allocation, year-end settlement, indicators, DIP projection ──

const ImportAnswerFields = { importId: Type.String(), sha256: Type.String(), alreadyImported: Type.Boolean({ description: 'the same file was applied before: its first result, nothing changed' }) };
export const InstitutionImportAnswer = Type.Object({ ...ImportAnswerFields, institutions: Type.Integer() });
export const QuotaImportAnswer = Type.Object({ ...ImportAnswerFields, quotas: Type.Integer(), total: Money });
export const SettlementImportAnswer = Type.Object({ ...ImportAnswerFields, rows: Type.Integer(), institutionMonths: Type.Integer(), totalCost: Money, fundPayable: Money });

export const PrepaymentRun = Type.Object({
  region: Type.String({ description: 'the medical pooling region' }), fund: Type.String(), month: Type.String(),
  status: Type.String({ description: 'computing → submitted (in sign-off) → approved (funded) → paid' }),
  institutions: Type.Integer(), total: Money, approvalItemId: Nullable(Type.String()), paidOn: Nullable(Type.String()),
  lines: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String(), annualQuota: Money, reserveShare: RateText, amount: Money })),
});

export const YearEndRun = Type.Object({
  region: Type.String(), fund: Type.String(), year: Type.Integer(),
  status: Type.String({ description: 'submitted (in sign-off) → approved (funded, recoveries booked) → paid' }),
  approvalItemId: Nullable(Type.String()), paidOn: Nullable(Type.String()),
  rules: Type.Unknown({ description: 'the rule set applied, with its parameter reference, and the factors per credit grade with theirs; method (total_budget or dip) and, by DIP, dip: {fund, reimbursementRatio, totalPoints, pointValue, historyFrom, historyTo, reference}' }),
  totals: Type.Object({ quota: Money, actual: Money, allowed: Money, prepaid: Money, payable: Money, recoverable: Money }),
  institutions: Type.Array(Type.Object({
    code: Type.String(), name: Type.String(), quota: Money, actual: Money, allowed: Money, prepaid: Money,
    settlement: Type.String({ description: 'yuan: allowed − prepaid, paid when positive, recovered when negative' }), savingReward: Money, overrunPaid: Money,
    creditGrade: Nullable(Type.String({ description: 'the credit grade the line was settled with (medical.year_end_credit_factors); null: none, the region\'s rules unchanged' })),
    status: Type.String({ description: 'pending, paid, recovery_open, recovered or settled' }), repaidOn: Nullable(Type.String()),
    method: Type.Union([Type.Literal('total_budget'), Type.Literal('dip')], { description: 'total_budget: quota against actual by the region\'s rules; dip: a hospital paid for its points at the settlement point value' }),
    points: Nullable(Type.String({ description: 'by DIP: the year\'s points after the abnormal-cost adjustment; null under total budget' })),
  })),
});

const Indicator = Type.Object({ value: Nullable(Type.String()), agreed: Nullable(Type.String()), flagged: Type.Boolean() });
export const IndicatorList = Type.Object({
  region: Type.String(), from: Type.String(), to: Type.String(),
  items: Type.Array(Type.Object({
    code: Type.String(), name: Type.String(), kind: Type.String(), month: Type.String(),
    indicators: Type.Object({ perCaseCost: Indicator, bedDayCost: Indicator, personalBurdenRate: Indicator, visitsPerPerson: Indicator, costGrowth: Indicator }),
    flagged: Type.Array(Type.String()),
  })),
});

export const DipProjection = Type.Object({
  region: Type.String(), year: Type.Integer(), dipFund: Money, reimbursementRatio: RateText, historyFrom: Type.String(), historyTo: Type.String(),
  monthsSettled: Type.Integer(), pointsSoFar: RateText, projectedPoints: RateText,
  pointValue: Type.String({ description: 'yuan per point foreseen at year end' }), low: Type.String(), high: Type.String(),
  monthly: Type.Array(Type.Object({ month: Type.String(), points: RateText, pointValue: Type.String() })),
  groups: Type.Array(Type.Object({ group: Type.String(), cases: Type.Integer(), standardCost: Money, points: RateText })),
  institutions: Type.Array(Type.Object({ code: Type.String(), points: RateText, worth: Money, worthLow: Money, worthHigh: Money })),
});

/** 三级医院、二级医院、一级医院、定点药店. */
export const institutionKindValues = ['hospital_3', 'hospital_2', 'hospital_1', 'pharmacy'] as const;
export const institutionStatusValues = ['active', 'suspended', 'terminated'] as const;

/** 定点医疗机构 with their quotas by year, and 总额预算执行: the year's quota beside what the fund bore month by month. */
export const InstitutionList = Type.Object({
  region: Type.String({ description: 'the medical pooling region' }), year: Type.Integer(),
  items: Type.Array(Type.Object({
    code: Type.String(), name: Type.String(), kind: Type.Union(institutionKindValues.map((k) => Type.Literal(k))), regionCode: Type.String(),
    status: Type.Union(institutionStatusValues.map((s) => Type.Literal(s))),
    quotas: Type.Array(Type.Object({ year: Type.Integer(), annualQuota: Money, reserveShare: RateText }), { description: 'the quota in force of each year' }),
    quota: Nullable(Money), settled: Type.String({ description: 'yuan: Σ fund-payable of the year\'s months settled so far' }),
    monthly: Type.Array(Type.Object({ month: Type.String(), settled: Money })),
  })),
  total: Type.Integer(), totalCapped: Type.Boolean(), nextCursor: Nullable(Type.String()),
});

// ── 总额预算指标分配 (quotas/allocation.service.ts) ──

export const QuotaAllocationBody = Type.Object({
  year: Year,
  region: Type.Optional(RegionCode),
  adjustments: Type.Optional(Type.Array(Type.Object({
    institution: Type.String({ minLength: 1, maxLength: 40, description: 'the institution\'s code' }),
    quota: Yuan,
    reason: Type.String({ minLength: 1, maxLength: 500, description: 'why the quota is set by hand (2 characters at least)' }),
  }, Strict), { maxItems: 10_000, description: 'quotas set by hand: each institution keeps its amount; the rest of its pool goes to the others by their weights' })),
}, Strict);

const BudgetLineName = Type.Union([Type.Literal('inpatient'), Type.Literal('outpatient')]);

export const QuotaAllocation = Type.Object({
  region: Type.String(), fund: Type.String(), year: Type.Integer(),
  budgetVersionId: Type.String({ description: 'the approved budget version allocated' }),
  basis: Nullable(Type.Object({ from: Type.String(), to: Type.String() }, { description: 'the settled months the institutions\' bases read' })),
  rules: Type.Object({
    adjustmentReserve: RateText, levelFactors: Type.Record(Type.String(), RateText), defaultReserveShare: RateText,
    references: Type.Array(Type.String(), { description: 'each parameter applied, with its version and legal source' }),
  }),
  pools: Type.Array(Type.Object({
    line: BudgetLineName, name: Type.String(), budget: Money, reserve: Money, allocable: Money, allocated: Money,
    unallocated: Type.String({ description: 'yuan: what no institution could take (no basis left to weigh)' }),
  })),
  lines: Type.Array(Type.Object({
    code: Type.String(), name: Type.String(), kind: Type.Union(institutionKindValues.map((kind) => Type.Literal(kind))), line: BudgetLineName,
    basis: Money, basisSource: Type.Union([Type.Literal('settled'), Type.Literal('previous_quota'), Type.Literal('none')]), basisMonths: Type.Integer(),
    factor: RateText, proposed: Money, quota: Money, reserveShare: RateText, previousQuota: Nullable(Money), reason: Nullable(Type.String()),
  })),
  total: Money,
  allocation: Nullable(Type.Object({
    id: Type.String(), status: Type.Union([Type.Literal('submitted'), Type.Literal('returned'), Type.Literal('approved'), Type.Literal('cancelled')]),
    approvalItemId: Nullable(Type.String()), createdBy: Type.String(), createdAt: Type.String(),
  })),
});
