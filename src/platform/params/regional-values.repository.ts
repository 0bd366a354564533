/** Typed SQL of the regional parameter values approved in the UI (parameter_value, migration 0017). */
import { sql, type Generated, type Insertable } from 'kysely';
import type { Tx } from '../actor.ts';
import type { Tables } from '../database.ts';

declare module '../database.ts' {
  interface Tables {
    parameter_value: {
      id: Generated<bigint>; path: string; region_code: string; since: string; value_text: string; reference: string;
      approval_item_id: bigint | null; proposed_by_id: bigint | null; proposed_by: string; approved_by_id: bigint | null; approved_by: string;
      approved_at: Generated<Date>;
    };
  }
}

export const insertValue = (tx: Tx, row: Insertable<Tables['parameter_value']>) => tx.insertInto('parameter_value').values(row).execute();

/** Every approved value, in approval order (a later one on the same region and date replaces an earlier one). */
export const allValues = (tx: Tx) => tx.selectFrom('parameter_value')
  .select(['id', 'path', 'region_code', 'since', 'value_text', 'reference', 'proposed_by', 'approved_by', 'approved_at', 'approval_item_id'])
  .orderBy('id').execute();

/** The newest approval: a process reloads the values when it changed. */
export const newestValueId = async (tx: Tx): Promise<bigint | null> =>
  (await sql<{ id: bigint | null }>`select max(id) as id from parameter_value`.execute(tx)).rows[0]?.id ?? null;

/** Who proposed and approved the values of one parameter (for its history). */
export const valuesOfPath = (tx: Tx, path: string) => tx.selectFrom('parameter_value')
  .select(['id', 'region_code', 'since', 'value_text', 'reference', 'proposed_by', 'approved_by', 'approved_at', 'approval_item_id'])
  .where('path', '=', path).orderBy('since', 'desc').orderBy('id', 'desc').execute();
