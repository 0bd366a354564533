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
import type { DatabaseHandle } from '../database.ts';
import { decrementThrottleCount, deleteThrottleWindowsOlderThanAnHour, incrementThrottleCounts } from './auth.repository.ts';

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
  const rows = await incrementThrottleCounts(database, entries.map((entry) => entry.key), THROTTLE_WINDOW_MINUTES);
  const exceeded = entries.find((entry) => (rows.find((row) => row.key === entry.key)?.count ?? 0) > THROTTLE_LIMITS[entry.kind])?.kind;
  return {
    exceeded,
    async release() {
      // One row per statement: never two row locks held at once, so no lock cycle with a concurrent reservation.
      for (const row of rows) await decrementThrottleCount(database, row.key, row.window_start);
    },
  };
}

/** Forgets windows that ended more than an hour ago (cheap: an index on window_start). */
export async function pruneThrottle(database: DatabaseHandle): Promise<void> {
  await deleteThrottleWindowsOlderThanAnHour(database);
}
