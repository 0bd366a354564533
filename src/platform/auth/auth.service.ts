/**
 * Accounts and sessions (R9.1): named users only (no shared accounts), scrypt passwords checked for strength,
 * server-side sessions with an absolute and an idle limit, lockout after repeated failures counted atomically in
 * the database, sign-in throttling per address and per account (throttle.ts), double-submit CSRF token bound
 * to the session, and administrator resets that make the user choose a new password.
 */
import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import type { DatabaseHandle, Tables } from '../database.ts';
import { newId } from '../ids.ts';
import { AppError, conflict, forbidden, invalid, notFound, unauthorized } from '../errors.ts';
import { inScope, roles, scopePrefix, systemActor, type Actor, type Role, type Tx } from '../actor.ts';
import { can, permissionsOf } from '../access/permissions.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { pruneThrottle, reserveAttempt } from './throttle.ts';
import * as repository from './auth.repository.ts';
import { findRegionCode } from '../regions.repository.ts';
import { fieldRules } from '../fields.messages.ts';
import { keysetPage, listPage, type ListAnswer, type ListRequest, type SortKey } from '../http/lists.ts';
import { authMessages as said } from './auth.messages.ts';

/** A session ends SESSION_HOURS after sign-in, or after SESSION_IDLE_MINUTES without a request. */
export const SESSION_HOURS = 12;
export const SESSION_IDLE_MINUTES = 30;
/** last_seen_at is written at most once per this many seconds (not on every request). */
export const LAST_SEEN_RESOLUTION_SECONDS = 60;
/** Lockout: this many consecutive failures lock the account for LOCKOUT_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
/** Hashed when the user does not exist, so that a wrong name costs the same time as a wrong password. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const WRONG = said.wrongPassword();

export interface UserView {
  id: string; username: string; displayName: string; role: Role; regionCode: string | null;
  agencyId: string | null; employerId: string | null; personId: string | null; status: string; mustChangePassword: boolean;
}

type UserRow = Selectable<Tables['app_user']>;

async function findUser(database: DatabaseHandle, username: string) {
  return repository.findUserByUsername(database, username);
}

/** What a user's view is made of (a list reads no more: never the password hash). */
type ViewedUserRow = Pick<UserRow, 'id' | 'username' | 'display_name' | 'role' | 'region_code' | 'agency_id' | 'employer_id' | 'person_id' | 'status' | 'must_change_password'>;

export function userView(row: ViewedUserRow): UserView {
  return {
    id: row.id.toString(), username: row.username, displayName: row.display_name, role: row.role, regionCode: row.region_code,
    agencyId: row.agency_id?.toString() ?? null, employerId: row.employer_id?.toString() ?? null,
    personId: row.person_id?.toString() ?? null, status: row.status, mustChangePassword: row.must_change_password ?? false,
  };
}

/** Actors of sessions that must change their password first (see passwordChangeRequired). */
const mustChangePassword = new WeakSet<Actor>();

export function actorOf(row: UserRow, requestId?: string): Actor {
  const actor: Actor = { userId: row.id, username: row.username, role: row.role, regionCode: row.region_code, employerId: row.employer_id, personId: row.person_id, requestId };
  if (row.must_change_password) mustChangePassword.add(actor);
  return actor;
}

/** True for the actor of a session whose password an administrator reset: it may only change it (or sign out). */
export function passwordChangeRequired(actor: Actor | undefined): boolean {
  return actor !== undefined && mustChangePassword.has(actor);
}

const lockedError = (until: Date) =>
  new AppError(423, 'locked', said.locked({ failures: MAX_FAILED_LOGINS, until: until.toISOString() }));

/**
 * Counts one failed password for the user in ONE statement (the row lock serialises concurrent failures) and
 * locks the account in the same statement when the count reaches MAX_FAILED_LOGINS. Returns 'locked' when the
 * account was already locked (nothing counted), 'lockout' when this failure locked it, else 'counted'.
 */
async function recordFailure(tx: Tx, userId: bigint): Promise<{ outcome: 'locked' | 'lockout' | 'counted'; lockedUntil?: Date }> {
  const rows = await repository.countFailedLogin(tx, userId, { maxFailures: MAX_FAILED_LOGINS, lockoutMinutes: LOCKOUT_MINUTES });
  if (rows.length === 0) {
    const row = await repository.lockedUntil(tx, userId);
    return { outcome: 'locked', lockedUntil: row?.locked_until ?? undefined };
  }
  return rows[0].locked_until ? { outcome: 'lockout', lockedUntil: rows[0].locked_until } : { outcome: 'counted' };
}

