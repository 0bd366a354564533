/** Typed SQL of the annual pension adjustment: the awards it raises, its runs and lines, and applying them. */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import '../awards/awards.tables.ts';
import './adjustment.tables.ts';

export interface AwardToAdjust { person_id: string; award_id: string; region_code: string; birth_date: string; contribution_months: number | null; amount_before: string }

/** Awards of persons administered under the prefix that an adjustment of the year raises (see awardsToAdjust). */
const adjusted = (prefix: string, year: number) =>
  sql`a.status = 'active' and a.region_code like ${`${prefix}%`} and a.awarded_on < ${`${year}-01-01`}::date`;

/**
 * The awards an adjustment raises: paid (active) awards of persons administered under the prefix, retired before the
 * year began (the notice raises those retired by 31 December of the year before), at their amount in the month it
 * takes effect; those of persons in [from, to] when a range is given (a chunk of the run).
 */
export async function awardsToAdjust(tx: Tx, prefix: string, year: number, effectivePeriod: string, range?: { from: bigint; to: bigint }): Promise<AwardToAdjust[]> {
  const { rows } = await sql<AwardToAdjust>`select a.person_id::text, a.id::text as award_id, a.region_code, p.birth_date::text, a.contribution_months,
      pension_amount_in(a.person_id, a.id, ${effectivePeriod})::text as amount_before
    from pension_award a join person p on p.id = a.person_id
    where ${adjusted(prefix, year)} ${range ? sql`and a.person_id between ${range.from} and ${range.to}` : sql``}
    order by a.person_id, a.id`.execute(tx);
  return rows;
}

/** The awards the run raises cut into `chunks` ranges of person ids of about equal size (the job's chunks). */
export async function adjustmentRanges(tx: Tx, prefix: string, year: number, chunks: number): Promise<{ person_from: string; person_to: string }[]> {
  const { rows } = await sql<{ person_from: string; person_to: string }>`select min(person_id)::text as person_from, max(person_id)::text as person_to
    from (select a.person_id, ntile(${chunks}) over (order by a.person_id) as part from pension_award a where ${adjusted(prefix, year)}) t
    group by part order by part`.execute(tx);
  return rows;
}

export const countAwardsToAdjust = async (tx: Tx, prefix: string, year: number) =>
  Number((await sql<{ n: string }>`select count(*) as n from pension_award a where ${adjusted(prefix, year)}`.execute(tx)).rows[0].n);

/** What the run's lines add up to (its chunks all done). */
export async function runTotals(tx: Tx, runId: bigint): Promise<{ awards: number; totalBefore: bigint; totalIncrease: bigint }> {
  const { rows: [row] } = await sql<{ awards: number; total_before: string; total_increase: string }>`select count(*)::int as awards,
      coalesce(sum(amount_before), 0)::text as total_before, coalesce(sum(increase), 0)::text as total_increase
    from pension_adjustment_line where run_id = ${runId}`.execute(tx);
  return { awards: row.awards, totalBefore: BigInt(row.total_before), totalIncrease: BigInt(row.total_increase) };
}

export const submitRun = (tx: Tx, id: bigint, totals: { awards: number; totalBefore: bigint; totalIncrease: bigint }, approvalItemId: bigint) =>
  tx.updateTable('pension_adjustment_run').set({ status: 'submitted', awards: totals.awards, total_before: totals.totalBefore, total_increase: totals.totalIncrease, approval_item_id: approvalItemId })
    .where('id', '=', id).where('status', '=', 'computing').execute();

/** A run of the year whose region contains or lies within this one (two would raise the same pensions twice). */
export const overlappingRun = (tx: Tx, regionCode: string, prefix: string, year: number) =>
  tx.selectFrom('pension_adjustment_run').select(['id', 'region_code', 'status']).where('year', '=', year)
    .where(sql<boolean>`(region_code like ${`${prefix}%`} or ${regionCode} like region_scope_prefix(region_code) || '%')`).executeTakeFirst();

/** A run being computed: its lines come chunk by chunk, its totals when they are all in (submitRun). */
export const insertRun = (tx: Tx, run: { id: bigint; region_code: string; year: number; effective_period: string; rules: string; submitted_by: string; job_id: bigint }) =>
  tx.insertInto('pension_adjustment_run').values({ ...run, status: 'computing', awards: 0, total_before: 0n, total_increase: 0n }).execute();

export interface NewLine { person_id: bigint; id: bigint; award_id: bigint; region_code: string; amount_before: bigint; increase: bigint; parts: string }

/** The run's lines, a thousand per statement. */
export async function insertLines(tx: Tx, runId: bigint, lines: NewLine[]): Promise<void> {
  for (let start = 0; start < lines.length; start += 1000) {
    const rows = JSON.stringify(lines.slice(start, start + 1000), (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
    await sql`insert into pension_adjustment_line (person_id, id, run_id, award_id, region_code, amount_before, increase, parts)
      select person_id, id, ${runId}, award_id, region_code, amount_before, increase, parts::jsonb
      from jsonb_to_recordset(${rows}::jsonb) as r(person_id bigint, id bigint, award_id bigint, region_code text, amount_before bigint, increase bigint, parts text)`.execute(tx);
  }
}

export const runById = (tx: Tx, id: bigint, lock = false) => {
  const query = tx.selectFrom('pension_adjustment_run').selectAll().where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
};

/** Applies a run in two statements: the new amounts from its month and an amount_changed event per award. */
export async function applyRun(tx: Tx, run: { id: bigint; effective_period: string; year: number }, recordedBy: string, reason: string, on: string): Promise<number> {
  const amounts = await sql`insert into pension_award_amount (person_id, id, award_id, region_code, effective_period, monthly_amount, increase, adjustment_run_id)
    select l.person_id, l.id, l.award_id, l.region_code, ${run.effective_period}, l.amount_before + l.increase, l.increase, l.run_id
    from pension_adjustment_line l where l.run_id = ${run.id} and l.increase > 0`.execute(tx);
  await sql`insert into pension_award_event (person_id, id, award_id, region_code, event, effective_period, happened_on, reason, source_type, source_id, recorded_by)
    select l.person_id, l.id, l.award_id, l.region_code, 'amount_changed', ${run.effective_period}, ${on}::date,
      ${reason} || ' +' || to_char(l.increase / 100.0, 'FM999999990.00'), 'pension_adjustment_run', l.run_id, ${recordedBy}
    from pension_adjustment_line l where l.run_id = ${run.id} and l.increase > 0`.execute(tx);
  await tx.updateTable('pension_adjustment_run').set({ status: 'applied', applied_at: new Date() }).where('id', '=', run.id).execute();
  return Number(amounts.numAffectedRows ?? 0n);
}
