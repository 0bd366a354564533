/**
 * Typed SQL of the self-paying billing run (migrations/0034_self_paying_contributors.sql; bills as in 0005): how a run
 * splits its payers and the set-based chunk statement (text in self-paying.sql.ts). In the caller's scoped transaction.
 */
import { CompiledQuery, sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import type { IdBlock } from '../../../platform/ids.ts';
import type { RoundingMode } from '../../../platform/money.ts';
import type { SelfPayingParameters } from './self-paying.calc.ts';
import { selfPayingChunkSql } from './self-paying.sql.ts';

/** The regions of the subtree with self-paying payers, and whether anyone there pays medical from some month on. */
export async function selfPayingRegions(tx: Tx, prefix: string) {
  return (await sql<{ region_code: string; n: number; medical: boolean }>`
    select r.region_code, count(distinct r.employer_id)::int as n, coalesce(bool_or('medical' = any(t.insurances)), false) as medical
    from self_paying_registration r join self_paying_terms t on t.employer_id = r.employer_id
    where r.region_code like ${prefix} || '%' group by r.region_code order by r.region_code`.execute(tx)).rows;
}

/** The subtree's payers split into `chunkCount` ranges of consecutive ids (ntile), in order. */
export async function payerRanges(tx: Tx, chunkCount: number, prefix: string) {
  if (chunkCount === 0) return [];
  return (await sql<{ payer_from: bigint; payer_to: bigint }>`
    select min(employer_id) as payer_from, max(employer_id) as payer_to
    from (select employer_id, ntile(${chunkCount}::int) over (order by employer_id) as n from self_paying_registration where region_code like ${prefix} || '%') t
    group by n order by n`.execute(tx)).rows;
}

export const countPayersInRange = async (tx: Tx, from: bigint, to: bigint): Promise<number> =>
  (await sql<{ n: number }>`select count(*)::int as n from self_paying_registration where employer_id between ${from} and ${to}`.execute(tx)).rows[0].n;

/** Bills a chunk's payers (id in [from, to], region below `regionPrefix`, no bill for the period yet) in one statement. */
export async function insertSelfPayingBills(tx: Tx, sqlInput: { parameters: SelfPayingParameters; funds: Record<string, Record<string, string>>; billIds: IdBlock; rounding: RoundingMode },
  chunk: { from: bigint; to: bigint; regionPrefix: string; period: string; runId: bigint; chunk: number }): Promise<void> {
  const statement = selfPayingChunkSql(sqlInput.parameters, sqlInput.funds, sqlInput.billIds, sqlInput.rounding);
  await tx.executeQuery(CompiledQuery.raw(statement, [chunk.from, chunk.to, chunk.regionPrefix, chunk.period, chunk.runId, chunk.chunk]));
}
