/** Typed SQL of designated institutions: institutions, quotas, monthly settlement data, pre-allocations, year-end settlements. */
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/actor.ts';
import type { Tables } from '../../platform/database.ts';
import './medical.tables.ts';
import type { InstitutionKind, PrepaymentRunStatus, YearEndLineStatus, YearEndRunStatus } from './medical.tables.ts';

// ── pooling regions and institutions ──

/** The medical pooling regions (统筹地区) in the database, by code. */
export const medicalPoolingRegions = async (tx: Tx) =>
  (await tx.selectFrom('pooling_region').select('region_code').where('insurance', '=', 'medical').execute()).map((row) => row.region_code);

export interface InstitutionRow { id: bigint; code: string; name: string; kind: InstitutionKind; region_code: string; pooling_region_code: string; status: string }

export const institutionsByCodes = (tx: Tx, codes: readonly string[]): Promise<InstitutionRow[]> => (codes.length === 0 ? Promise.resolve([]) :
  tx.selectFrom('medical_institution').select(['id', 'code', 'name', 'kind', 'region_code', 'pooling_region_code', 'status']).where('code', 'in', codes).execute());

export const insertInstitutions = (tx: Tx, rows: Insertable<Tables['medical_institution']>[]) => tx.insertInto('medical_institution').values(rows).execute();

/** The institutions settled by a pooling region's fund, by code. */
export const institutionsOfPoolingRegion = (tx: Tx, poolingRegion: string) =>
  tx.selectFrom('medical_institution').select(['id', 'code', 'name', 'kind', 'region_code', 'pooling_region_code', 'status', 'bank_account'])
    .where('pooling_region_code', '=', poolingRegion).orderBy('code').execute();

// ── quotas ──

export const insertQuotas = (tx: Tx, rows: Insertable<Tables['medical_quota']>[]) => tx.insertInto('medical_quota').values(rows).execute();

export interface QuotaRow { institution_id: bigint; quota_id: bigint; code: string; kind: InstitutionKind; region_code: string; annual_quota: bigint; reserve_share: string; source: string }

/** The quota in force (the latest recorded) of each institution of the pooling region for the year. */
export async function quotasOfYear(tx: Tx, poolingRegion: string, year: number): Promise<QuotaRow[]> {
  const { rows } = await sql<QuotaRow>`select distinct on (q.institution_id) q.institution_id, q.id as quota_id, i.code, i.kind, i.region_code,
      q.annual_quota, q.reserve_share::text as reserve_share, q.source
    from medical_quota q join medical_institution i on i.id = q.institution_id
    where i.pooling_region_code = ${poolingRegion} and q.year = ${year}
    order by q.institution_id, q.recorded_at desc, q.id desc`.execute(tx);
  return rows.sort((a, b) => a.code.localeCompare(b.code));
}

// ── monthly settlement data ──

/** Which of these (institution, month) pairs have settlement data already. */
export async function monthsWithData(tx: Tx, pairs: readonly { institutionId: bigint; month: string }[]): Promise<{ institution_id: bigint; month: string; import_id: bigint }[]> {
  if (pairs.length === 0) return [];
  const ids = pairs.map((p) => p.institutionId.toString());
  const months = pairs.map((p) => p.month);
  const { rows } = await sql<{ institution_id: bigint; month: string; import_id: bigint }>`select distinct s.institution_id, s.month, s.import_id
    from medical_monthly_settlement s join unnest(${ids}::bigint[], ${months}::text[]) as wanted (institution_id, month)
      on wanted.institution_id = s.institution_id and wanted.month = s.month`.execute(tx);
  return rows;
}

export const insertSettlementRows = (tx: Tx, rows: Insertable<Tables['medical_monthly_settlement']>[]) =>
  tx.insertInto('medical_monthly_settlement').values(rows).execute();

export interface MonthTotals {
  institution_id: bigint; code: string; name: string; kind: InstitutionKind; month: string;
  cases: number; dip_cost: bigint; visits: number; patients: number; inpatient_days: number; total_cost: bigint; fund_payable: bigint;
}

/** Each institution's month of the pooling region from `fromMonth` to `toMonth`: the data summed over the rows. */
export async function monthTotals(tx: Tx, poolingRegion: string, fromMonth: string, toMonth: string, institutionCode?: string): Promise<MonthTotals[]> {
  const { rows } = await sql<MonthTotals>`select s.institution_id, i.code, i.name, i.kind, s.month,
      sum(s.cases)::int as cases, sum(s.cost)::bigint as dip_cost, sum(s.visits)::int as visits, sum(s.patients)::int as patients,
      sum(s.inpatient_days)::int as inpatient_days, sum(s.total_cost)::bigint as total_cost, sum(s.fund_payable)::bigint as fund_payable
    from medical_monthly_settlement s join medical_institution i on i.id = s.institution_id
    where i.pooling_region_code = ${poolingRegion} and s.month between ${fromMonth} and ${toMonth}
      and (${institutionCode ?? null}::text is null or i.code = ${institutionCode ?? null})
    group by s.institution_id, i.code, i.name, i.kind, s.month order by i.code, s.month`.execute(tx);
  return rows;
}