/** A failed password, counted and audited in one transaction; returns the error to answer with. */
async function failedPassword(database: DatabaseHandle, user: UserRow, requestId: string | undefined, action: string): Promise<AppError> {
  return inScope(database, systemActor('login'), async (tx) => {
    const result = await recordFailure(tx, user.id);
    if (result.outcome === 'locked') return lockedError(result.lockedUntil ?? new Date());
    await recordAudit(tx, actorOf(user, requestId), {
      action: result.outcome === 'lockout' ? 'auth.lockout' : action, entityType: 'user', entityId: user.id, regionCode: user.region_code,
    });
    return unauthorized(WRONG);
  });
}

/** Deletes sessions past their absolute or idle limit (both columns indexed). */
export async function deleteExpiredSessions(database: DatabaseHandle): Promise<number> {
  return repository.deleteExpiredSessions(database, SESSION_IDLE_MINUTES);
}

export interface Session { token: string; csrfToken: string; user: UserView; expiresAt: Date }
export interface LoginContext { ip?: string; requestId?: string }

/** Signs in; `context` is the client address (throttled) and the request id, or just a request id (the CLI). */
export async function login(database: DatabaseHandle, username: string, password: string, contextOrRequestId: LoginContext | string = {}): Promise<Session> {
  const context: LoginContext = typeof contextOrRequestId === 'string' ? { requestId: contextOrRequestId } : contextOrRequestId;
  const name = username.trim().toLowerCase();
  // Throttle first, atomically: the attempt holds one count under its address and its account until it succeeds.
  const reservation = await reserveAttempt(database, { ip: context.ip, user: name });
  if (reservation.exceeded) {
    throw new AppError(429, 'throttled', reservation.exceeded === 'ip' ? said.throttledAddress() : said.throttledAccount());
  }
  const user = await findUser(database, name);
  // The same message for an unknown user and a wrong password; the hash runs either way (no timing oracle).
  const passwordOk = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || user.status !== 'active') throw unauthorized(WRONG);
  if (user.locked_until && user.locked_until > new Date()) throw lockedError(user.locked_until);
  if (!passwordOk) throw await failedPassword(database, user, context.requestId, 'auth.login_failed');

  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  const signedIn = await inScope(database, systemActor('login'), async (tx) => {
    // The lock is checked in the same statement that clears the count: a lock set by a concurrent failure
    // since the read above wins (the update re-reads the row it waited for).
    const row = await repository.clearFailedLoginsUnlessLocked(tx, user.id);
    if (!row) return undefined;
    await repository.insertSession(tx, { token_hash: sha256(token), user_id: user.id, csrf_token: csrfToken, expires_at: expiresAt });
    await recordAudit(tx, actorOf(row, context.requestId), { action: 'auth.login', entityType: 'user', entityId: user.id, regionCode: user.region_code });
    return row;
  });
  if (!signedIn) {
    const now = await findUser(database, name);
    throw now?.locked_until && now.locked_until > new Date() ? lockedError(now.locked_until) : unauthorized(WRONG);
  }
  await reservation.release();
  await deleteExpiredSessions(database);
  await pruneThrottle(database);
  return { token, csrfToken, user: userView(signedIn), expiresAt };
}

/**
 * The user of a live session, or undefined. A session is live until its absolute limit and while it was used in
 * the last SESSION_IDLE_MINUTES; using it moves last_seen_at forward, at most once a minute.
 */
export async function sessionUser(database: DatabaseHandle, token: string) {
  const tokenHash = sha256(token);
  const row = await repository.findLiveSession(database, tokenHash, { lastSeenResolutionSeconds: LAST_SEEN_RESOLUTION_SECONDS, idleMinutes: SESSION_IDLE_MINUTES });
  if (row?.seen_stale) await repository.touchSession(database, tokenHash);
  return row;
}

export async function logout(database: DatabaseHandle, token: string, actor: Actor) {
  await inScope(database, systemActor('logout'), async (tx) => {
    await repository.deleteSession(tx, sha256(token));
    await recordAudit(tx, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.userId });
  });
}

/**
 * Self-service password change: the current password must be right (a wrong one counts as a failed sign-in and
 * can lock the account), the new one must pass passwordProblem and differ from the current one. Ends the
 * user's other sessions and clears a reset's must-change flag.
 */
