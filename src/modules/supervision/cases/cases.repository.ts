/**
 * Typed SQL of the supervision cases: the cases, the findings they were opened from, the amounts to recover per fund,
 * the recoveries and the timeline. Reads the ledger's funds to check a conclusion's fund codes (never writes another
 * module's tables; the recoveries post through the ledger's posting API).
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import '../supervision.tables.ts';
import './cases.tables.ts';
import type { CaseStatus } from './cases.statuses.ts';

const caseColumns = [
  'id', 'number', 'region_code', 'subject_kind', 'subject', 'kind', 'amount_involved', 'reason', 'status', 'opening_item_id', 'conclusion_item_id',
  'violation', 'legal_basis', 'conclusion_note', 'opened_by', 'opened_at', 'concluded_at', 'closed_by', 'closed_at',
  'penalty_provision', 'penalty_multiple', 'penalty_amount', 'assigned_to',
] as const;

export type CaseRow = Awaited<ReturnType<typeof findCase>> & {};

/** The case, locked for the change that follows when asked. */
export async function findCase(tx: Tx, id: bigint, forUpdate = false) {
  let query = tx.selectFrom('supervision_case').select(caseColumns).where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The next case number of the region and year (JCyyyy-nnnn); the transaction holds the region's numbering lock. */
export async function nextCaseNumber(tx: Tx, regionCode: string, year: string): Promise<string> {
  await sql`select pg_advisory_xact_lock(hashtext(${`supervision_case:${regionCode}`}))`.execute(tx);
  const { rows: [row] } = await sql<{ last: number | null }>`
    select max(split_part(number, '-', 2)::int) as last from supervision_case where region_code = ${regionCode} and number like ${`JC${year}-%`}`.execute(tx);
  return `JC${year}-${String((row?.last ?? 0) + 1).padStart(4, '0')}`;
}

export type CaseInsert = {
  id: bigint; number: string; region_code: string; subject_kind: 'person' | 'employer' | 'institution'; subject: string; kind: string; amount_involved: bigint; reason: string;
  opening_item_id: bigint; opened_by: string; assigned_to: string;
};

export const insertCase = (tx: Tx, row: CaseInsert) => tx.insertInto('supervision_case').values(row).execute();

export const updateCase = (tx: Tx, id: bigint, change: Partial<{
  status: CaseStatus; conclusion_item_id: bigint | null; violation: 'established' | 'not_established'; legal_basis: string; conclusion_note: string | null;
  concluded_at: Date; closed_by: string; closed_at: Date; penalty_provision: string | null; penalty_multiple: string | null; penalty_amount: bigint | null;
  assigned_to: string;
}>) => tx.updateTable('supervision_case').set(change).where('id', '=', id).execute();

/** The findings asked for, with the open case each is in (if any). */
export async function findingsWithOpenCase(tx: Tx, ids: bigint[]) {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ id: bigint; rule: string; subject: string; region_code: string; amount: bigint; status: string; case_number: string | null }>`
    select f.id, f.rule, f.subject, f.region_code, f.amount, f.status, c.number as case_number
      from supervision_finding f
      left join supervision_case_finding l on l.finding_id = f.id and l.released_at is null
      left join supervision_case c on c.id = l.case_id
     where f.id = any(${ids.map(String)}::bigint[])`.execute(tx);
  return rows;
}

export const linkFindings = (tx: Tx, caseId: bigint, findings: { id: bigint; region_code: string }[]) => findings.length === 0 ? Promise.resolve()
  : tx.insertInto('supervision_case_finding').values(findings.map((f) => ({ case_id: caseId, finding_id: f.id, region_code: f.region_code }))).execute().then(() => undefined);

/** Releases a case's findings (closed or withdrawn): they may be taken up by another case. */
export const releaseFindings = (tx: Tx, caseId: bigint) =>
  tx.updateTable('supervision_case_finding').set({ released_at: new Date() }).where('case_id', '=', caseId).where('released_at', 'is', null).execute();

/** A finding's status follows the case: `case` while taken up, `open` again when the opening is withdrawn. */
export async function setFindingStatus(tx: Tx, ids: bigint[], status: 'open' | 'case') {
  if (ids.length) await tx.updateTable('supervision_finding').set({ status }).where('id', 'in', ids).execute();
}

/** The findings of a case with their evidence, as the detection rules recorded them. */
export const findingsOfCase = (tx: Tx, caseId: bigint) => tx.selectFrom('supervision_case_finding as l')
  .innerJoin('supervision_finding as f', 'f.id', 'l.finding_id')
  .select(['f.id', 'f.rule', 'f.subject', 'f.period', 'f.amount', 'f.evidence', 'f.legal_basis', 'f.status'])
  .where('l.case_id', '=', caseId).orderBy('f.id').execute();