export interface DipRow { code: string; month: string; dip_group: string; cases: number; cost: bigint }

/** The DIP rows (cases of a group at their cost) of the pooling region's institutions between two months. */
export async function dipRows(tx: Tx, poolingRegion: string, fromMonth: string, toMonth: string): Promise<DipRow[]> {
  const { rows } = await sql<DipRow>`select i.code, s.month, s.dip_group, s.cases, s.cost
    from medical_monthly_settlement s join medical_institution i on i.id = s.institution_id
    where i.pooling_region_code = ${poolingRegion} and s.month between ${fromMonth} and ${toMonth} and s.dip_group is not null and s.cases > 0
    order by s.month, i.code, s.line`.execute(tx);
  return rows;
}

/** What the fund bears for each institution of the pooling region in a year: Σ fund-payable of its months. */
export async function actualOfYear(tx: Tx, poolingRegion: string, year: number): Promise<Map<bigint, bigint>> {
  const { rows } = await sql<{ institution_id: bigint; actual: bigint }>`select s.institution_id, sum(s.fund_payable)::bigint as actual
    from medical_monthly_settlement s join medical_institution i on i.id = s.institution_id
    where i.pooling_region_code = ${poolingRegion} and s.month like ${`${year}-%`} group by s.institution_id`.execute(tx);
  return new Map(rows.map((row) => [row.institution_id, row.actual]));
}

// ── pre-allocation ──

export const findPrepaymentRun = (tx: Tx, poolingRegion: string, month: string, forUpdate = false) => {
  const query = tx.selectFrom('medical_prepayment_run').selectAll().where('region_code', '=', poolingRegion).where('month', '=', month);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
};

export const findPrepaymentRunById = (tx: Tx, id: bigint) =>
  tx.selectFrom('medical_prepayment_run').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const insertPrepaymentRun = (tx: Tx, run: Insertable<Tables['medical_prepayment_run']>) =>
  tx.insertInto('medical_prepayment_run').values(run).onConflict((c) => c.columns(['region_code', 'month']).doNothing()).execute();

export const updatePrepaymentRun = (tx: Tx, id: bigint, patch: {
  status?: PrepaymentRunStatus; institutions?: number; total?: bigint; approval_item_id?: bigint; transfer_entry_id?: bigint; payment_entry_id?: bigint; paid_on?: string;
}) => tx.updateTable('medical_prepayment_run').set(patch).where('id', '=', id).execute();

/** Inserts the run's lines; a line already there (a resumed run) is kept as it is. */
export const insertPrepayments = (tx: Tx, rows: Insertable<Tables['medical_prepayment']>[]) => (rows.length === 0 ? Promise.resolve() :
  tx.insertInto('medical_prepayment').values(rows).onConflict((c) => c.columns(['institution_id', 'month']).doNothing()).execute().then(() => undefined));

export const prepaymentsOfRun = (tx: Tx, runId: bigint) =>
  tx.selectFrom('medical_prepayment as p').innerJoin('medical_institution as i', 'i.id', 'p.institution_id')
    .select(['p.institution_id', 'i.code', 'i.name', 'i.kind', 'p.annual_quota', 'p.reserve_share', 'p.amount'])
    .where('p.run_id', '=', runId).orderBy('i.code').execute();

export const prepaymentRunsOfYear = (tx: Tx, poolingRegion: string, year: number) =>
  tx.selectFrom('medical_prepayment_run').selectAll().where('region_code', '=', poolingRegion).where('month', 'like', `${year}-%`).orderBy('month').execute();

/** What each institution of the pooling region was prepaid for the year (runs paid only). */
export async function prepaidOfYear(tx: Tx, poolingRegion: string, year: number): Promise<Map<bigint, bigint>> {
  const { rows } = await sql<{ institution_id: bigint; prepaid: bigint }>`select p.institution_id, sum(p.amount)::bigint as prepaid
    from medical_prepayment p join medical_prepayment_run r on r.id = p.run_id
    where r.region_code = ${poolingRegion} and r.month like ${`${year}-%`} and r.status = 'paid' group by p.institution_id`.execute(tx);
  return new Map(rows.map((row) => [row.institution_id, row.prepaid]));
}

// ── year-end settlement ──

export const findYearEndRun = (tx: Tx, poolingRegion: string, year: number, forUpdate = false) => {
  const query = tx.selectFrom('medical_year_end_run').selectAll().where('region_code', '=', poolingRegion).where('year', '=', year);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
};

