/** Typed SQL of the monthly pension payroll: batches, lines (set-based per chunk), line events, transfer requests. */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import { idExpression, type IdBlock } from '../../../platform/ids.ts';
import '../awards/awards.tables.ts';
import './payroll.tables.ts';
import { keptBackByUnapprovedLines } from './payment-order.repository.ts';
import type { BatchStatus, LineStatus } from './payroll.tables.ts';

export interface PayrollFund { fund_code: string; insurance: string; region_code: string; awards: number }

/** The pension funds (of the region subtree `prefix`) with awards active in `period`, and how many. */
export async function fundsWithActiveAwards(tx: Tx, prefix: string, period: string): Promise<PayrollFund[]> {
  const { rows } = await sql<PayrollFund>`select a.fund_code, f.insurance, f.region_code, count(*)::int as awards
    from pension_award a join fund f on f.code = a.fund_code
    where a.status = 'active' and a.first_period <= ${period} and f.region_code like ${`${prefix}%`}
    group by a.fund_code, f.insurance, f.region_code order by a.fund_code`.execute(tx);
  return rows;
}

/** `chunks` ranges of person ids of about equal size over the fund's awards active in the period. */
export async function awardRanges(tx: Tx, fundCode: string, period: string, chunks: number): Promise<{ person_from: string; person_to: string }[]> {
  const { rows } = await sql<{ person_from: string; person_to: string }>`select min(person_id)::text as person_from, max(person_id)::text as person_to
    from (select person_id, ntile(${chunks}) over (order by person_id) as part from pension_award
          where fund_code = ${fundCode} and status = 'active' and first_period <= ${period}) t
    group by part order by part`.execute(tx);
  return rows;
}

export const findBatch = (tx: Tx, fundCode: string, period: string) =>
  tx.selectFrom('payroll_batch').selectAll().where('fund_code', '=', fundCode).where('period', '=', period).executeTakeFirst();

export const findBatchById = (tx: Tx, id: bigint, forUpdate = false) => {
  const query = tx.selectFrom('payroll_batch').selectAll().where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
};

export const insertBatch = (tx: Tx, batch: { id: bigint; fund_code: string; region_code: string; period: string; job_id: bigint; created_by: string }) =>
  tx.insertInto('payroll_batch').values(batch).onConflict((c) => c.columns(['fund_code', 'period']).doNothing()).execute();

export const updateBatch = (tx: Tx, id: bigint, patch: { status?: BatchStatus; payees?: number; total?: bigint; offset_total?: bigint; approval_item_id?: bigint; transfer_request_id?: bigint }) =>
  tx.updateTable('payroll_batch').set(patch).where('id', '=', id).execute();

export const batchesOfPeriod = (tx: Tx, period: string, prefix: string) =>
  tx.selectFrom('payroll_batch').selectAll().where('period', '=', period).where('region_code', 'like', `${prefix}%`).orderBy('fund_code').execute();

export interface RegionPayroll { fund_code: string; fund_name: string; region_code: string; region_name: string; payees: number; total: string }

/** 养老金发放汇总: the period's lines per fund and the pensioners' own region (where each award is administered). */
export async function payrollByRegion(tx: Tx, period: string, prefix: string): Promise<RegionPayroll[]> {
  const { rows } = await sql<RegionPayroll>`select b.fund_code, f.name as fund_name, a.region_code, r.name as region_name, count(*)::int as payees, sum(l.amount)::text as total
    from payroll_batch b join fund f on f.code = b.fund_code
      join payroll_line l on l.batch_id = b.id
      join pension_award a on a.person_id = l.person_id and a.id = l.award_id
      join region r on r.code = a.region_code
    where b.period = ${period} and b.region_code like ${`${prefix}%`}
    group by b.fund_code, f.name, a.region_code, r.name order by b.fund_code, a.region_code`.execute(tx);
  return rows;
}

export function batchesQuery(tx: Tx, filter: { period?: string; fund?: string }) {
  let query = tx.selectFrom('payroll_batch').selectAll();
  if (filter.period) query = query.where('period', '=', filter.period);
  if (filter.fund) query = query.where('fund_code', '=', filter.fund);
  return query;
}

export const countAwardsInRange = async (tx: Tx, fundCode: string, period: string, from: bigint, to: bigint) => Number((await tx.selectFrom('pension_award')
  .select((eb) => eb.fn.countAll<string>().as('n')).where('fund_code', '=', fundCode).where('status', '=', 'active').where('first_period', '<=', period)
  .where('person_id', '>=', from).where('person_id', '<=', to).executeTakeFirstOrThrow()).n);

