/**
 * Accounts and sessions (R9.1): named users only (no shared accounts), scrypt passwords, server-side sessions,
 * lockout after repeated failures, double-submit CSRF token bound to the session.
 */
import crypto from 'node:crypto';
import { sql, type Generated, type Selectable } from 'kysely';
import type { DatabaseHandle, Tables } from '../database.ts';
import { newId } from '../ids.ts';
import { AppError, conflict, invalid, notFound, unauthorized } from '../errors.ts';
import { inScope, roles, systemActor, type Actor, type Role } from '../actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './password.ts';

declare module '../database.ts' {
  interface Tables {
    app_user: {
      id: bigint; username: string; display_name: string; password_hash: string; role: Role;
      region_code: string | null; agency_id: bigint | null; employer_id: bigint | null; person_id: bigint | null;
      status: Generated<'active' | 'disabled'>; failed_login_count: Generated<number>; locked_until: Date | null; created_at: Generated<Date>;
    };
    user_session: { token_hash: string; user_id: bigint; csrf_token: string; created_at: Generated<Date>; expires_at: Date };
  }
}

export const SESSION_HOURS = 12;
/** Lockout: this many consecutive failures lock the account for LOCKOUT_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

export interface UserView {
  id: string; username: string; displayName: string; role: Role; regionCode: string | null;
  agencyId: string | null; employerId: string | null; personId: string | null; status: string;
}

type UserRow = Selectable<Tables['app_user']>;

async function findUser(database: DatabaseHandle, username: string) {
  return database.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export function userView(row: UserRow): UserView {
  return {
    id: row.id.toString(), username: row.username, displayName: row.display_name, role: row.role, regionCode: row.region_code,
    agencyId: row.agency_id?.toString() ?? null, employerId: row.employer_id?.toString() ?? null,
    personId: row.person_id?.toString() ?? null, status: row.status,
  };
}

export function actorOf(row: UserRow, requestId?: string): Actor {
  return { userId: row.id, username: row.username, role: row.role, regionCode: row.region_code, employerId: row.employer_id, personId: row.person_id, requestId };
}

export interface Session { token: string; csrfToken: string; user: UserView; expiresAt: Date }

export async function login(database: DatabaseHandle, username: string, password: string, requestId?: string): Promise<Session> {
  const user = await findUser(database, username.trim().toLowerCase());
  // The same message for an unknown user and a wrong password; the hash runs either way (no timing oracle).
  const passwordOk = await verifyPassword(password, user?.password_hash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
  if (!user || user.status !== 'active') throw unauthorized('用户名或密码错误 / wrong username or password');
  if (user.locked_until && user.locked_until > new Date()) {
    throw new AppError(423, 'locked', `账户已锁定，请于 ${user.locked_until.toISOString()} 后重试 / account locked after ${MAX_FAILED_LOGINS} failed sign-ins until ${user.locked_until.toISOString()}`);
  }
  const actor = actorOf(user, requestId);
  if (!passwordOk) {
    const failures = user.failed_login_count + 1;
    const lock = failures >= MAX_FAILED_LOGINS;
    await inScope(database, systemActor('login'), async (tx) => {
      await tx.updateTable('app_user').set({
        failed_login_count: lock ? 0 : failures,
        locked_until: lock ? sql<Date>`now() + make_interval(mins => ${LOCKOUT_MINUTES})` : user.locked_until,
      }).where('id', '=', user.id).execute();
      await recordAudit(tx, actor, { action: lock ? 'auth.lockout' : 'auth.login_failed', entityType: 'user', entityId: user.id, regionCode: user.region_code });
    });
    throw unauthorized('用户名或密码错误 / wrong username or password');
  }
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await inScope(database, systemActor('login'), async (tx) => {
    await tx.updateTable('app_user').set({ failed_login_count: 0, locked_until: null }).where('id', '=', user.id).execute();
    await tx.insertInto('user_session').values({ token_hash: sha256(token), user_id: user.id, csrf_token: csrfToken, expires_at: expiresAt }).execute();
    await recordAudit(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id, regionCode: user.region_code });
  });
  return { token, csrfToken, user: userView(user), expiresAt };
}

export async function sessionUser(database: DatabaseHandle, token: string) {
  const row = await database.db.selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .selectAll('app_user').select(['user_session.csrf_token', 'user_session.expires_at'])
    .where('user_session.token_hash', '=', sha256(token))
    .where('user_session.expires_at', '>', new Date())
    .where('app_user.status', '=', 'active')
    .executeTakeFirst();
  return row;
}

export async function logout(database: DatabaseHandle, token: string, actor: Actor) {
  await inScope(database, systemActor('logout'), async (tx) => {
    await tx.deleteFrom('user_session').where('token_hash', '=', sha256(token)).execute();
    await recordAudit(tx, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.userId });
  });
}

export interface NewUser {
  username: string; displayName: string; password?: string; role: Role; regionCode?: string | null;
  agencyId?: bigint | null; employerId?: bigint | null; personId?: bigint | null;
}

/** Creates a user; returns it with the password when one was generated (shown once). */
export async function createUser(database: DatabaseHandle, actor: Actor, input: NewUser): Promise<{ user: UserView; generatedPassword?: string }> {
  const username = input.username.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(username)) throw invalid('username', 'must be 3–64 characters: letters, digits, dot, dash or underscore');
  if (!roles.includes(input.role)) throw invalid('role', `must be one of ${roles.join(', ')}`);
  if (input.role !== 'admin' && !input.regionCode) throw invalid('regionCode', 'is required for every role but admin');
  if (input.role === 'employer' && !input.employerId) throw invalid('employerId', 'is required for an employer account');
  if (input.role === 'person' && !input.personId) throw invalid('personId', 'is required for an insured-person account');
  const generatedPassword = input.password ? undefined : generatePassword();
  const password = input.password ?? generatedPassword!;
  const problem = passwordProblem(password);
  if (problem) throw invalid('password', problem);
  if (actor.role !== 'admin') throw new AppError(403, 'forbidden', 'only an administrator manages users');
  const passwordHash = await hashPassword(password);
  return inScope(database, actor, async (tx) => {
    if (input.regionCode) {
      const region = await tx.selectFrom('region').select('code').where('code', '=', input.regionCode).executeTakeFirst();
      if (!region) throw invalid('regionCode', `unknown region ${input.regionCode}`);
    }
    const existing = await tx.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();
    if (existing) throw conflict('username', `username ${username} is taken`);
    const row = await tx.insertInto('app_user').values({
      id: newId(), username, display_name: input.displayName.trim() || username, password_hash: passwordHash, role: input.role,
      region_code: input.regionCode ?? null, agency_id: input.agencyId ?? null, employer_id: input.employerId ?? null, person_id: input.personId ?? null,
    }).returningAll().executeTakeFirstOrThrow();
    const user = userView(row);
    await recordAudit(tx, actor, { action: 'user.create', entityType: 'user', entityId: row.id, regionCode: row.region_code, after: user });
    return { user, generatedPassword };
  });
}

