/**
 * Who is acting, and the transaction that acts for them: every scoped transaction runs as the `sifund_app`
 * role with `sifund.scope` set to the actor's region prefix, so row-level security in the database limits
 * what it reads and writes to the actor's region subtree, whatever the code above it does.
 */
import { sql, type Transaction } from 'kysely';
import type { DatabaseHandle, Tables } from './database.ts';

export const staffRoles = ['operator', 'reviewer', 'approver', 'finance', 'supervisor', 'auditor', 'admin'] as const;
export const roles = [...staffRoles, 'employer', 'person'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  operator: '经办', reviewer: '复核', approver: '审批', finance: '财政', supervisor: '监督', auditor: '稽核',
  admin: '系统管理员', employer: '参保单位', person: '参保人',
};

export interface Actor {
  userId: bigint | null;
  username: string;
  role: Role;
  /** null = national scope (administrator, system commands). */
  regionCode: string | null;
  employerId?: bigint | null;
  personId?: bigint | null;
  requestId?: string;
}

export type Tx = Transaction<Tables>;

/** 990000 → '99', 990100 → '9901', 990102 → '990102'; national → ''. Mirrors region_scope_prefix() in SQL. */
export function scopePrefix(regionCode: string | null): string {
  return regionCode ? regionCode.replace(/(00)+$/, '') : '';
}

export function inActorScope(actor: Actor, regionCode: string): boolean {
  return regionCode.startsWith(scopePrefix(actor.regionCode));
}

export function systemActor(command: string): Actor {
  return { userId: null, username: `system:${command}`, role: 'admin', regionCode: null };
}

/**
 * The actor for work a user may start in their own scope but that books across the pooling structure: a city
 * operator's billing or payments post pension amounts into the province's fund, which is outside the city's data
 * scope. The caller authorises the request in the user's scope first; the work then runs without a scope,
 * recorded under the user's name.
 */
export function onBehalfOf(actor: Actor, job: string): Actor {
  return { userId: null, username: `${actor.username} (${job})`, role: 'admin', regionCode: null, requestId: actor.requestId };
}

/** Runs `work` in one transaction limited to the actor's data scope. */
export async function inScope<T>(database: DatabaseHandle, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  return database.db.transaction().execute(async (tx) => {
    await sql`select set_config('sifund.scope', ${scopePrefix(actor.regionCode)}, true)`.execute(tx);
    if (actor.userId !== null) await sql`set local role sifund_app`.execute(tx);
    return work(tx);
  });
}