/**
 * One chunk of a batch: a line per award active in the period with person id in [from, to], its amount the amount in
 * force in the period — the latest dated amount (pension_award_amount, 养老金调整) from a month up to the period, else
 * the award's own amount, as pension_amount_in() (migration 0037) says, written inline: one index probe per award on
 * pension_award_amount (person_id, award_id, effective_period), no function call per row. Its reference is
 * YL<yyyymm><award id> (stable: the same award and month always give the same one). A line written before (a resumed
 * chunk) stays as it is.
 * Its offset (amount_offset, offsets.ts): for a pensioner with an open overpayment of the fund, what is still owed less
 * what other unapproved batches keep back, at most `offsetShare` of the month's amount rounded down to the fen; the
 * probe for an open overpayment is all other pensioners cost.
 */
export async function insertLinesOfChunk(tx: Tx, input: { batchId: bigint; fundCode: string; regionCode: string; period: string; from: bigint; to: bigint; ids: IdBlock; offsetShare: string }): Promise<number> {
  const result = await sql`insert into payroll_line (person_id, id, batch_id, award_id, region_code, reference, amount, amount_offset)
    select person_id, ${sql.raw(idExpression(input.ids, 'k'))}, ${input.batchId}, id, ${input.regionCode}, 'YL' || ${input.period.replace('-', '')} || id::text, amount,
      case when not exists (select 1 from benefit_overpayment o where o.person_id = a.person_id and o.status = 'open') then 0
        else greatest(0, least(floor(amount * ${input.offsetShare}::numeric)::bigint,
          (select coalesce(sum(o.amount - (select coalesce(sum(r.amount), 0) from benefit_overpayment_recovery r where r.person_id = o.person_id and r.overpayment_id = o.id)), 0)
             from benefit_overpayment o join pension_award oa on oa.person_id = o.person_id and oa.id = o.award_id
            where o.person_id = a.person_id and o.status = 'open' and oa.fund_code = ${input.fundCode})
          - ${keptBackByUnapprovedLines(sql.ref('a.person_id'), input.fundCode)}))
      end
    from (select person_id, id, row_number() over (order by person_id, id) - 1 as k,
            coalesce((select c.monthly_amount from pension_award_amount c
                      where c.person_id = w.person_id and c.award_id = w.id and c.effective_period <= ${input.period}
                      order by c.effective_period desc limit 1), w.monthly_amount) as amount
          from pension_award w
          where fund_code = ${input.fundCode} and status = 'active' and first_period <= ${input.period} and person_id between ${input.from} and ${input.to}) a
    on conflict (batch_id, award_id) do nothing`.execute(tx);
  return Number(result.numAffectedRows ?? 0n);
}

export async function batchTotals(tx: Tx, batchId: bigint): Promise<{ payees: number; total: bigint; offsetTotal: bigint }> {
  const row = await tx.selectFrom('payroll_line').select((eb) => [eb.fn.countAll<string>().as('payees'), eb.fn.coalesce(eb.fn.sum<string>('amount'), sql`0`).as('total'),
    eb.fn.coalesce(eb.fn.sum<string>('amount_offset'), sql`0`).as('offset_total')])
    .where('batch_id', '=', batchId).executeTakeFirstOrThrow();
  return { payees: Number(row.payees), total: BigInt(row.total as string), offsetTotal: BigInt(row.offset_total as string) };
}

export interface OffsetLine { person_id: bigint; id: bigint; award_id: bigint; region_code: string; reference: string; amount: bigint; amount_offset: bigint }

/** The lines of a batch that keep part of the month back against an overpayment (few), by reference. */
export const offsetLinesOfBatch = (tx: Tx, batchId: bigint): Promise<OffsetLine[]> => tx.selectFrom('payroll_line')
  .select(['person_id', 'id', 'award_id', 'region_code', 'reference', 'amount', 'amount_offset'])
  .where('batch_id', '=', batchId).where('amount_offset', '>', 0n).orderBy('reference').execute();

/** `amount`: what the bank pays, the month's amount less its offset. */
export interface LineToPay { reference: string; amount: bigint; id_number: string; name: string; bank_account: string }

