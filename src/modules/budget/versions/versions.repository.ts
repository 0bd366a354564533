/** Typed SQL of the budget versions: versions, their tables, lines, comments and targets, and the regions to aggregate. */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import './versions.tables.ts';
import type { VersionBasis, VersionStatus } from './versions.tables.ts';

export type VersionRow = Awaited<ReturnType<typeof versionById>> & {};

export const versionById = (tx: Tx, id: bigint, forUpdate = false) => {
  const query = tx.selectFrom('budget_version').selectAll().where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
};

export const versionByNumber = (tx: Tx, region: string, year: number, number: number) =>
  tx.selectFrom('budget_version').selectAll().where('region_code', '=', region).where('year', '=', year).where('number', '=', number).executeTakeFirst();

export const versionOfItem = (tx: Tx, approvalItemId: bigint) =>
  tx.selectFrom('budget_version').selectAll().where('approval_item_id', '=', approvalItemId).forUpdate().executeTakeFirst();

/** The versions of a region and year, newest first. */
export const versionsOf = (tx: Tx, region: string, year: number) =>
  tx.selectFrom('budget_version').selectAll().where('region_code', '=', region).where('year', '=', year).orderBy('number', 'desc').execute();

/** The newest version of a region and year with this status and basis (either basis when none is given); with `earliest`, the oldest. */
export function latestVersion(tx: Tx, region: string, year: number, filter: { status?: VersionStatus; basis?: VersionBasis; earliest?: boolean }) {
  let query = tx.selectFrom('budget_version').selectAll().where('region_code', '=', region).where('year', '=', year);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.basis) query = query.where('basis', '=', filter.basis);
  return query.orderBy('number', filter.earliest ? 'asc' : 'desc').limit(1).executeTakeFirst();
}

/** The next number of a region and year; the lock on the region's row serialises two creations of the same budget. */
export async function nextNumber(tx: Tx, region: string, year: number): Promise<number> {
  await sql`select 1 from region where code = ${region} for update`.execute(tx);
  const row = await tx.selectFrom('budget_version').select(sql<number>`coalesce(max(number), 0) + 1`.as('next'))
    .where('region_code', '=', region).where('year', '=', year).executeTakeFirstOrThrow();
  return Number(row.next);
}

export const insertVersion = (tx: Tx, row: {
  id: bigint; region_code: string; year: number; number: number; basis: VersionBasis; chart_year: number | null; last_actual_month: string | null;
  sources: string | null; created_by: string; created_by_id: bigint | null;
}) => tx.insertInto('budget_version').values(row).execute();

export const updateVersion = (tx: Tx, id: bigint, changes: {
  status?: VersionStatus; approval_item_id?: bigint; submissions?: number; approved_at?: Date; approved_by?: string;
}) => tx.updateTable('budget_version').set(changes).where('id', '=', id).execute();

export interface TableRow {
  version_id: bigint; fund: string; region_code: string; scheme: string; table_code: string; table_name: string;
  total_income: bigint; total_expense: bigint; balance: bigint; previous_accumulated_balance: bigint; accumulated_balance: bigint;
}
export interface LineRow {
  version_id: bigint; fund: string; side: 'income' | 'expense'; subject: string; parent_subject: string | null; line_number: number; region_code: string;
  name: string; amount: bigint; drafted_amount: bigint; forecast: string | null; reason: string | null; adjusted_by: string | null; adjusted_at: Date | null;
}
export interface TargetRow {
  version_id: bigint; fund: string; indicator: string; region_code: string; dimension: 'decision' | 'process' | 'output' | 'effect';
  name: string; unit: string; comparison: 'at_least' | 'at_most'; target_value: string; reason: string | null;
}

/** A version's tables, lines (parents before their rows: the self-reference is checked at the statement's end) and targets. */
export async function insertContent(tx: Tx, tables: TableRow[], lines: LineRow[], targets: TargetRow[]) {
  if (tables.length) await tx.insertInto('budget_version_table').values(tables).execute();
  if (lines.length) await tx.insertInto('budget_line').values(lines).execute();
  if (targets.length) await tx.insertInto('budget_target').values(targets).execute();
}

export const tablesOf = (tx: Tx, versionIds: bigint[]) =>
  tx.selectFrom('budget_version_table').selectAll().where('version_id', 'in', versionIds).orderBy('version_id').orderBy('table_code').orderBy('fund').execute();

export const linesOf = (tx: Tx, versionIds: bigint[]) =>
  tx.selectFrom('budget_line').selectAll().where('version_id', 'in', versionIds)
    .orderBy('version_id').orderBy('fund').orderBy(sql`side = 'expense'`).orderBy('line_number').execute();

export const commentsOf = (tx: Tx, versionId: bigint) =>
  tx.selectFrom('budget_line_comment').selectAll().where('version_id', '=', versionId).orderBy('created_at').orderBy('id').execute();

export const targetsOf = (tx: Tx, versionId: bigint) =>
  tx.selectFrom('budget_target').selectAll().where('version_id', '=', versionId).orderBy('fund').execute();

/** The lines that changed in an adjustment: amounts, and for the line adjusted its reason. */
export async function updateLines(tx: Tx, versionId: bigint, lines: { fund: string; side: 'income' | 'expense'; subject: string; amount: bigint; reason?: string; adjusted_by?: string }[]) {
  for (const line of lines) {
    await tx.updateTable('budget_line')
      .set({ amount: line.amount, ...(line.reason ? { reason: line.reason, adjusted_by: line.adjusted_by!, adjusted_at: new Date() } : {}) })
      .where('version_id', '=', versionId).where('fund', '=', line.fund).where('side', '=', line.side).where('subject', '=', line.subject).execute();
  }
}

export const updateTableTotals = (tx: Tx, versionId: bigint, fund: string, totals: { total_income: bigint; total_expense: bigint; balance: bigint; accumulated_balance: bigint }) =>
  tx.updateTable('budget_version_table').set(totals).where('version_id', '=', versionId).where('fund', '=', fund).execute();

export const updateTarget = (tx: Tx, versionId: bigint, fund: string, indicator: string, value: string, reason: string) =>
  tx.updateTable('budget_target').set({ target_value: value, reason }).where('version_id', '=', versionId).where('fund', '=', fund).where('indicator', '=', indicator).execute();

export async function insertComments(tx: Tx, rows: {
  version_id: bigint; id: bigint; fund: string; side: 'income' | 'expense'; subject: string; region_code: string; submission: number; comment: string; commented_by: string; commented_by_id: bigint | null;
}[]): Promise<void> {
  if (rows.length) await tx.insertInto('budget_line_comment').values(rows).execute();
}

/** Does the region hold a fund of its own (the pooling region of some insurance)? */
export const holdsOwnFund = async (tx: Tx, region: string) =>
  (await tx.selectFrom('fund').select('id').where('region_code', '=', region).limit(1).executeTakeFirst()) !== undefined;

/** The regions right below this one that hold a fund themselves or below them: each owes the level its approved budget. */
export const childrenWithFunds = (tx: Tx, region: string) =>
  tx.selectFrom('region as r').select(['r.code', 'r.name']).where('r.parent_code', '=', region)
    .where(sql<boolean>`exists (select 1 from fund f where f.region_code like region_scope_prefix(r.code) || '%')`)
    .orderBy('r.code').execute();