export async function changePassword(database: DatabaseHandle, actor: Actor, sessionToken: string, currentPassword: string, newPassword: string): Promise<UserView> {
  if (actor.userId === null) throw unauthorized();
  const user = await repository.findUserById(database.db, actor.userId);
  if (!user || user.status !== 'active') throw unauthorized();
  if (user.locked_until && user.locked_until > new Date()) throw lockedError(user.locked_until);
  if (!(await verifyPassword(currentPassword, user.password_hash))) {
    const error = await failedPassword(database, user, actor.requestId, 'auth.password_change_failed');
    throw error.status === 401 ? invalid('currentPassword', said.currentPasswordWrong()) : error;
  }
  const problem = passwordProblem(newPassword, user.username);
  if (problem) throw invalid('newPassword', problem);
  if (newPassword === currentPassword) throw invalid('newPassword', said.samePassword());
  const passwordHash = await hashPassword(newPassword);
  return inScope(database, systemActor('password'), async (tx) => {
    const row = await repository.setOwnPassword(tx, user.id, passwordHash);
    await repository.deleteOtherSessions(tx, user.id, sha256(sessionToken));
    await recordAudit(tx, actor, { action: 'auth.password_change', entityType: 'user', entityId: user.id, regionCode: user.region_code });
    return userView(row);
  });
}

const requireUserManager = (actor: Actor) => {
  if (!can(actor, 'user.manage')) throw forbidden(said.userManagerOnly());
};

/**
 * Administrator reset: sets the given or a generated password, makes the user change it at the next sign-in,
 * lifts a lockout and ends the user's sessions. Returns the generated password (shown once).
 */
export async function resetPassword(database: DatabaseHandle, actor: Actor, userId: bigint, password?: string): Promise<{ user: UserView; generatedPassword?: string }> {
  requireUserManager(actor);
  const target = await repository.findUserName(database, userId);
  if (!target) throw notFound(said.user());
  if (target.id === actor.userId) throw invalid('id', said.ownPasswordReset());
  const generatedPassword = password ? undefined : generatePassword();
  const newPassword = password ?? generatedPassword!;
  const problem = passwordProblem(newPassword, target.username);
  if (problem) throw invalid('password', problem);
  const passwordHash = await hashPassword(newPassword);
  return inScope(database, actor, async (tx) => {
    const row = await repository.setResetPassword(tx, userId, passwordHash);
    await repository.deleteSessionsOfUser(tx, userId);
    const user = userView(row);
    await recordAudit(tx, actor, { action: 'user.password_reset', entityType: 'user', entityId: userId, regionCode: row.region_code, after: { mustChangePassword: true } });
    return { user, generatedPassword };
  });
}

export interface NewUser {
  username: string; displayName: string; password?: string; role: Role; regionCode?: string | null;
  agencyId?: bigint | null; employerId?: bigint | null; personId?: bigint | null;
}

/** The employer or person an account is bound to must exist and lie in the account's region subtree. */
async function checkBinding(tx: Tx, field: 'employerId' | 'personId', table: 'employer' | 'person', id: bigint, regionCode: string | null | undefined) {
  const record = await repository.findBindingRecord(tx, table, id);
  const what = table === 'employer' ? said.employer() : said.person();
  if (!record) throw invalid(field, said.bindingMissing({ what, id }));
  if (regionCode && !record.region_code.startsWith(scopePrefix(regionCode))) {
    throw invalid(field, said.bindingOutsideRegion({ what, id, recordRegion: record.region_code, regionCode }));
  }
}

