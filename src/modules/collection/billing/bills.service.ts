/**
 * Reading bills: a list by period and employer with their lines, one bill by number. Staff see their region
 * subtree (row-level security); an employer account sees its own employer's bills only, as if no other existed.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, scopePrefix, type Actor, type Tx } from '../../../platform/actor.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';
import { keysetPage, listPage, type ListAnswer, type ListRequest, type SortKey } from '../../../platform/http/lists.ts';
import { listMaskingFor, maskMiddle, type ListMasking } from '../../../platform/personal-data.ts';
import { formatYuan } from '../../../platform/money.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import type { BillStatus } from './bill-status.calc.ts';
import { billStatusCondition } from './bill-status.repository.ts';
import { settlementsOfBills, type BillPaymentView } from './bill-status.service.ts';
import { billedInsurances } from './billing.calc.ts';
import { checkPeriod } from '../collection.scope.ts';
import * as repository from './billing.repository.ts';
import type { BillFilter, BillRow } from './billing.repository.ts';
import { billingSaid, subjects } from '../collection.messages.ts';

/**
 * Where a line's base comes from: declared (申报) for the period's year, or assessed (核定) because it was not —
 * 110% of the employer's last declared base (社会保险法 第六十二条), or the average wage when it never declared one.
 */
export const baseSourceNames = { declared: '申报', assessed: '核定' } as const;

export interface BillLineView {
  personId: string; idNumber: string; name: string; insurance: string; base: string;
  baseSource: keyof typeof baseSourceNames; baseSourceName: (typeof baseSourceNames)[keyof typeof baseSourceNames];
  employerRate: string; employeeRate: string | null; employerAmount: string; employeeAmount: string | null; parameterRefs: string[];
}

export interface BillItemView { insurance: string; fund: string; fundName: string; employerAmount: string; employeeAmount: string; total: string; paid: string; outstanding: string }

export interface BillView {
  number: string; kind: string; creditCode: string; employerName: string; employerId: string; regionCode: string; period: string;
  dueDate: string; persons: number; lineCount: number; total: string;
  /** Persons whose base the bill assessed (核定) instead of a declared one. */
  assessedPersons: number; issuedAt: string; items: BillItemView[]; lines?: BillLineView[];
  /** Its status today (bill-status.calc.ts), what is paid and outstanding, and the payments that paid it. */
  status: BillStatus; paid: string; outstanding: string; payments: BillPaymentView[];
}

/** Which employer an actor may see bills of: an employer account its own; staff any in scope; persons none. */
function employerRestriction(actor: Actor): bigint | null {
  if (actor.role === 'person') throw forbidden(billingSaid.billsNotForPersons());
  if (actor.role === 'employer') return actor.employerId ?? -1n;
  return null;
}

const insuranceOrder = (insurance: string) => billedInsurances.indexOf(insurance as never);

/**
 * The bills' lines by bill, each person's lines in insurance order. A bill is a list of persons: ID numbers are
 * masked by the list policy (privacy.list_masking), except to staff who hold personal.full.read (listMaskingFor).
 */
async function linesOf(tx: Tx, bills: { employer_id: bigint; id: bigint; parameter_refs: unknown }[], masking: ListMasking | null): Promise<Map<bigint, BillLineView[]>> {
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
    const baseSource = row.base_assessed ? 'assessed' : 'declared';
    list.push({
      personId: String(row.person_id), idNumber: masking ? maskMiddle(row.id_number, masking.idNumber) : row.id_number, name: row.name, insurance: row.insurance, base: formatYuan(row.base),
      baseSource, baseSourceName: baseSourceNames[baseSource],
      employerRate: row.employer_rate, employeeRate: row.employee_rate, employerAmount: formatYuan(row.employer_amount),
      employeeAmount: row.employee_amount === null ? null : formatYuan(row.employee_amount), parameterRefs,
    });
    result.set(row.bill_id, list);
  }
  // The rows come by full ID number: the sort keeps that order and puts a person's insurances in order (a stable sort).
  for (const list of result.values()) list.sort((a, b) => (a.personId === b.personId ? insuranceOrder(a.insurance) - insuranceOrder(b.insurance) : 0));
  return result;
}

