/**
 * Typed SQL of the duty assignments (岗位责任, migrations/0060_duty_assignments.sql): the chain of assignments per region
 * and scheme, the staff a region may be assigned to, the open alerts per fund and severity for the focus list, and the
 * owner of a new alert.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import './duty.tables.ts';

export interface AssignmentRow {
  id: bigint; region_code: string; scheme: string; username: string; name: string; valid_from: string;
  /** The last day of its period: the day before the assignment that superseded it; null while in force. */
  valid_to: string | null; superseded_by: bigint | null; assigned_by: string; assigned_at: Date;
}

function assignments(tx: Tx) {
  return tx.selectFrom('duty_assignment as assignment')
    .leftJoin('duty_assignment as later', 'later.supersedes_id', 'assignment.id')
    .select([
      'assignment.id', 'assignment.region_code', 'assignment.scheme', 'assignment.username', 'assignment.name', 'assignment.valid_from',
      sql<string | null>`(later.valid_from - 1)::text`.as('valid_to'), 'later.id as superseded_by', 'assignment.assigned_by', 'assignment.assigned_at',
    ]);
}

/** Every assignment of the region (each scheme's chain, newest first). */
export const assignmentsOfRegion = (tx: Tx, region: string): Promise<AssignmentRow[]> =>
  assignments(tx).where('assignment.region_code', '=', region)
    .orderBy('assignment.scheme').orderBy('assignment.valid_from', 'desc').orderBy('assignment.id', 'desc').execute();

/** The latest assignment of the region and scheme (the one nothing supersedes), locked: the next one follows it. */
export const latestAssignment = (tx: Tx, region: string, scheme: string) =>
  tx.selectFrom('duty_assignment as assignment').select(['assignment.id', 'assignment.username', 'assignment.valid_from'])
    .where('assignment.region_code', '=', region).where('assignment.scheme', '=', scheme)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('duty_assignment as later').select('later.id').whereRef('later.supersedes_id', '=', 'assignment.id'))))
    .forUpdate().executeTakeFirst();

export interface NewAssignment { id: bigint; region_code: string; scheme: string; user_id: bigint; username: string; name: string; valid_from: string; supersedes_id: bigint | null; assigned_by: string }

/** Writes an assignment; false when another one took the same place in the chain first (the unique indexes). */
export async function insertAssignment(tx: Tx, row: NewAssignment): Promise<boolean> {
  const { rows } = await sql<{ id: bigint }>`
    insert into duty_assignment (id, region_code, scheme, user_id, username, name, valid_from, supersedes_id, assigned_by)
    values (${row.id}, ${row.region_code}, ${row.scheme}, ${row.user_id}, ${row.username}, ${row.name}, ${row.valid_from}, ${row.supersedes_id}, ${row.assigned_by})
    on conflict do nothing returning id`.execute(tx);
  return rows.length === 1;
}

/**
 * The assignments in force on `date` for the regions: per region and scheme, the latest that began on or before the
 * date.
 */
export const assignmentsInForce = (tx: Tx, regions: string[], date: string) => regions.length === 0 ? Promise.resolve([]) :
  tx.selectFrom('duty_assignment as assignment')
    .select(['assignment.region_code as region', 'assignment.scheme', 'assignment.username', 'assignment.name'])
    .distinctOn(['assignment.region_code', 'assignment.scheme'])
    .where('assignment.region_code', 'in', regions).where('assignment.valid_from', '<=', date)
    .orderBy('assignment.region_code').orderBy('assignment.scheme').orderBy('assignment.valid_from', 'desc').orderBy('assignment.id', 'desc')
    .execute();

/** The open alerts per fund and severity. */
export const openAlertCounts = (tx: Tx, fundCodes: string[]) => fundCodes.length === 0 ? Promise.resolve([]) :
  tx.selectFrom('execution_alert').select(['fund_code', 'severity', (eb) => eb.fn.countAll<string>().as('count')])
    .where('fund_code', 'in', fundCodes).where('status', 'in', ['raised', 'acknowledged']).groupBy(['fund_code', 'severity']).execute();

/** A new alert's owner (the responsible staff when it was raised). */
export const setAlertOwner = (tx: Tx, alertId: bigint, owner: string) => tx.updateTable('execution_alert').set({ owner }).where('id', '=', alertId).execute();

/** Whether the region exists. */
export const regionExists = async (tx: Tx, code: string) => (await tx.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;

/** The names of the regions, by code. */
export async function regionNames(tx: Tx, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  return new Map((await tx.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute()).map((row) => [row.code, row.name]));
}