/** Creates a user; returns it with the password when one was generated (shown once). */
export async function createUser(database: DatabaseHandle, actor: Actor, input: NewUser): Promise<{ user: UserView; generatedPassword?: string }> {
  requireUserManager(actor);
  const username = input.username.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(username)) throw invalid('username', said.usernameShape());
  if (!roles.includes(input.role as (typeof roles)[number])) throw invalid('role', fieldRules.oneOf({ values: roles.join(', ') }));
  if (input.role !== 'admin' && !input.regionCode) throw invalid('regionCode', said.regionRequiredForRole());
  if (input.role === 'employer' && !input.employerId) throw invalid('employerId', said.employerRequired());
  if (input.role === 'person' && !input.personId) throw invalid('personId', said.personRequired());
  if (input.role !== 'employer' && input.employerId) throw invalid('employerId', said.employerOnlyForEmployerAccount());
  if (input.role !== 'person' && input.personId) throw invalid('personId', said.personOnlyForPersonAccount());
  const generatedPassword = input.password ? undefined : generatePassword();
  const password = input.password ?? generatedPassword!;
  const problem = passwordProblem(password, username);
  if (problem) throw invalid('password', problem);
  const passwordHash = await hashPassword(password);
  return inScope(database, actor, async (tx) => {
    if (input.regionCode) {
      const region = await findRegionCode(tx, input.regionCode);
      if (!region) throw invalid('regionCode', said.unknownRegion({ regionCode: input.regionCode }));
    }
    if (input.role === 'employer') await checkBinding(tx, 'employerId', 'employer', input.employerId!, input.regionCode);
    if (input.role === 'person') await checkBinding(tx, 'personId', 'person', input.personId!, input.regionCode);
    const existing = await repository.userIdByUsername(tx, username);
    if (existing) throw conflict('username', said.usernameTaken({ username }));
    const row = await repository.insertUser(tx, {
      id: newId(), username, display_name: input.displayName.trim() || username, password_hash: passwordHash, role: input.role,
      region_code: input.regionCode ?? null, agency_id: input.agencyId ?? null, employer_id: input.employerId ?? null, person_id: input.personId ?? null,
    });
    const user = userView(row);
    await recordAudit(tx, actor, { action: 'user.create', entityType: 'user', entityId: row.id, regionCode: row.region_code, after: user });
    return { user, generatedPassword };
  });
}

export async function setUserStatus(database: DatabaseHandle, actor: Actor, userId: bigint, status: 'active' | 'disabled') {
  requireUserManager(actor);
  return inScope(database, actor, async (tx) => {
    const before = await repository.findUserById(tx, userId);
    if (!before) throw notFound(said.user());
    if (before.id === actor.userId && status === 'disabled') throw invalid('status', said.cannotDisableSelf());
    const after = await repository.setUserStatus(tx, userId, status);
    if (status === 'disabled') await repository.deleteSessionsOfUser(tx, userId);
    await recordAudit(tx, actor, { action: `user.${status === 'active' ? 'enable' : 'disable'}`, entityType: 'user', entityId: userId, regionCode: after.region_code, before: userView(before), after: userView(after) });
    return userView(after);
  });
}

/** 用户名单 in username order (the id breaks no tie: usernames are unique, but a keyset ends with a unique column). */
const byUsername: SortKey[] = [{ by: 'app_user.username', direction: 'asc' }, { by: 'app_user.id', direction: 'asc' }];

const listedUserViews = (rows: ViewedUserRow[]) => rows.map(userView);

/** A page of the users that match, with their count (the administrator's list; row-level security keeps it to the scope). */
export async function listUsers(database: DatabaseHandle, actor: Actor, filter: repository.UserFilter, request: ListRequest): Promise<ListAnswer<UserView>> {
  requireUserManager(actor);
  return inScope(database, actor, (tx) => listPage(tx, repository.usersQuery(tx, filter), byUsername, request, listedUserViews));
}

/** The users past the cursor, uncounted (the file of every match walks them page by page). */
export async function userRows(database: DatabaseHandle, actor: Actor, filter: repository.UserFilter, request: ListRequest) {
  requireUserManager(actor);
  return inScope(database, actor, async (tx) => {
    const page = await keysetPage(repository.usersQuery(tx, filter), byUsername, request);
    return { items: listedUserViews(page.items), nextCursor: page.nextCursor };
  });
}

/** First start: make sure an administrator exists. Returns the generated password when it made one. */
export async function ensureAdministrator(database: DatabaseHandle, password: string | undefined): Promise<{ created: boolean; generatedPassword?: string }> {
  const existing = await repository.findAnAdministrator(database);
  if (existing) return { created: false };
  const result = await createUser(database, systemActor('first-start', ['user.manage']), { username: 'admin', displayName: '系统管理员', role: 'admin', password });
  return { created: true, generatedPassword: result.generatedPassword };
}

/** The signed-in user as /api/auth/me shows it: the account, its region's name and the permissions it holds. */
export async function currentUser(database: DatabaseHandle, actor: Actor) {
  const row = await repository.findUserById(database.db, actor.userId!);
  if (!row) throw unauthorized();
  const region = row.region_code ? await repository.regionName(database, row.region_code) : undefined;
  return { ...userView(row), regionName: region ?? '全国', permissions: permissionsOf(actor) };
}
