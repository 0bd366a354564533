/**
 * DIP, payment by disease-group points (按病种分值付费, 医保办发〔2020〕50号 [check]; docs/domain.md "Medical settlement
 * with institutions", worked through by hand in docs/medical.md). Pure: costs are bigint fen; points and point values
 * are exact decimals rounded once, half up, to the places the parameters give; money is rounded once to the fen.
 *
 * - Group points: the group's average cost ÷ the average cost of all cases × the scale (100).
 * - Budget point value (start of the year): the prior three years weighted 1:2:7, weighted cost ÷ weighted points.
 * - Case points: a case below 50% of its group's standard (average) cost gets points × cost ÷ standard; above 2×,
 *   points × ((cost ÷ standard − 2) + 1); above 5× it also goes to expert review (专家评议).
 * - Settlement point value (year end): (DIP-payable fund ÷ reimbursement ratio) ÷ Σ(points × cases).
 * - An institution is paid Σ(its points) × settlement point value × reimbursement ratio, less what it was prepaid.
 * - Projection: the year-end point value foreseen from the months settled so far, with its range.
 */
import { divideRounded, parseDecimal, type Decimal } from '../../../platform/money.ts';
import { invalid } from '../../../platform/errors.ts';
import type { ParameterStore } from '../../../platform/params/index.ts';
import { medicalMessages as said } from '../medical.messages.ts';

export interface DipRules {
  /** 分值基准: group points are scaled so that the average case is worth this many points (100 or 1000). */
  pointsScale: number;
  /** Decimal places kept in points and in point values (yuan per point). */
  pointsPlaces: number;
  pointValuePlaces: number;
  /** Weights of the third year before, the second year before and the year before (1:2:7). */
  budgetYearWeights: readonly [number, number, number];
  /** Below this share of the standard cost a case is low-cost (0.5); above these multiples high-cost (2) and for review (5). */
  lowBelowShare: Decimal;
  highAboveMultiple: Decimal;
  reviewAboveMultiple: Decimal;
}

/** The DIP rules in force on a date for a region (params/medical/dip). */
export function dipRulesOn(store: ParameterStore, date: string, region: string | null): DipRules {
  const weights = store.table('medical.dip.budget_year_weights', date, region);
  const places = store.table('medical.dip.decimal_places', date, region);
  const abnormal = store.table('medical.dip.abnormal_cost', date, region);
  const rate = (key: string) => parseDecimal(abnormal[key] as string, `medical.dip.abnormal_cost.${key}`);
  return {
    pointsScale: store.integer('medical.dip.points_scale', date, region),
    pointsPlaces: places.points as number,
    pointValuePlaces: places.point_value as number,
    budgetYearWeights: [weights.third_year_before as number, weights.second_year_before as number, weights.year_before as number],
    lowBelowShare: rate('low_below_share'),
    highAboveMultiple: rate('high_above_multiple'),
    reviewAboveMultiple: rate('review_above_multiple'),
  };
}

const power = (places: number) => 10n ** BigInt(places);
/** numerator ÷ denominator as a decimal with `places` places, rounded once (half up). */
const quotient = (numerator: bigint, denominator: bigint, places: number): Decimal =>
  ({ units: divideRounded(numerator * power(places), denominator), scale: places });
/** Σ of decimals, exact (at the largest scale among them). */
export function sumDecimals(values: readonly Decimal[]): Decimal {
  const scale = Math.max(0, ...values.map((value) => value.scale));
  return { units: values.reduce((sum, value) => sum + value.units * power(scale - value.scale), 0n), scale };
}

// ── group points (病种分值) ──

/** A group's cases in the reference period: how many, and their total cost. */
export interface GroupHistory { group: string; cases: number; totalCost: bigint }
/** A group's points and its standard cost (the group's average cost, rounded to the fen for display). */
export interface GroupPoints extends GroupHistory { standardCost: bigint; points: Decimal }

/** points = (group cost ÷ group cases) ÷ (all cost ÷ all cases) × scale, computed from the totals and rounded once. */
export function groupPoints(history: readonly GroupHistory[], rules: DipRules): GroupPoints[] {
  const allCases = BigInt(history.reduce((sum, group) => sum + group.cases, 0));
  const allCost = history.reduce((sum, group) => sum + group.totalCost, 0n);
  if (allCases === 0n || allCost <= 0n) throw invalid('groups', said.dipNoCost());
  return history.map((group) => {
    if (group.cases <= 0) throw invalid('groups', said.dipGroupWithoutCases({ group: group.group }));
    const cases = BigInt(group.cases);
    return {
      ...group,
      standardCost: divideRounded(group.totalCost, cases),
      points: quotient(group.totalCost * allCases * BigInt(rules.pointsScale), cases * allCost, rules.pointsPlaces),
    };
  });
}

// ── budget point value (预算点值) ──