/**
 * Sends what the bank file pays: the lines of the batches not paid yet and not already sent (pending, or returned
 * and re-queued) of active awards move to `sent`, each with its `sent` event, in one statement. `ids` holds at least
 * as many ids as the batches have lines. Returns how many were sent.
 */
export async function sendLinesToPay(tx: Tx, batchIds: bigint[], ids: IdBlock, event: { happenedOn: string; recordedBy: string }): Promise<number> {
  const result = await sql`with sent as (
      update payroll_line l set status = 'sent' from pension_award a
      where l.batch_id = any(${batchIds.map(String)}::bigint[]) and l.status in ('pending', 'returned')
        and a.person_id = l.person_id and a.id = l.award_id and a.status = 'active'
      returning l.person_id, l.id, l.region_code)
    insert into payroll_line_event (person_id, id, line_id, region_code, event, happened_on, recorded_by)
    select person_id, ${sql.raw(idExpression(ids, 'k'))}, id, region_code, 'sent', ${event.happenedOn}::date, ${event.recordedBy}
    from (select sent.*, row_number() over () - 1 as k from sent) s`.execute(tx);
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * What the bank file pays (lines sent and not answered, of active awards) by reference, read through a cursor of the
 * transaction `count` rows at a time: one plan for the whole file, a page never searched for again.
 */
export async function* linesToPay(tx: Tx, batchIds: bigint[], count: number): AsyncIterable<LineToPay[]> {
  const query = tx.selectFrom('payroll_line as l')
    .innerJoin('pension_award as a', (join) => join.onRef('a.person_id', '=', 'l.person_id').onRef('a.id', '=', 'l.award_id'))
    .innerJoin('person as p', 'p.id', 'l.person_id')
    .select(['l.reference', sql<string>`l.amount - l.amount_offset`.as('amount'), 'p.id_number', 'p.name', 'a.bank_account'])
    .where('l.batch_id', 'in', batchIds).where('l.status', '=', 'sent').where('a.status', '=', 'active').orderBy('l.reference');
  await sql`declare bank_file_lines no scroll cursor for ${query}`.execute(tx);
  try {
    for (;;) {
      const { rows } = await sql<LineToPay>`fetch ${sql.raw(String(count))} from bank_file_lines`.execute(tx);
      if (!rows.length) return;
      yield rows.map((row) => ({ ...row, amount: BigInt(row.amount) }));
    }
  } finally {
    await sql`close bank_file_lines`.execute(tx);
  }
}

export interface LineEvent { person_id: bigint; id: bigint; line_id: bigint; region_code: string; event: 'sent' | 'paid' | 'returned'; happened_on: string; reason: string | null; import_id: bigint | null; recorded_by: string }

export async function insertLineEvents(tx: Tx, events: LineEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 5000) await tx.insertInto('payroll_line_event').values(events.slice(i, i + 5000)).execute();
}

/** Moves lines to a status (with the event recorded by the caller in the same transaction). */
export async function setLineStatus(tx: Tx, lines: { person_id: bigint; id: bigint }[], change: { status: LineStatus; paid_on?: string; reason?: string; countReturn?: boolean }): Promise<void> {
  for (let i = 0; i < lines.length; i += 5000) {
    const part = lines.slice(i, i + 5000);
    await sql`update payroll_line l set status = ${change.status}, paid_on = ${change.paid_on ?? null}::date,
        reason = coalesce(${change.reason ?? null}, l.reason), return_count = l.return_count + ${change.countReturn ? 1 : 0}
      from unnest(${part.map((l) => l.person_id.toString())}::bigint[], ${part.map((l) => l.id.toString())}::bigint[]) as s(person_id, id)
      where l.person_id = s.person_id and l.id = s.id`.execute(tx);
  }
}

/** `payable`: what the bank was to pay, the month's amount less its offset. */
export interface LineByReference { person_id: bigint; id: bigint; batch_id: bigint; award_id: bigint; reference: string; payable: bigint; status: LineStatus; return_count: number; paid_on: string | null; region_code: string; fund_code: string; period: string }

export const linesByReferences = (tx: Tx, references: string[]) => references.length === 0 ? Promise.resolve([] as LineByReference[]) : tx.selectFrom('payroll_line as l')
  .innerJoin('payroll_batch as b', 'b.id', 'l.batch_id')
  .select(['l.person_id', 'l.id', 'l.batch_id', 'l.award_id', 'l.reference', sql<bigint>`l.amount - l.amount_offset`.as('payable'), 'l.status', 'l.return_count', sql<string | null>`l.paid_on::text`.as('paid_on'), 'l.region_code', 'b.fund_code', 'b.period'])
  .where('l.reference', 'in', references).execute() as Promise<LineByReference[]>;

