/**
 * Who is acting, and the transaction that acts for them: every scoped transaction runs as the `sifund_app`
 * role with `sifund.scope` set to the actor's region prefix, so row-level security in the database limits
 * what it reads and writes to the actor's region subtree, whatever the code above it does.
 *
 * An actor's identity never changes. When work must cross the pooling structure (a county operator's payment
 * books pension into the province's fund), the same actor gets a widened scope for that step, with the reason;
 * the audit trail records both the real user and the widening.
 */
import { sql, type Transaction } from 'kysely';
import type { DatabaseHandle, Tables } from './database.ts';
import type { Permission } from './access/permissions.ts';

export const staffRoles = ['operator', 'reviewer', 'approver', 'finance', 'supervisor', 'auditor', 'security_auditor', 'admin'] as const;
/** Roles a user account can have. */
export const roles = [...staffRoles, 'employer', 'person'] as const;
export type UserRole = (typeof roles)[number];
/** `system` is the role of named system actors (CLI commands, schedules); no user account has it. */
export type Role = UserRole | 'system';

export const roleLabels: Record<Role, string> = {
  operator: '经办', reviewer: '复核', approver: '审批', finance: '财政', supervisor: '监督', auditor: '稽核',
  security_auditor: '安全审计员', admin: '系统管理员', employer: '参保单位', person: '参保人', system: '系统',
};

export interface WidenedScope {
  /** The region whose subtree the step may reach; null = national. */
  regionCode: string | null;
  reason: string;
}

export interface Actor {
  userId: bigint | null;
  username: string;
  role: Role;
  /** null = national scope (administrator, system commands). */
  regionCode: string | null;
  employerId?: bigint | null;
  personId?: bigint | null;
  requestId?: string;
  /** System actors only: the permissions their command needs. */
  grants?: readonly Permission[];
  /** Set only for a step that must cross the pooling structure. */
  widenedScope?: WidenedScope;
}

export type Tx = Transaction<Tables>;

/** 990000 → '99', 990100 → '9901', 990102 → '990102'; national → ''. Mirrors region_scope_prefix() in SQL. */
export function scopePrefix(regionCode: string | null): string {
  return regionCode ? regionCode.replace(/(00)+$/, '') : '';
}

/** Is the region within what the actor may reach now (its own scope, or the widened one of a cross-pool step)? */
export function inActorScope(actor: Actor, regionCode: string): boolean {
  return regionCode.startsWith(effectiveScopePrefix(actor));
}

/** The prefix the actor's transactions see: the widened scope for a cross-pool step, else the actor's own. */
export function effectiveScopePrefix(actor: Actor): string {
  return scopePrefix(actor.widenedScope ? actor.widenedScope.regionCode : actor.regionCode);
}

/** A named system actor (a CLI command, a schedule) holding only the permissions its command needs. */
export function systemActor(command: string, grants: readonly Permission[] = []): Actor {
  return { userId: null, username: `system:${command}`, role: 'system', regionCode: null, grants };
}

/** GB/T 2260: the province of 990102 is 990000. */
export const provinceOf = (regionCode: string) => `${regionCode.slice(0, 2)}0000`;

/**
 * The same actor, allowed for one step to reach the subtree of `regionCode` (null = national): a city operator's
 * billing or payments post pension amounts into the province's fund, outside the city's data scope. The caller
 * authorises the request in the user's own scope first.
 */
export function widenScope(actor: Actor, regionCode: string | null, reason: string): Actor {
  return { ...actor, widenedScope: { regionCode, reason } };
}

/**
 * The same actor for a step that books into the pooled funds above its region (pension is pooled at the province:
 * a county operator's billing or payment posts into the province's fund). Reaches the province's subtree only.
 */
export function widenToPooledFunds(actor: Actor, reason: string): Actor {
  return widenScope(actor, actor.regionCode ? provinceOf(actor.regionCode) : null, reason);
}

/** For the audit trail: null when the actor acts in its own scope. */
export function scopeWideningNote(actor: Actor): string | null {
  if (!actor.widenedScope) return null;
  return `${actor.widenedScope.regionCode ?? 'national'}: ${actor.widenedScope.reason}`;
}

/** The value of `sifund.scope` for an actor: its region prefix, or '*' for the national scope (in_scope() in SQL:
 * an unset or empty scope sees nothing). */
export const scopeSetting = (actor: Actor) => effectiveScopePrefix(actor) || NATIONAL_SCOPE;
export const NATIONAL_SCOPE = '*';

/**
 * Runs `work` in the caller's transaction seeing what `actor` (widened: widenScope) sees, then the caller's scope again:
 * a check inside a decision that reads a pooled fund's data above the decider's region (the budget control). On a
 * throw the scope is left as it is: the transaction is rolled back.
 */
export async function withinScope<T>(tx: Tx, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  const { rows } = await sql<{ scope: string | null }>`select current_setting('sifund.scope', true) as scope`.execute(tx);
  await sql`select set_config('sifund.scope', ${scopeSetting(actor)}, true)`.execute(tx);
  const result = await work(tx);
  await sql`select set_config('sifund.scope', ${rows[0].scope ?? ''}, true)`.execute(tx);
  return result;
}

/** Runs `work` in one transaction limited to the actor's data scope. */
export async function inScope<T>(database: DatabaseHandle, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  return database.db.transaction().execute(async (tx) => {
    // both in one round trip (it is one of every request's few): set_config('role', 'sifund_app', true) is `set local role sifund_app`
    const role = actor.userId !== null ? sql`, set_config('role', 'sifund_app', true)` : sql``;
    await sql`select set_config('sifund.scope', ${scopeSetting(actor)}, true)${role}`.execute(tx);
    return work(tx);
  });
}