/** One prior year: the cost the fund settled under DIP and the points it was settled on, Σ(points × cases). */
export interface PriorYear { totalCost: bigint; totalPoints: Decimal }

/**
 * Yuan per point at the start of the year: Σ(weight × cost) ÷ Σ(weight × points) over the third year before, the
 * second year before and the year before (weights 1:2:7). Both sides weighted alike, the sum of the weights cancels.
 */
export function budgetPointValue(years: readonly [PriorYear, PriorYear, PriorYear], rules: DipRules): Decimal {
  const weighted = sumDecimals(years.map((year, index) => ({ units: year.totalPoints.units * BigInt(rules.budgetYearWeights[index]), scale: year.totalPoints.scale })));
  const cost = years.reduce((sum, year, index) => sum + year.totalCost * BigInt(rules.budgetYearWeights[index]), 0n);
  return quotient(cost * power(weighted.scale), 100n * weighted.units, rules.pointValuePlaces);
}

// ── a case's points, with the abnormal-cost adjustment (费用异常病例) ──

export type CostBand = 'low' | 'normal' | 'high' | 'review';
export interface CasePoints { points: Decimal; band: CostBand }

/** The sign of (a/b − c) for a decimal c: exact, without dividing. */
const compareRatio = (numerator: bigint, denominator: bigint, threshold: Decimal) =>
  numerator * power(threshold.scale) - threshold.units * denominator;

/**
 * The points one case earns. Its cost is compared with the group's standard cost (its average, kept exact as
 * totalCost ÷ cases): below 50% the points shrink in proportion, above 2× they grow by the excess over 2 (the
 * formula points × ((ratio − 2) + 1)), above 5× the same and the case is flagged for expert review.
 */
export function casePoints(group: GroupPoints, cost: bigint, rules: DipRules): CasePoints {
  // ratio = cost ÷ standard = cost × cases ÷ totalCost
  const ratioNumerator = cost * BigInt(group.cases);
  const ratioDenominator = group.totalCost;
  const { units, scale } = group.points;
  const places = rules.pointsPlaces;
  if (compareRatio(ratioNumerator, ratioDenominator, rules.lowBelowShare) < 0n) {
    return { points: quotient(units * ratioNumerator, power(scale) * ratioDenominator, places), band: 'low' };
  }
  if (compareRatio(ratioNumerator, ratioDenominator, rules.highAboveMultiple) > 0n) {
    const band = compareRatio(ratioNumerator, ratioDenominator, rules.reviewAboveMultiple) > 0n ? 'review' : 'high';
    // (ratio − 2) + 1 = (ratioNumerator − 2 × ratioDenominator) ÷ ratioDenominator + 1, the 2 being highAboveMultiple
    const high = rules.highAboveMultiple;
    const excessNumerator = ratioNumerator * power(high.scale) - high.units * ratioDenominator + power(high.scale) * ratioDenominator;
    return { points: quotient(units * excessNumerator, power(scale + high.scale) * ratioDenominator, places), band };
  }
  return { points: quotient(units, power(scale), places), band: 'normal' };
}

// ── the year-end settlement (年终清算) ──

/** Cases of one institution in the year: `count` cases of a group at one cost each (count 1 for a single case). */
export interface InstitutionCases { code: string; prepaid: bigint; cases: readonly { group: string; cost: bigint; count: number }[] }

export interface InstitutionDip {
  code: string;
  /** Σ(points × cases) after the abnormal-cost adjustment. */
  points: Decimal;
  /** Σ points × point value × reimbursement ratio, rounded once to the fen. */
  due: bigint;
  prepaid: bigint;
  /** due − prepaid: paid when positive, recovered when negative. */
  payment: bigint;
  /** Cases above the review multiple: their group and cost (each case once, even when counted several times). */
  forReview: { group: string; cost: bigint; count: number }[];
  /** How many cases fell in each cost band. */
  casesByBand: Record<CostBand, number>;
}

/** Yuan per point at year end: (DIP-payable fund ÷ reimbursement ratio) ÷ total points. */
export function settlementPointValue(dipFund: bigint, reimbursementRatio: Decimal, totalPoints: Decimal, rules: DipRules): Decimal {
  if (totalPoints.units <= 0n || reimbursementRatio.units <= 0n) throw invalid('points', said.dipNoPoints());
  // fen ÷ 100 = yuan; ÷ (ratio units ÷ 10^ratio scale); ÷ (points units ÷ 10^points scale)
  return quotient(dipFund * power(reimbursementRatio.scale + totalPoints.scale), 100n * reimbursementRatio.units * totalPoints.units, rules.pointValuePlaces);
}

/** What an institution is due: its points × point value (yuan) × reimbursement ratio, in fen, rounded once. */
export function institutionDue(points: Decimal, pointValue: Decimal, reimbursementRatio: Decimal): bigint {
  return divideRounded(points.units * pointValue.units * reimbursementRatio.units * 100n, power(points.scale + pointValue.scale + reimbursementRatio.scale));
}

