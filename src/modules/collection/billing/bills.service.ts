/**
 * Reading bills: a list by period and employer with their lines, one bill by number. Staff see their region
 * subtree (row-level security); an employer account sees its own employer's bills only, as if no other existed.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { forbidden, invalid, notFound } from '../../../platform/errors.ts';
import { formatYuan } from '../../../platform/money.ts';
import { billedInsurances } from './billing.calc.ts';
import { checkPeriod } from '../collection.scope.ts';
import * as repository from './billing.repository.ts';
import type { BillRow } from './billing.repository.ts';
import { billingSaid, collectionSaid, subjects } from '../collection.messages.ts';

export interface BillLineView {
  personId: string; idNumber: string; name: string; insurance: string; base: string;
  employerRate: string; employeeRate: string | null; employerAmount: string; employeeAmount: string | null; parameterRefs: string[];
}

export interface BillItemView { insurance: string; fund: string; fundName: string; employerAmount: string; employeeAmount: string; total: string }

export interface BillView {
  number: string; kind: string; creditCode: string; employerName: string; employerId: string; regionCode: string; period: string;
  dueDate: string; persons: number; lineCount: number; total: string; issuedAt: string; items: BillItemView[]; lines?: BillLineView[];
}

export interface BillQuery { period?: string; employer?: string; limit?: number; offset?: number; lines?: boolean }

/** Which employer an actor may see bills of: an employer account its own; staff any in scope; persons none. */
function employerRestriction(actor: Actor): bigint | null {
  if (actor.role === 'person') throw forbidden(billingSaid.billsNotForPersons());
  if (actor.role === 'employer') return actor.employerId ?? -1n;
  return null;
}

const insuranceOrder = (insurance: string) => billedInsurances.indexOf(insurance as never);

async function linesOf(tx: Tx, bills: { employer_id: bigint; id: bigint; parameter_refs: unknown }[]): Promise<Map<bigint, BillLineView[]>> {
  const result = new Map<bigint, BillLineView[]>();
  if (!bills.length) return result;
  const rows = await repository.linesOfBills(tx, bills);
  const refsOf = new Map(bills.map((b) => [b.id, (typeof b.parameter_refs === 'string' ? JSON.parse(b.parameter_refs) : b.parameter_refs) as Record<string, unknown>]));
  for (const row of rows) {
    const refs = refsOf.get(row.bill_id) ?? {};
    const employer = refs.employer as { workInjuryClass?: number; workInjuryFloat?: string } | undefined;
    const parameterRefs = [...((refs[row.insurance] as string[] | undefined) ?? [])];
    if (row.insurance === 'work_injury' && employer) parameterRefs.push(`employer.work_injury_class=${employer.workInjuryClass}`, `employer.work_injury_float=${employer.workInjuryFloat}`);
    const list = result.get(row.bill_id) ?? [];
    list.push({
      personId: String(row.person_id), idNumber: row.id_number, name: row.name, insurance: row.insurance, base: formatYuan(row.base),
      employerRate: row.employer_rate, employeeRate: row.employee_rate, employerAmount: formatYuan(row.employer_amount),
      employeeAmount: row.employee_amount === null ? null : formatYuan(row.employee_amount), parameterRefs,
    });
    result.set(row.bill_id, list);
  }
  for (const list of result.values()) list.sort((a, b) => (a.idNumber === b.idNumber ? insuranceOrder(a.insurance) - insuranceOrder(b.insurance) : 0));
  return result;
}

async function billViews(tx: Tx, bills: BillRow[], withLines: boolean): Promise<BillView[]> {
  if (!bills.length) return [];
  const items = await repository.itemsOfBills(tx, bills);
  const fundNames = await repository.fundNames(tx, [...new Set(items.map((item) => item.fund_code))]);
  const lines = withLines ? await linesOf(tx, bills) : new Map<bigint, BillLineView[]>();
  return bills.map((b) => ({
    number: b.number, kind: b.kind, creditCode: b.credit_code, employerName: b.employer_name, employerId: String(b.employer_id), regionCode: b.region_code,
    period: b.period, dueDate: b.due_date, persons: b.persons, lineCount: b.lines, total: formatYuan(b.total), issuedAt: b.issued_at.toISOString(),
    items: items.filter((i) => i.bill_id === b.id).sort((x, y) => insuranceOrder(x.insurance) - insuranceOrder(y.insurance)).map((i) => ({
      insurance: i.insurance, fund: i.fund_code, fundName: fundNames.get(i.fund_code) ?? i.fund_code, employerAmount: formatYuan(i.employer_amount), employeeAmount: formatYuan(i.employee_amount),
      total: formatYuan(i.employer_amount + i.employee_amount),
    })),
    ...(withLines ? { lines: lines.get(b.id) ?? [] } : {}),
  }));
}

/**
 * A page of bills and how many match (`total`, counted up to repository.BILL_COUNT_CAP; `totalCapped` when the count
 * stopped there). The page keeps its key `bills`, which the web's bill lists read.
 */
export async function listBills(database: DatabaseHandle, actor: Actor, query: BillQuery): Promise<{ bills: BillView[]; total: number; totalCapped: boolean }> {
  const only = employerRestriction(actor);
  const limit = query.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw invalid('limit', collectionSaid.limitRange({ min: 1, max: 200 }));
  const period = query.period === undefined ? undefined : checkPeriod(query.period);
  return inScope(database, actor, async (tx) => {
    const { items, total } = await repository.findBills(tx, { period, creditCode: query.employer, employerId: only, limit, offset: query.offset ?? 0 });
    return { bills: await billViews(tx, items, query.lines ?? true), total: Math.min(total, repository.BILL_COUNT_CAP), totalCapped: total > repository.BILL_COUNT_CAP };
  });
}

export async function getBill(database: DatabaseHandle, actor: Actor, number: string): Promise<BillView> {
  const only = employerRestriction(actor);
  return inScope(database, actor, async (tx) => {
    const row = await repository.findBillByNumber(tx, number, only);
    if (!row) throw notFound(subjects.bill({ number }));
    return (await billViews(tx, [row], true))[0];
  });
}
