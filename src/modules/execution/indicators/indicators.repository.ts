/** Typed SQL of the budget indicators: the indicators are computed (no table of their own); only the check's lock is here. */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';

/**
 * Serialises the budget checks of one fund until the transaction ends, so that two approvals at once cannot both find
 * the same available amount (a transaction-scoped advisory lock: nothing else waits on it).
 */
export async function lockIndicatorsOfFund(tx: Tx, fundCode: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`budget-indicator:${fundCode}`}))`.execute(tx);
}
