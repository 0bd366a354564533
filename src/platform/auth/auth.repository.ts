/**
 * Typed SQL of accounts and sessions (app_user, user_session; migrations/0001_platform.sql). Sign-in and sessions
 * read on the pool (before any actor exists); changes run in the caller's transaction.
 */
import { sql, type Generated, type Insertable, type Kysely } from 'kysely';
import type { DatabaseHandle, Tables } from '../database.ts';
import { likeEscaped } from '../http/lists.ts';
import { scopePrefix, type Role, type Tx, type UserRole } from '../actor.ts';

declare module '../database.ts' {
  interface Tables {
    app_user: {
      id: bigint; username: string; display_name: string; password_hash: string; role: Role;
      region_code: string | null; agency_id: bigint | null; employer_id: bigint | null; person_id: bigint | null;
      status: Generated<'active' | 'disabled'>; failed_login_count: Generated<number>; locked_until: Date | null; created_at: Generated<Date>;
      must_change_password: Generated<boolean>; password_changed_at: Date | null;
    };
    user_session: { token_hash: string; user_id: bigint; csrf_token: string; created_at: Generated<Date>; expires_at: Date; last_seen_at: Generated<Date> };
    login_throttle: { key: string; window_start: Date; count: number };
  }
}

// ── users ──

export const findUserByUsername = (database: DatabaseHandle, username: string) =>
  database.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();

/** A user by id (`db`: a transaction or the pool). */
export const findUserById = (db: Kysely<Tables>, id: bigint) => db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();

export const findUserName = (database: DatabaseHandle, id: bigint) =>
  database.db.selectFrom('app_user').select(['id', 'username']).where('id', '=', id).executeTakeFirst();

export const userIdByUsername = (tx: Tx, username: string) => tx.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();

export const insertUser = (tx: Tx, user: Insertable<Tables['app_user']>) => tx.insertInto('app_user').values(user).returningAll().executeTakeFirstOrThrow();

/** The columns a list of users shows: never the password hash, nor the lockout and session state. */
const listedUserColumns = ['id', 'username', 'display_name', 'role', 'region_code', 'agency_id', 'employer_id', 'person_id', 'status', 'must_change_password'] as const;

export interface UserFilter { q?: string; role?: UserRole; region?: string; status?: 'active' | 'disabled' }

/**
 * 用户名单: a username or display-name prefix, a role, a region's subtree (990100: the city and its counties; an
 * account without a region is national and matches none), a status. The caller orders and pages it.
 */
export function usersQuery(tx: Tx, filter: UserFilter) {
  let query = tx.selectFrom('app_user').select(listedUserColumns);
  if (filter.q) {
    const prefix = `${likeEscaped(filter.q)}%`;
    query = query.where((eb) => eb.or([eb('username', 'like', prefix.toLowerCase()), eb('display_name', 'like', prefix)]));
  }
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.region) query = query.where('region_code', 'like', `${scopePrefix(filter.region)}%`);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query;
}

export const findAnAdministrator = (database: DatabaseHandle) =>
  database.db.selectFrom('app_user').select('id').where('role', '=', 'admin').executeTakeFirst();

/** Enables or disables an account, lifting any lockout. */
export const setUserStatus = (tx: Tx, userId: bigint, status: 'active' | 'disabled') =>
  tx.updateTable('app_user').set({ status, failed_login_count: 0, locked_until: null }).where('id', '=', userId).returningAll().executeTakeFirstOrThrow();

/** The name of a region (for showing the signed-in user's agency region). */
export const regionName = (database: DatabaseHandle, code: string) =>
  database.db.selectFrom('region').select('name').where('code', '=', code).executeTakeFirst().then((row) => row?.name);

/** The employer or person an account would be bound to, with its region. */
export const findBindingRecord = (tx: Tx, table: 'employer' | 'person', id: bigint) =>
  tx.selectFrom(table).select(['id', 'region_code']).where('id', '=', id).executeTakeFirst();

// ── failed sign-ins and lockout ──

/**
 * Counts one failed password in ONE statement (the row lock serialises concurrent failures), locking the account
 * for `lockoutMinutes` when the count reaches `maxFailures`. No row when the account is locked already.
 */
export async function countFailedLogin(tx: Tx, userId: bigint, limits: { maxFailures: number; lockoutMinutes: number }) {
  const { rows } = await sql<{ locked_until: Date | null }>`
    update app_user set
      failed_login_count = case when failed_login_count + 1 >= ${limits.maxFailures} then 0 else failed_login_count + 1 end,
      locked_until = case when failed_login_count + 1 >= ${limits.maxFailures} then now() + make_interval(mins => ${limits.lockoutMinutes}) end
    where id = ${userId} and (locked_until is null or locked_until <= now())
    returning locked_until`.execute(tx);
  return rows;
}

export const lockedUntil = (tx: Tx, userId: bigint) => tx.selectFrom('app_user').select('locked_until').where('id', '=', userId).executeTakeFirst();

