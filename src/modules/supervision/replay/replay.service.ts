/**
 * Replay of a month (重算复核, issue 15 "Replay"): every bill line of the month in the actor's scope recomputed from
 * its recorded base and rates with the parameters in force for the month (the rounding rule, the base limits), and
 * every pension payroll line of the month against the award amount in force; what differs is listed. Nothing is
 * written: a replay reads what collection and benefits stored and the dated parameters.
 *
 * The pension payroll belongs to the province-pooled fund (its lines carry the pool's region): the payroll part reads
 * in the province's scope (widened) and keeps to the pensioners administered in the actor's own region.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, scopePrefix, widenToPooledFunds, type Actor } from '../../../platform/actor.ts';
import { requirePermission } from '../../../platform/access/permissions.ts';
import { checkPeriod } from '../../../platform/dates.ts';
import type { RoundingMode } from '../../../platform/money.ts';
import { getParameters } from '../../../platform/params/index.ts';
import { replayBillLine, replayPayrollLine, type PeriodRules, type ReplayDifference } from './replay.calc.ts';
import * as repository from './replay.repository.ts';

/** Bills read per page (their lines: about five per person). */
const BILLS_PER_PAGE = 500;
const PAYROLL_ACROSS_POOLS = '重算复核需核对省级统筹基金的养老金发放明细 (the replay reads the payroll of the province-pooled fund)';

export interface ReplayResult {
  period: string;
  /** the region prefix replayed ('' = everything) */
  scope: string;
  /** lines recomputed: bill lines and payroll lines */
  checked: number;
  billLines: number;
  payrollLines: number;
  differences: ReplayDifference[];
}

/** The parameters a bill line of `period` in `region` was computed with: those in force on the period's first day (as billing resolves them). */
function periodRules(period: string, region: string): PeriodRules {
  const store = getParameters(), date = `${period}-01`;
  return {
    rounding: store.text('contribution.rounding', date, region) as RoundingMode,
    averageWage: store.money('contribution.base.average_wage', date, region),
    floorRatio: store.lookup('contribution.base.floor_ratio', date, region).value as string,
    ceilingRatio: store.lookup('contribution.base.ceiling_ratio', date, region).value as string,
  };
}

export async function replayPeriod(database: DatabaseHandle, actor: Actor, input: { period: string }): Promise<ReplayResult> {
  requirePermission(actor, 'supervision.read');
  const period = checkPeriod(input.period);
  const prefix = scopePrefix(actor.regionCode);
  const rulesOfRegion = new Map<string, PeriodRules>();
  const rulesFor = (region: string) => {
    if (!rulesOfRegion.has(region)) rulesOfRegion.set(region, periodRules(period, region));
    return rulesOfRegion.get(region)!;
  };
  const differences: ReplayDifference[] = [];
  let billLines = 0;
  let after: { employerId: bigint; billId: bigint } | null = null;
  do {
    const page: repository.StoredBillLine[] | null = await inScope(database, actor, async (tx) => {
      const bills = await repository.billsOfPeriod(tx, { period, prefix, after, limit: BILLS_PER_PAGE });
      if (bills.length === 0) return null;
      const last = bills[bills.length - 1];
      after = { employerId: last.employer_id, billId: last.id };
      return repository.linesOfBills(tx, bills);
    });
    if (!page) break;
    for (const line of page) {
      differences.push(...replayBillLine({
        employerId: line.employer_id, billId: line.bill_id, personId: line.person_id, insurance: line.insurance, base: line.base,
        employerRate: line.employer_rate, employeeRate: line.employee_rate, employerAmount: line.employer_amount, employeeAmount: line.employee_amount,
      }, rulesFor(line.region_code)));
    }
    billLines += page.length;
  } while (after);
  const payroll = await inScope(database, widenToPooledFunds(actor, PAYROLL_ACROSS_POOLS), (tx) => repository.payrollLinesOfPeriod(tx, { period, prefix }));
  for (const line of payroll) differences.push(...replayPayrollLine({ reference: line.reference, amount: line.amount, amountInForce: line.amount_in_force }));
  return { period, scope: prefix, checked: billLines + payroll.length, billLines, payrollLines: payroll.length, differences };
}
