/**
 * Reading bills: a list by period and employer with their lines, one bill by number. Staff see their region
 * subtree (row-level security); an employer account sees its own employer's bills only, as if no other existed.
 */
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { forbidden, invalid, notFound } from '../../../platform/errors.ts';
import { formatYuan } from '../../../platform/money.ts';
import { billedInsurances } from './billing.calc.ts';
import { checkPeriod } from '../collection.scope.ts';

export interface BillLineView {
  personId: string; idNumber: string; name: string; insurance: string; base: string;
  employerRate: string; employeeRate: string | null; employerAmount: string; employeeAmount: string | null; parameterRefs: string[];
}

export interface BillItemView { insurance: string; fund: string; employerAmount: string; employeeAmount: string; total: string }

export interface BillView {
  number: string; kind: string; creditCode: string; employerName: string; employerId: string; regionCode: string; period: string;
  dueDate: string; persons: number; lineCount: number; total: string; issuedAt: string; items: BillItemView[]; lines?: BillLineView[];
}

export interface BillQuery { period?: string; employer?: string; limit?: number; offset?: number; lines?: boolean }

/** Which employer an actor may see bills of: an employer account its own; staff any in scope; persons none. */
function employerRestriction(actor: Actor): bigint | null {
  if (actor.role === 'person') throw forbidden('bills are for employers and staff; see your contribution record instead');
  if (actor.role === 'employer') return actor.employerId ?? -1n;
  return null;
}

const insuranceOrder = (insurance: string) => billedInsurances.indexOf(insurance as never);

async function linesOf(tx: Tx, bills: { employer_id: bigint; id: bigint; parameter_refs: unknown }[]): Promise<Map<bigint, BillLineView[]>> {
  const result = new Map<bigint, BillLineView[]>();
  if (!bills.length) return result;
  const rows = (await sql<{ bill_id: bigint; person_id: bigint; id_number: string; name: string; insurance: string; base: bigint; employer_rate: string; employee_rate: string | null; employer_amount: bigint; employee_amount: bigint | null }>`
    select l.bill_id, l.person_id, p.id_number, p.name, l.insurance, l.base, trim_scale(l.employer_rate)::text as employer_rate, trim_scale(l.employee_rate)::text as employee_rate,
      l.employer_amount, l.employee_amount
    from bill_line l join person p on p.id = l.person_id
    where (l.employer_id, l.bill_id) in (${sql.join(bills.map((b) => sql`(${b.employer_id}::bigint, ${b.id}::bigint)`))})
    order by l.bill_id, p.id_number`.execute(tx)).rows;
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
  const items = await tx.selectFrom('bill_item').selectAll()
    .where((eb) => eb.or(bills.map((b) => eb.and([eb('employer_id', '=', b.employer_id), eb('bill_id', '=', b.id)])))).execute();
  const lines = withLines ? await linesOf(tx, bills) : new Map<bigint, BillLineView[]>();
  return bills.map((b) => ({
    number: b.number, kind: b.kind, creditCode: b.credit_code, employerName: b.employer_name, employerId: String(b.employer_id), regionCode: b.region_code,
    period: b.period, dueDate: b.due_date, persons: b.persons, lineCount: b.lines, total: formatYuan(b.total), issuedAt: b.issued_at.toISOString(),
    items: items.filter((i) => i.bill_id === b.id).sort((x, y) => insuranceOrder(x.insurance) - insuranceOrder(y.insurance)).map((i) => ({
      insurance: i.insurance, fund: i.fund_code, employerAmount: formatYuan(i.employer_amount), employeeAmount: formatYuan(i.employee_amount),
      total: formatYuan(i.employer_amount + i.employee_amount),
    })),
    ...(withLines ? { lines: lines.get(b.id) ?? [] } : {}),
  }));
}

/** Bills with their employer's code and name. */
function billQuery(tx: Tx) {
  return tx.selectFrom('bill').innerJoin('employer', 'employer.id', 'bill.employer_id')
    .select(['bill.employer_id', 'bill.id', 'bill.number', 'bill.kind', 'bill.period', 'bill.region_code', 'bill.due_date', 'bill.persons', 'bill.lines',
      'bill.total', 'bill.parameter_refs', 'bill.issued_at', 'employer.credit_code', 'employer.name as employer_name']);
}

type BillRow = Awaited<ReturnType<ReturnType<typeof billQuery>['executeTakeFirstOrThrow']>>;

export async function listBills(database: DatabaseHandle, actor: Actor, query: BillQuery): Promise<{ bills: BillView[] }> {
  const only = employerRestriction(actor);
  const limit = query.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw invalid('limit', 'must be an integer from 1 to 200');
  const period = query.period === undefined ? undefined : checkPeriod(query.period);
  return inScope(database, actor, async (tx) => {
    let q = billQuery(tx);
    if (period) q = q.where('bill.period', '=', period);
    if (query.employer) q = q.where('employer.credit_code', '=', query.employer);
    if (only !== null) q = q.where('bill.employer_id', '=', only);
    const rows = await q.orderBy('bill.period', 'desc').orderBy('bill.number').limit(limit).offset(query.offset ?? 0).execute();
    return { bills: await billViews(tx, rows, query.lines ?? true) };
  });
}

export async function getBill(database: DatabaseHandle, actor: Actor, number: string): Promise<BillView> {
  const only = employerRestriction(actor);
  return inScope(database, actor, async (tx) => {
    let q = billQuery(tx).where('bill.number', '=', number);
    if (only !== null) q = q.where('bill.employer_id', '=', only);
    const row = await q.executeTakeFirst();
    if (!row) throw notFound(`bill ${number}`);
    return (await billViews(tx, [row], true))[0];
  });
}