/**
 * Clears the failure count of an active account that is not locked, checking the lock in the same statement: a
 * lock set by a concurrent failure wins (the update re-reads the row it waited for). Undefined when it did not.
 */
export const clearFailedLoginsUnlessLocked = (tx: Tx, userId: bigint) =>
  tx.updateTable('app_user').set({ failed_login_count: 0, locked_until: null })
    .where('id', '=', userId).where('status', '=', 'active')
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', sql<Date>`now()`)]))
    .returningAll().executeTakeFirst();

// ── passwords ──

/** The user's own new password: clears a reset's must-change flag and the failure count. */
export const setOwnPassword = (tx: Tx, userId: bigint, passwordHash: string) =>
  tx.updateTable('app_user').set({
    password_hash: passwordHash, must_change_password: false, password_changed_at: sql<Date>`now()`, failed_login_count: 0,
  }).where('id', '=', userId).returningAll().executeTakeFirstOrThrow();

/** An administrator's reset: the user must change the password at the next sign-in; a lockout is lifted. */
export const setResetPassword = (tx: Tx, userId: bigint, passwordHash: string) =>
  tx.updateTable('app_user').set({
    password_hash: passwordHash, must_change_password: true, password_changed_at: sql<Date>`now()`, failed_login_count: 0, locked_until: null,
  }).where('id', '=', userId).returningAll().executeTakeFirstOrThrow();

// ── sessions ──

export const insertSession = (tx: Tx, session: Insertable<Tables['user_session']>) => tx.insertInto('user_session').values(session).execute();

/**
 * The active user of a live session (before its absolute limit, used within the last `idleMinutes`), with the
 * session's CSRF token and expiry, and whether last_seen_at is older than `lastSeenResolutionSeconds`.
 */
export const findLiveSession = (database: DatabaseHandle, tokenHash: string, limits: { lastSeenResolutionSeconds: number; idleMinutes: number }) =>
  database.db.selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .selectAll('app_user').select(['user_session.csrf_token', 'user_session.expires_at'])
    .select(sql<boolean>`user_session.last_seen_at < now() - make_interval(secs => ${limits.lastSeenResolutionSeconds})`.as('seen_stale'))
    .where('user_session.token_hash', '=', tokenHash)
    .where('user_session.expires_at', '>', sql<Date>`now()`)
    .where('user_session.last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${limits.idleMinutes})`)
    .where('app_user.status', '=', 'active')
    .executeTakeFirst();

export const touchSession = (database: DatabaseHandle, tokenHash: string) =>
  database.db.updateTable('user_session').set({ last_seen_at: sql`now()` }).where('token_hash', '=', tokenHash).execute();

/** Deletes sessions past their absolute limit or idle for `idleMinutes` (both columns indexed); returns how many. */
export async function deleteExpiredSessions(database: DatabaseHandle, idleMinutes: number): Promise<number> {
  const result = await sql`delete from user_session where expires_at <= now() or last_seen_at <= now() - make_interval(mins => ${idleMinutes})`.execute(database.db);
  return Number(result.numAffectedRows ?? 0);
}

export const deleteSession = (tx: Tx, tokenHash: string) => tx.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();

export const deleteSessionsOfUser = (tx: Tx, userId: bigint) => tx.deleteFrom('user_session').where('user_id', '=', userId).execute();

/** Ends every session of the user but the one named. */
export const deleteOtherSessions = (tx: Tx, userId: bigint, keptTokenHash: string) =>
  tx.deleteFrom('user_session').where('user_id', '=', userId).where('token_hash', '<>', keptTokenHash).execute();

// ── sign-in throttle (login_throttle; the rules are in throttle.ts) ──

export interface ThrottleCount { key: string; count: number; window_start: Date }

/**
 * One more attempt under each key in the current window of `windowMinutes`, in one atomic statement (insert … on
 * conflict do update … returning), keys in the given order (no deadlock between two); the counts after it.
 */
export async function incrementThrottleCounts(database: DatabaseHandle, keys: string[], windowMinutes: number): Promise<ThrottleCount[]> {
  const { rows } = await sql<ThrottleCount>`
    insert into login_throttle as t (key, window_start, count)
    select k.key, date_bin(make_interval(mins => ${windowMinutes}), now(), timestamptz '2000-01-01 00:00:00+00'), 1
    from unnest(${keys}::text[]) with ordinality as k (key, n) order by k.n
    on conflict (key, window_start) do update set count = t.count + 1
    returning t.key, t.count, t.window_start`.execute(database.db);
  return rows;
}

/** Takes one attempt back from a key's window (never below zero). */
export const decrementThrottleCount = (database: DatabaseHandle, key: string, windowStart: Date) =>
  database.db.updateTable('login_throttle').set({ count: sql`count - 1` })
    .where('key', '=', key).where('window_start', '=', windowStart).where('count', '>', 0).execute();

/** Deletes the windows that started more than an hour ago (cheap: an index on window_start). */
export const deleteThrottleWindowsOlderThanAnHour = (database: DatabaseHandle) =>
  sql`delete from login_throttle where window_start < now() - interval '1 hour'`.execute(database.db);
