/** Typed SQL of the checks that warn: their events, and the count per control point and month the register shows. */
import { sql } from 'kysely';
import type { Tx } from '../actor.ts';
import './checks.tables.ts';

export interface CheckEventRow {
  id: bigint; point: string; region_code: string; subject: string; outcome: 'stopped' | 'overridden'; warnings: string; reason: string | null; actor: string;
}

export async function insertEvent(tx: Tx, row: CheckEventRow): Promise<void> {
  await tx.insertInto('control_check_event').values(row).execute();
}

/** Per control point: the times its checks warned in the month (stopped or overridden) and the times they were overridden, under the region prefix. */
export async function eventsPerPoint(tx: Tx, input: { points: string[]; prefix: string; month: string }): Promise<{ point: string; fired: number; overridden: number }[]> {
  if (input.points.length === 0) return [];
  const start = `${input.month}-01`;
  const { rows } = await sql<{ point: string; fired: number; overridden: number }>`
    select point, count(*)::int as fired, (count(*) filter (where outcome = 'overridden'))::int as overridden
    from control_check_event
    where point = any(${input.points}) and region_code like ${`${input.prefix}%`}
      and happened_at >= (${start}::date::timestamp at time zone 'Asia/Shanghai')
      and happened_at < ((${start}::date + interval '1 month')::timestamp at time zone 'Asia/Shanghai')
    group by point`.execute(tx);
  return rows;
}