/** Settles a year: each institution's points (adjusted), the settlement point value, what each is due and still to be paid. */
export function settleDipYear(input: {
  groups: readonly GroupPoints[]; institutions: readonly InstitutionCases[]; dipFund: bigint; reimbursementRatio: Decimal; rules: DipRules;
}): { totalPoints: Decimal; pointValue: Decimal; institutions: InstitutionDip[] } {
  const byGroup = new Map(input.groups.map((group) => [group.group, group]));
  const counted = input.institutions.map((institution) => {
    const casesByBand: Record<CostBand, number> = { low: 0, normal: 0, high: 0, review: 0 };
    const forReview: InstitutionDip['forReview'] = [];
    const points = sumDecimals(institution.cases.map(({ group, cost, count }) => {
      const standard = byGroup.get(group);
      if (!standard) throw invalid('group', said.dipUnknownGroup({ group }));
      const earned = casePoints(standard, cost, input.rules);
      casesByBand[earned.band] += count;
      if (earned.band === 'review') forReview.push({ group, cost, count });
      return { units: earned.points.units * BigInt(count), scale: earned.points.scale };
    }));
    return { institution, points, casesByBand, forReview };
  });
  const totalPoints = sumDecimals(counted.map((entry) => entry.points));
  const pointValue = settlementPointValue(input.dipFund, input.reimbursementRatio, totalPoints, input.rules);
  return {
    totalPoints,
    pointValue,
    institutions: counted.map(({ institution, points, casesByBand, forReview }) => {
      const due = institutionDue(points, pointValue, input.reimbursementRatio);
      return { code: institution.code, points, due, prepaid: institution.prepaid, payment: due - institution.prepaid, forReview, casesByBand };
    }),
  };
}

// ── projection of the year-end point value (年终点值预测) ──

export interface PointValueProjection {
  monthsSettled: number;
  pointsSoFar: Decimal;
  /** The points of the year if the months to come are like the average month so far. */
  projectedPoints: Decimal;
  /** The year-end point value those points give. */
  pointValue: Decimal;
  /** The range: the months to come all like the busiest month so far (low) or the quietest (high). */
  low: Decimal;
  high: Decimal;
  /** What each settled month would make the point value if the whole year were like it. */
  monthly: { month: string; points: Decimal; pointValue: Decimal }[];
}

/**
 * The year-end point value foreseen during the year. The year's DIP-payable fund is fixed by the budget (总额预算), so
 * the point value depends only on how many points the year will bring: the months settled so far are scaled to a
 * year, and the range comes from the spread of the months — the rest of the year at the busiest month's points (the
 * lowest value) or at the quietest month's (the highest). With all months settled the range closes on the value.
 */
export function projectPointValue(input: {
  annualDipFund: bigint; reimbursementRatio: Decimal; months: readonly { month: string; points: Decimal }[]; monthsInYear?: number; rules: DipRules;
}): PointValueProjection {
  const monthsInYear = input.monthsInYear ?? 12;
  const settled = input.months.length;
  if (settled === 0 || settled > monthsInYear) throw invalid('months', said.dipMonthsSettled({ max: monthsInYear }));
  const valueOf = (points: Decimal) => settlementPointValue(input.annualDipFund, input.reimbursementRatio, points, input.rules);
  const scale = Math.max(...input.months.map((month) => month.points.scale));
  const unitsOf = (points: Decimal) => points.units * power(scale - points.scale);
  const monthUnits = input.months.map((month) => unitsOf(month.points));
  const soFar = monthUnits.reduce((sum, units) => sum + units, 0n);
  if (soFar <= 0n) throw invalid('months', said.dipNoPoints());
  const remaining = BigInt(monthsInYear - settled);
  const busiest = monthUnits.reduce((max, units) => (units > max ? units : max));
  const quietest = monthUnits.reduce((min, units) => (units < min ? units : min));
  // points of the year = so far × monthsInYear ÷ settled, kept exact: value = fund ÷ ratio ÷ that
  const projected: Decimal = quotient(soFar * BigInt(monthsInYear), BigInt(settled) * power(scale), input.rules.pointsPlaces);
  const exactValue = quotient(
    input.annualDipFund * power(input.reimbursementRatio.scale + scale) * BigInt(settled),
    100n * input.reimbursementRatio.units * soFar * BigInt(monthsInYear), input.rules.pointValuePlaces);
  return {
    monthsSettled: settled,
    pointsSoFar: { units: soFar, scale },
    projectedPoints: projected,
    pointValue: exactValue,
    low: valueOf({ units: soFar + remaining * busiest, scale }),
    high: valueOf({ units: soFar + remaining * quietest, scale }),
    monthly: input.months.map((month) => ({
      month: month.month, points: month.points, pointValue: valueOf({ units: unitsOf(month.points) * BigInt(monthsInYear), scale }),
    })),
  };
}