async function billViews(tx: Tx, viewer: Actor, bills: BillRow[], withLines: boolean): Promise<BillView[]> {
  if (!bills.length) return [];
  const items = await repository.itemsOfBills(tx, bills);
  const fundNames = await repository.fundNames(tx, [...new Set(items.map((item) => item.fund_code))]);
  const lines = withLines ? await linesOf(tx, bills, listMaskingFor(viewer)) : new Map<bigint, BillLineView[]>();
  const settlements = await settlementsOfBills(tx, bills, items, todayInChina());
  return bills.map((b) => ({
    number: b.number, kind: b.kind, creditCode: b.credit_code, employerName: b.employer_name, employerId: String(b.employer_id), regionCode: b.region_code,
    period: b.period, dueDate: b.due_date, persons: b.persons, lineCount: b.lines, total: formatYuan(b.total), assessedPersons: b.assessed_persons, issuedAt: b.issued_at.toISOString(),
    items: items.filter((i) => i.bill_id === b.id).sort((x, y) => insuranceOrder(x.insurance) - insuranceOrder(y.insurance)).map((i) => ({
      insurance: i.insurance, fund: i.fund_code, fundName: fundNames.get(i.fund_code) ?? i.fund_code, employerAmount: formatYuan(i.employer_amount), employeeAmount: formatYuan(i.employee_amount),
      total: formatYuan(i.employer_amount + i.employee_amount), ...settlements.get(b.id)!.items[i.insurance],
    })),
    ...(withLines ? { lines: lines.get(b.id) ?? [] } : {}),
    status: settlements.get(b.id)!.status, paid: settlements.get(b.id)!.paid, outstanding: settlements.get(b.id)!.outstanding, payments: settlements.get(b.id)!.payments,
  }));
}

export interface BillFilterQuery { period?: string; employer?: string; region?: string; kind?: BillFilter['kind']; status?: BillStatus }

/** Newest period first, then by number (unique): the list's keyset. */
/** Newest period first, then in the order the employers registered (单位编号顺序), an employer's bills by number (migration 0031). */
const billOrder: SortKey[] = [{ by: 'bill.period', direction: 'desc' }, { by: 'bill.employer_id', direction: 'asc' }, { by: 'bill.number', direction: 'asc' }];

/** The bills an actor may list under the filter: an employer account its own only; a bad period is a 400. */
function visibleBills(tx: Tx, actor: Actor, query: BillFilterQuery) {
  const only = employerRestriction(actor);
  const period = query.period === undefined ? undefined : checkPeriod(query.period);
  const bills = repository.billsQuery(tx, { period, creditCode: query.employer, employerId: only, regionPrefix: query.region && scopePrefix(query.region), kind: query.kind });
  return query.status ? bills.where(billStatusCondition(query.status, todayInChina())) : bills;
}

/** A page of bills with their count (capped, lists.ts); with `lines`, each bill's lines (ID numbers masked by the list policy). */
export async function listBills(database: DatabaseHandle, actor: Actor, query: BillFilterQuery & { lines?: boolean }, request: ListRequest): Promise<ListAnswer<BillView>> {
  return inScope(database, actor, (tx) => listPage(tx, visibleBills(tx, actor, query), billOrder, request, (rows) => billViews(tx, actor, rows, query.lines ?? true)));
}

/** The bills past the cursor as the export's rows (no items, no lines), uncounted. */
export async function billRows(database: DatabaseHandle, actor: Actor, query: BillFilterQuery, request: ListRequest): Promise<{ items: BillRow[]; nextCursor: string | null }> {
  return inScope(database, actor, (tx) => keysetPage(visibleBills(tx, actor, query), billOrder, request));
}

export async function getBill(database: DatabaseHandle, actor: Actor, number: string): Promise<BillView> {
  const only = employerRestriction(actor);
  return inScope(database, actor, async (tx) => {
    const row = await repository.findBillByNumber(tx, number, only);
    if (!row) throw notFound(subjects.bill({ number }));
    return (await billViews(tx, actor, [row], true))[0];
  });
}
