/** Typed SQL of the budget adjustments: requests, their lines, and the targets a new version carries over. */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import './adjustments.tables.ts';
import '../versions/versions.tables.ts';
import type { AdjustmentStatus } from './adjustments.tables.ts';

export type AdjustmentRow = Awaited<ReturnType<typeof adjustmentById>> & {};
export type AdjustmentLineRow = Awaited<ReturnType<typeof linesOf>>[number];

export const adjustmentById = (tx: Tx, id: bigint, forUpdate = false) => {
  const query = tx.selectFrom('budget_adjustment').selectAll().where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
};

/** The adjustments of a region and year, newest first. */
export const adjustmentsOf = (tx: Tx, region: string, year: number) =>
  tx.selectFrom('budget_adjustment').selectAll().where('region_code', '=', region).where('year', '=', year)
    .orderBy('requested_at', 'desc').orderBy('id', 'desc').execute();

/** The approved adjustments that created these versions. */
export const adjustmentsCreating = (tx: Tx, versionIds: bigint[]) => (versionIds.length === 0 ? Promise.resolve([]) :
  tx.selectFrom('budget_adjustment').selectAll().where('result_version_id', 'in', versionIds).execute());

export const linesOf = (tx: Tx, adjustmentIds: bigint[]) => (adjustmentIds.length === 0 ? Promise.resolve([]) :
  tx.selectFrom('budget_adjustment_line').selectAll().where('adjustment_id', 'in', adjustmentIds)
    .orderBy('adjustment_id').orderBy('fund').orderBy(sql`side = 'expense'`).orderBy('subject').execute());

export async function insertAdjustment(tx: Tx, row: {
  id: bigint; region_code: string; year: number; version_id: bigint; explanation: string; approval_item_id: bigint; requested_by: string; requested_by_id: bigint | null;
}, lines: { adjustment_id: bigint; fund: string; side: 'income' | 'expense'; subject: string; region_code: string; name: string; from_amount: bigint | null; to_amount: bigint; reason: string }[]) {
  await tx.insertInto('budget_adjustment').values(row).execute();
  await tx.insertInto('budget_adjustment_line').values(lines).execute();
}

export const updateAdjustment = (tx: Tx, id: bigint, changes: { status: AdjustmentStatus; result_version_id?: bigint; approved_by?: string; approved_at?: Date }) =>
  tx.updateTable('budget_adjustment').set(changes).where('id', '=', id).execute();

/** The performance targets of one version carried over to another, as they are. */
export const copyTargets = (tx: Tx, fromVersion: bigint, toVersion: bigint) => sql`
  insert into budget_target (version_id, fund, indicator, region_code, dimension, name, unit, comparison, target_value, reason)
  select ${toVersion}, fund, indicator, region_code, dimension, name, unit, comparison, target_value, reason
  from budget_target where version_id = ${fromVersion}`.execute(tx);