export const findYearEndRunById = (tx: Tx, id: bigint) =>
  tx.selectFrom('medical_year_end_run').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const insertYearEndRun = (tx: Tx, run: Insertable<Tables['medical_year_end_run']>) => tx.insertInto('medical_year_end_run').values(run).execute();

export const updateYearEndRun = (tx: Tx, id: bigint, patch: { status?: YearEndRunStatus; approval_item_id?: bigint; transfer_entry_id?: bigint; paid_on?: string }) =>
  tx.updateTable('medical_year_end_run').set(patch).where('id', '=', id).execute();

export const insertYearEndSettlements = (tx: Tx, rows: Insertable<Tables['medical_year_end_settlement']>[]) =>
  tx.insertInto('medical_year_end_settlement').values(rows).execute();

export const settlementsOfYearEndRun = (tx: Tx, runId: bigint) =>
  tx.selectFrom('medical_year_end_settlement as s').innerJoin('medical_institution as i', 'i.id', 's.institution_id')
    .select(['s.institution_id', 'i.code', 'i.name', 'i.kind', 's.year', 's.quota', 's.actual', 's.prepaid', 's.allowed', 's.saving_reward', 's.overrun_paid',
      's.settlement', 's.status', 's.entry_id', 's.repaid_on', 's.repayment_entry_id', 's.credit_grade', 's.method', 's.points'])
    .where('s.run_id', '=', runId).orderBy('i.code').execute();

export const updateYearEndSettlement = (tx: Tx, institutionId: bigint, year: number, patch: { status: YearEndLineStatus; entry_id?: bigint; repaid_on?: string; repayment_entry_id?: bigint }) =>
  tx.updateTable('medical_year_end_settlement').set(patch).where('institution_id', '=', institutionId).where('year', '=', year).execute();

/**
 * What the fund's signed-off payments to institutions not yet paid still take from its 支出户 (ledger
 * expense-account.service): pre-allocation runs approved (money moved) and not paid, and the amounts owed to
 * institutions by year-end runs approved and not paid.
 */
export async function expenseAccountCommitments(tx: Tx, fundCode: string): Promise<bigint> {
  const { rows } = await sql<{ committed: string }>`select (
      coalesce((select sum(r.total) from medical_prepayment_run r where r.fund_code = ${fundCode} and r.status = 'approved'), 0)
    + coalesce((select sum(s.settlement) from medical_year_end_run r join medical_year_end_settlement s on s.run_id = r.id
                where r.fund_code = ${fundCode} and r.status = 'approved' and s.settlement > 0 and s.status = 'pending'), 0)
    )::text as committed`.execute(tx);
  return BigInt(rows[0].committed);
}

/**
 * For the budget indicators (预算指标): the prepayments per fund, year of the month and institution kind — of one run
 * (what its approval will pay), or of the funds' approved runs not yet paid (committed).
 */
export async function prepaymentsByKind(tx: Tx, of: { runId: bigint } | { fundCodes: string[] }): Promise<{ fund_code: string; year: number; kind: InstitutionKind; amount: bigint }[]> {
  const which = 'runId' in of ? sql`r.id = ${of.runId}` : sql`r.fund_code = any(${of.fundCodes}::text[]) and r.status = 'approved'`;
  const { rows } = await sql<{ fund_code: string; year: string; kind: InstitutionKind; amount: string }>`
    select r.fund_code, left(r.month, 4) as year, i.kind, sum(p.amount)::text as amount
      from medical_prepayment_run r join medical_prepayment p on p.run_id = r.id join medical_institution i on i.id = p.institution_id
     where ${which}
     group by r.fund_code, left(r.month, 4), i.kind`.execute(tx);
  return rows.map((row) => ({ ...row, year: Number(row.year), amount: BigInt(row.amount) }));
}

/**
 * What year-end settlements pay (their positive lines) per fund and institution kind: of one run, or of the funds'
 * runs signed off and not yet paid (the 预算指标's committed figure).
 */
export async function yearEndPayableByKind(tx: Tx, of: { runId: bigint } | { fundCodes: string[] }): Promise<{ fund_code: string; kind: InstitutionKind; amount: bigint }[]> {
  const which = 'runId' in of ? sql`r.id = ${of.runId}` : sql`r.fund_code = any(${of.fundCodes}::text[]) and r.status = 'approved'`;
  const { rows } = await sql<{ fund_code: string; kind: InstitutionKind; amount: string }>`
    select r.fund_code, i.kind, sum(s.settlement)::text as amount
      from medical_year_end_run r join medical_year_end_settlement s on s.run_id = r.id join medical_institution i on i.id = s.institution_id
     where ${which} and s.settlement > 0
     group by r.fund_code, i.kind`.execute(tx);
  return rows.map((row) => ({ ...row, amount: BigInt(row.amount) }));
}
