/** Typed SQL of the quota allocation (migrations/0075_medical_quota_allocation.sql). Money is bigint fen. */
import { sql, type Generated, type Insertable } from 'kysely';
import type { Tables } from '../../../platform/database.ts';
import type { Tx } from '../../../platform/actor.ts';
import type { InstitutionKind } from '../medical.tables.ts';
import type { BasisSource, BudgetLineName } from './allocation.calc.ts';

export type AllocationStatus = 'submitted' | 'returned' | 'approved' | 'cancelled';

declare module '../../../platform/database.ts' {
  interface Tables {
    medical_quota_allocation: {
      id: bigint; region_code: string; fund_code: string; year: number; budget_version_id: bigint; status: AllocationStatus;
      inpatient_budget: bigint; inpatient_reserve: bigint; outpatient_budget: bigint; outpatient_reserve: bigint; total: bigint;
      basis_from: string | null; basis_to: string | null; rules: unknown; approval_item_id: bigint | null; created_by: string; created_at: Generated<Date>;
    };
    medical_quota_allocation_line: {
      allocation_id: bigint; institution_id: bigint; region_code: string; budget_line: BudgetLineName; basis: bigint; basis_source: BasisSource;
      basis_months: number; level_factor: string; proposed: bigint; quota: bigint; reserve_share: string; reason: string | null;
    };
  }
}

/** The last month before `beforeMonth` with settlement data of the pooling region's institutions (null: none). */
export async function lastSettledMonth(tx: Tx, poolingRegion: string, beforeMonth: string): Promise<string | null> {
  const { rows } = await sql<{ month: string | null }>`select max(s.month) as month from medical_monthly_settlement s
    join medical_institution i on i.id = s.institution_id where i.pooling_region_code = ${poolingRegion} and s.month < ${beforeMonth}`.execute(tx);
  return rows[0]?.month ?? null;
}

export interface InstitutionHistoryRow {
  institution_id: bigint; code: string; name: string; kind: InstitutionKind; region_code: string;
  settled: bigint; settled_months: number; previous_quota: bigint | null; reserve_share: string | null;
}

/**
 * The active institutions of the pooling region, by code, with their fund-payable and settled months from `from` to
 * `to` (none read when they are null: the settlement data are then not touched), their quota in force for `year − 1`, and the reserve share of their latest quota before `year`.
 */
export async function institutionHistories(tx: Tx, poolingRegion: string, year: number, from: string | null, to: string | null): Promise<InstitutionHistoryRow[]> {
  const { rows } = await sql<InstitutionHistoryRow>`select i.id as institution_id, i.code, i.name, i.kind, i.region_code,
      coalesce(s.settled, 0)::bigint as settled, coalesce(s.months, 0)::int as settled_months,
      (select q.annual_quota from medical_quota q where q.institution_id = i.id and q.year = ${year - 1} order by q.recorded_at desc, q.id desc limit 1) as previous_quota,
      (select q.reserve_share::text from medical_quota q where q.institution_id = i.id and q.year < ${year} order by q.year desc, q.recorded_at desc, q.id desc limit 1) as reserve_share
    from medical_institution i
    left join lateral (select sum(fund_payable) as settled, count(distinct month) as months from medical_monthly_settlement
      where ${from}::text is not null and institution_id = i.id and month between ${from} and ${to}) s on true
    where i.pooling_region_code = ${poolingRegion} and i.status = 'active'
    order by i.code`.execute(tx);
  return rows.map((row) => ({ ...row, settled: BigInt(row.settled), previous_quota: row.previous_quota === null ? null : BigInt(row.previous_quota) }));
}

export const insertAllocation = (tx: Tx, row: Insertable<Tables['medical_quota_allocation']>) => tx.insertInto('medical_quota_allocation').values(row).execute();
export const insertAllocationLines = (tx: Tx, rows: Insertable<Tables['medical_quota_allocation_line']>[]) =>
  (rows.length ? tx.insertInto('medical_quota_allocation_line').values(rows).execute() : Promise.resolve([]));
export const updateAllocation = (tx: Tx, id: bigint, changes: { status?: AllocationStatus; approval_item_id?: bigint }) =>
  tx.updateTable('medical_quota_allocation').set(changes).where('id', '=', id).execute();

export const allocationById = (tx: Tx, id: bigint, forUpdate = false) => {
  const query = tx.selectFrom('medical_quota_allocation').selectAll().where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
};

/** The region's latest allocation of the year that was not cancelled. */
export const latestAllocation = (tx: Tx, poolingRegion: string, year: number) =>
  tx.selectFrom('medical_quota_allocation').selectAll().where('region_code', '=', poolingRegion).where('year', '=', year)
    .where('status', '<>', 'cancelled').orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst();

export const allocationLines = (tx: Tx, allocationId: bigint) =>
  tx.selectFrom('medical_quota_allocation_line as l').innerJoin('medical_institution as i', 'i.id', 'l.institution_id')
    .select(['l.institution_id', 'i.code', 'i.name', 'i.kind', 'l.region_code', 'l.budget_line', 'l.basis', 'l.basis_source', 'l.basis_months', 'l.level_factor',
      'l.proposed', 'l.quota', 'l.reserve_share', 'l.reason'])
    .where('l.allocation_id', '=', allocationId).orderBy('i.code').execute();