export async function setUserStatus(database: DatabaseHandle, actor: Actor, userId: bigint, status: 'active' | 'disabled') {
  if (actor.role !== 'admin') throw new AppError(403, 'forbidden', 'only an administrator manages users');
  return inScope(database, actor, async (tx) => {
    const before = await tx.selectFrom('app_user').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!before) throw notFound('user');
    if (before.id === actor.userId && status === 'disabled') throw invalid('status', 'you cannot disable your own account');
    const after = await tx.updateTable('app_user').set({ status, failed_login_count: 0, locked_until: null }).where('id', '=', userId).returningAll().executeTakeFirstOrThrow();
    if (status === 'disabled') await tx.deleteFrom('user_session').where('user_id', '=', userId).execute();
    await recordAudit(tx, actor, { action: `user.${status === 'active' ? 'enable' : 'disable'}`, entityType: 'user', entityId: userId, regionCode: after.region_code, before: userView(before), after: userView(after) });
    return userView(after);
  });
}

export async function listUsers(database: DatabaseHandle) {
  const rows = await database.db.selectFrom('app_user').selectAll().orderBy('username').execute();
  return rows.map(userView);
}

/** First start: make sure an administrator exists. Returns the generated password when it made one. */
export async function ensureAdministrator(database: DatabaseHandle, password: string | undefined): Promise<{ created: boolean; generatedPassword?: string }> {
  const existing = await database.db.selectFrom('app_user').select('id').where('role', '=', 'admin').executeTakeFirst();
  if (existing) return { created: false };
  const result = await createUser(database, systemActor('first-start'), { username: 'admin', displayName: '系统管理员', role: 'admin', password });
  return { created: true, generatedPassword: result.generatedPassword };
}