/** The funds with these codes (a conclusion's check). */
export const fundsByCodes = (tx: Tx, codes: string[]) => codes.length === 0 ? Promise.resolve([])
  : tx.selectFrom('fund').select(['code', 'region_code']).where('code', 'in', codes).execute();

export const insertAmounts = (tx: Tx, rows: { case_id: bigint; fund_code: string; region_code: string; amount: bigint }[]) => rows.length === 0 ? Promise.resolve()
  : tx.insertInto('supervision_case_amount').values(rows).execute().then(() => undefined);

/**
 * Per fund: the amount to recover, what was recovered so far — money received (supervision_case_recovery) and what the
 * payrolls kept back from the person's pension (the recoveries of the case's overpayments, benefits offsets.ts) — and
 * what is handed to the payroll and not kept back yet (`offsetting`).
 */
export async function amountsOfCase(tx: Tx, caseId: bigint) {
  const { rows } = await sql<{ fund_code: string; amount: bigint; recovered: bigint; offsetting: bigint }>`
    select a.fund_code, a.amount,
      (select coalesce(sum(r.amount), 0) from supervision_case_recovery r where r.case_id = a.case_id and r.fund_code = a.fund_code)
        + coalesce(o.kept_back, 0) as recovered,
      coalesce(o.handed, 0) - coalesce(o.kept_back, 0) as offsetting
      from supervision_case_amount a
      left join lateral (
        select sum(op.amount)::bigint as handed,
               sum((select coalesce(sum(rr.amount), 0) from benefit_overpayment_recovery rr where rr.person_id = op.person_id and rr.overpayment_id = op.id))::bigint as kept_back
          from benefit_overpayment op join pension_award pa on pa.person_id = op.person_id and pa.id = op.award_id
         where op.case_id = a.case_id and pa.fund_code = a.fund_code) o on true
     where a.case_id = ${caseId}
     order by a.fund_code`.execute(tx);
  return rows.map((row) => ({ fund_code: row.fund_code, amount: BigInt(row.amount), recovered: BigInt(row.recovered), offsetting: BigInt(row.offsetting) }));
}

export type RecoveryInsert = {
  id: bigint; case_id: bigint; region_code: string; fund_code: string; amount: bigint; recovered_on: string; bank_reference: string; entry_id: string; recorded_by: string;
};

export const insertRecovery = (tx: Tx, row: RecoveryInsert) => tx.insertInto('supervision_case_recovery').values(row).execute();

/** The recoveries of a case, in the order received. */
export const recoveriesOfCase = (tx: Tx, caseId: bigint) => tx.selectFrom('supervision_case_recovery')
  .select(['id', 'fund_code', 'amount', 'recovered_on', 'bank_reference', 'entry_id', 'recorded_by', 'recorded_at'])
  .where('case_id', '=', caseId).orderBy('recovered_on').orderBy('id').execute();

export const insertStep = (tx: Tx, row: { id: bigint; case_id: bigint; region_code: string; step: string; username: string; note: string | null; approval_item_id: bigint | null; assignee?: string | null }) =>
  tx.insertInto('supervision_case_step').values(row).execute();

export const stepsOfCase = (tx: Tx, caseId: bigint) => tx.selectFrom('supervision_case_step')
  .select(['step', 'username', 'note', 'approval_item_id', 'assignee', 'at']).where('case_id', '=', caseId).orderBy('at').orderBy('id').execute();

/** Cases with their totals to recover and recovered (ordered by the caller). */
export function casesQuery(tx: Tx, filter: { status?: CaseStatus; assignedTo?: string }) {
  let query = tx.selectFrom('supervision_case as c')
    .select(['c.id', 'c.number', 'c.region_code', 'c.subject_kind', 'c.subject', 'c.kind', 'c.amount_involved', 'c.status', 'c.violation', 'c.opened_by', 'c.opened_at', 'c.assigned_to'])
    .select(sql<bigint>`coalesce((select sum(a.amount) from supervision_case_amount a where a.case_id = c.id), 0)::bigint`.as('to_recover'))
    // money received, and what the payrolls kept back against the case's overpayments (amountsOfCase)
    .select(sql<bigint>`(coalesce((select sum(r.amount) from supervision_case_recovery r where r.case_id = c.id), 0)
      + coalesce((select sum(rr.amount) from benefit_overpayment op join benefit_overpayment_recovery rr on rr.person_id = op.person_id and rr.overpayment_id = op.id
                  where op.case_id = c.id), 0))::bigint`.as('recovered'));
  if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.assignedTo) query = query.where('c.assigned_to', '=', filter.assignedTo);
  return query;
}
