/** Typed SQL of the region tree (region; migrations/0001_platform.sql). */
import type { Tx } from './actor.ts';

/** A region's code if it exists (in the transaction's scope). */
export const findRegionCode = (tx: Tx, code: string) => tx.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst();

/** Codes of at most `limit` provinces. */
export const provinceCodes = async (tx: Tx, limit: number): Promise<string[]> =>
  (await tx.selectFrom('region').select('code').where('level', '=', 'province').limit(limit).execute()).map((row) => row.code);