/** Batches whose every line is paid or belongs to a suspended award: settled. */
export async function settleBatches(tx: Tx, batchIds: bigint[]): Promise<void> {
  if (!batchIds.length) return;
  await sql`update payroll_batch b set status = 'settled' where b.id = any(${batchIds.map(String)}::bigint[]) and b.status = 'bank_file_issued'
    and not exists (select 1 from payroll_line l join pension_award a on a.person_id = l.person_id and a.id = l.award_id
                    where l.batch_id = b.id and l.status <> 'paid' and a.status = 'active')`.execute(tx);
}

export function linesQuery(tx: Tx, batchId: bigint, status?: LineStatus) {
  let query = tx.selectFrom('payroll_line as l').innerJoin('person as p', 'p.id', 'l.person_id')
    .select(['l.person_id', 'l.id', 'l.reference', 'p.id_number', 'p.name', 'l.amount', 'l.amount_offset', 'l.status', 'l.return_count', 'l.reason', sql<string | null>`l.paid_on::text`.as('paid_on')])
    .where('l.batch_id', '=', batchId);
  if (status) query = query.where('l.status', '=', status);
  return query;
}

export const insertTransferRequest = (tx: Tx, request: {
  id: bigint; fund_code: string; region_code: string; amount: bigint; purpose: string; batch_id: bigint | null; payment_order_id?: bigint; requested_by: string; approval_item_id: bigint | null;
}) =>
  tx.insertInto('fund_transfer_request').values(request).execute();

export const setTransferApprovalItem = (tx: Tx, id: bigint, itemId: bigint) =>
  tx.updateTable('fund_transfer_request').set({ approval_item_id: itemId }).where('id', '=', id).execute();

export const findTransferRequest = (tx: Tx, id: bigint) => tx.selectFrom('fund_transfer_request').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const approveTransferRequest = (tx: Tx, id: bigint, entryId: bigint) =>
  tx.updateTable('fund_transfer_request').set({ status: 'approved', entry_id: entryId }).where('id', '=', id).execute();

/**
 * What the fund's signed-off benefit payments not yet paid still take from its 支出户 (ledger expense-account.service):
 * the payroll lines of batches past sign-off not paid (a line of a suspended award stays unpaid in a settled batch and
 * takes nothing), the payable part of orders approved and not paid, less the transfers requested for them that
 * finance has not yet approved (their money is not in the 支出户 yet).
 */
export async function expenseAccountCommitments(tx: Tx, fundCode: string): Promise<bigint> {
  const { rows } = await sql<{ committed: string }>`select (
      coalesce((select sum(l.amount - l.amount_offset) from payroll_batch b join payroll_line l on l.batch_id = b.id
                where b.fund_code = ${fundCode} and b.status in ('signed_off', 'funded', 'bank_file_issued') and l.status <> 'paid'), 0)
    + coalesce((select sum(o.amount - o.amount_offset) from benefit_payment_order o
                where o.fund_code = ${fundCode} and o.status in ('approved', 'funded', 'sent', 'returned')), 0)
    - coalesce((select sum(r.amount) from fund_transfer_request r where r.fund_code = ${fundCode} and r.status = 'pending'), 0)
    )::text as committed`.execute(tx);
  return BigInt(rows[0].committed);
}

/** For the budget indicators (预算指标 committed): the unpaid lines of signed-off batches, per fund and payroll year. */
export async function unpaidPayrollByFund(tx: Tx, fundCodes: string[]): Promise<{ fund_code: string; year: number; amount: bigint }[]> {
  const { rows } = await sql<{ fund_code: string; year: string; amount: string }>`
    select b.fund_code, left(b.period, 4) as year, sum(l.amount - l.amount_offset)::text as amount
      from payroll_batch b join payroll_line l on l.batch_id = b.id
     where b.fund_code = any(${fundCodes}::text[]) and b.status in ('signed_off', 'funded', 'bank_file_issued') and l.status <> 'paid'
     group by b.fund_code, left(b.period, 4)`.execute(tx);
  return rows.map((row) => ({ fund_code: row.fund_code, year: Number(row.year), amount: BigInt(row.amount) }));
}
