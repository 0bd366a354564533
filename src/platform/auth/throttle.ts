/**
 * Sign-in throttle in PostgreSQL: counts per key ('ip:<address>', 'user:<username>') in fixed windows of
 * THROTTLE_WINDOW_MINUTES. Every sign-in attempt first reserves one count under each of its keys in one atomic
 * statement (insert … on conflict do update … returning), so concurrent attempts cannot all slip under the limit;
 * an attempt whose count passes a key's limit is refused (429). A successful sign-in takes back only its own
 * reservation, so the counters hold failed (and in-flight) attempts and a success never resets them: an attacker
 * who owns one account cannot clear the count of the address they guess others' passwords from.
 *
 * The table is shared by every server process on the database, unlike a counter in memory.
 */
import { sql } from 'kysely';
import type { DatabaseHandle } from '../database.ts';

declare module '../database.ts' {
  interface Tables {
    login_throttle: { key: string; window_start: Date; count: number };
  }
}

export const THROTTLE_WINDOW_MINUTES = 15;
/** Attempts allowed per window (failures, plus attempts in flight). */
export const THROTTLE_LIMITS = { ip: 30, user: 10 } as const;

export type ThrottleKind = keyof typeof THROTTLE_LIMITS;

export interface Reservation {
  /** The key whose limit this attempt passed, if any (the attempt must then be refused). */
  exceeded?: ThrottleKind;
  /** Takes back this attempt's count (call after a successful sign-in). */
  release(): Promise<void>;
}

export const throttleKey = (kind: ThrottleKind, value: string) => `${kind}:${value}`;

/** Reserves one attempt under each key: one statement, keys in a fixed order (no deadlock between two). */
export async function reserveAttempt(database: DatabaseHandle, keys: Partial<Record<ThrottleKind, string>>): Promise<Reservation> {
  const entries = (Object.keys(THROTTLE_LIMITS) as ThrottleKind[]).filter((kind) => keys[kind] !== undefined).map((kind) => ({ kind, key: throttleKey(kind, keys[kind]!) }));
  if (entries.length === 0) return { release: async () => {} };
  const { rows } = await sql<{ key: string; count: number; window_start: Date }>`
    insert into login_throttle as t (key, window_start, count)
    select k.key, date_bin(make_interval(mins => ${THROTTLE_WINDOW_MINUTES}), now(), timestamptz '2000-01-01 00:00:00+00'), 1
    from unnest(${entries.map((e) => e.key)}::text[]) with ordinality as k (key, n) order by k.n
    on conflict (key, window_start) do update set count = t.count + 1
    returning t.key, t.count, t.window_start`.execute(database.db);
  const exceeded = entries.find((entry) => (rows.find((row) => row.key === entry.key)?.count ?? 0) > THROTTLE_LIMITS[entry.kind])?.kind;
  return {
    exceeded,
    async release() {
      // One row per statement: never two row locks held at once, so no lock cycle with a concurrent reservation.
      for (const row of rows) {
        await database.db.updateTable('login_throttle').set({ count: sql`count - 1` })
          .where('key', '=', row.key).where('window_start', '=', row.window_start).where('count', '>', 0).execute();
      }
    },
  };
}

/** Forgets windows that ended more than an hour ago (cheap: an index on window_start). */
export async function pruneThrottle(database: DatabaseHandle): Promise<void> {
  await sql`delete from login_throttle where window_start < now() - interval '1 hour'`.execute(database.db);
}
