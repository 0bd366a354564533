/**
 * SQL of the audit trail (audit_log; migrations/0001_platform.sql, 0010_audit_keyed.sql): appending goes through
 * audit_append() in the changing transaction; verifying and anchoring read the whole trail on the pool; the seal
 * runs on the migration's client.
 */
import { sql } from 'kysely';
import type pg from 'pg';
import type { Tx } from '../actor.ts';
import type { DatabaseHandle } from '../database.ts';

declare module '../database.ts' {
  interface Tables {
    audit_log: {
      id: bigint; created_at: Date; actor_id: bigint | null; actor_username: string | null; actor_role: string | null;
      region_code: string | null; action: string; entity_type: string; entity_id: string | null; before: unknown; after: unknown;
      request_id: string | null; scope_widened: string | null; keyed: boolean; prev_hash: string | null; hash: string;
    };
  }
}

export interface AuditRecordInput {
  actorId: bigint | null; actorUsername: string; actorRole: string; regionCode: string | null; action: string; entityType: string;
  entityId: string | null; before: string | null; after: string | null; requestId: string | null; scopeWidened: string | null; key: Buffer;
}

/** Appends one keyed record (audit_append() chains it to the newest record under the key). */
export async function appendRecord(tx: Tx, r: AuditRecordInput): Promise<void> {
  await sql`select audit_append(${r.actorId}, ${r.actorUsername}, ${r.actorRole}, ${r.regionCode},
    ${r.action}, ${r.entityType}, ${r.entityId},
    ${r.before}::jsonb, ${r.after}::jsonb, ${r.requestId}, ${r.scopeWidened},
    ${r.key}::bytea)`.execute(tx);
}

/** How many records are not keyed, and the newest of them (on the migration's client). */
export async function unkeyedRecords(client: pg.ClientBase): Promise<{ n: string; last_id: string | null }> {
  const { rows } = await client.query<{ n: string; last_id: string | null }>(
    `select count(*) as n, max(id)::text as last_id from audit_log where not keyed`);
  return rows[0];
}

/** Appends the keyed record that closes the unkeyed part of the trail (on the migration's client). */
export async function appendSealRecord(client: pg.ClientBase, after: string, key: Buffer): Promise<void> {
  await client.query(`select audit_append(null, 'system:migrate', 'system', null, 'audit.keyed', 'audit_log', null, null, $1::jsonb, null, null, $2::bytea)`,
    [after, key]);
}

export const countRecords = async (database: DatabaseHandle): Promise<number> =>
  Number((await database.pool.query<{ n: string }>('select count(*) as n from audit_log')).rows[0].n);

export interface RecordToCheck { id: bigint; prev_hash: string | null; hash: string; keyed: boolean; expected: string }

/** The next records after `lastId` in id order (at most 20,000), each with the hash its content should have. */
export async function recordsWithExpectedHashes(database: DatabaseHandle, lastId: bigint, key: Buffer): Promise<RecordToCheck[]> {
  const { rows } = await database.pool.query<RecordToCheck>(
    `select id, prev_hash, hash, keyed,
              case when keyed
                then audit_record_hmac($2, prev_hash, id, created_at, actor_id, actor_username, actor_role, region_code,
                                       action, entity_type, entity_id, before, after, request_id, scope_widened)
                else audit_record_hash(prev_hash, id, created_at, actor_id, actor_username, actor_role, region_code,
                                       action, entity_type, entity_id, before, after, request_id) end as expected
         from audit_log where id > $1 order by id limit 20000`, [lastId.toString(), key]);
  return rows;
}

/** The newest record with the number of records up to it; undefined when the trail is empty. */
export async function newestRecord(database: DatabaseHandle): Promise<{ id: bigint; hash: string; n: string } | undefined> {
  const { rows } = await database.pool.query<{ id: bigint; hash: string; n: string }>(
    `select id, hash, (select count(*) from audit_log a where a.id <= l.id) as n from audit_log l order by id desc limit 1`);
  return rows[0];
}

/** A record's hash (null when it is missing), the number of records up to it, and the number of all records. */
export async function recordAndCounts(database: DatabaseHandle, id: string): Promise<{ hash: string | null; n: string; total: string }> {
  const { rows } = await database.pool.query<{ hash: string | null; n: string; total: string }>(
    `select (select hash from audit_log where id = $1) as hash, (select count(*) from audit_log where id <= $1) as n,
            (select count(*) from audit_log) as total`, [id]);
  return rows[0];
}

export interface AuditQuery {
  entityType?: string; entityId?: string; actor?: string; action?: string; excludeAction?: string; from?: string; to?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Audit records visible in the transaction's scope that match the filter (the caller orders and pages: by id). */
export function recordsQuery(tx: Tx, filter: AuditQuery) {
  // The actor's display name, when the viewer's scope sees the user (a user of another region stays a login name).
  let query = tx.selectFrom('audit_log').leftJoin('app_user', 'app_user.id', 'audit_log.actor_id').select([
    'audit_log.id', 'audit_log.created_at', 'audit_log.actor_id', 'audit_log.actor_username', 'app_user.display_name as actor_name', 'audit_log.actor_role',
    'audit_log.region_code', 'audit_log.action', 'audit_log.entity_type', 'audit_log.entity_id', 'audit_log.before', 'audit_log.after', 'audit_log.request_id', 'audit_log.scope_widened',
  ]);
  if (filter.entityType) query = query.where('audit_log.entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('audit_log.entity_id', '=', filter.entityId);
  if (filter.actor) query = query.where('audit_log.actor_username', '=', filter.actor);
  if (filter.action) query = query.where('audit_log.action', 'like', `${filter.action}%`);
  if (filter.excludeAction) query = query.where('audit_log.action', 'not like', `${filter.excludeAction}%`);
  // A bare date is a day in China, `to` through its end (the list page's date range); a timestamp is that instant.
  if (filter.from) query = query.where('audit_log.created_at', '>=', DAY.test(filter.from) ? sql<Date>`${filter.from}::date::timestamp at time zone 'Asia/Shanghai'` : new Date(filter.from));
  if (filter.to) query = query.where('audit_log.created_at', '<', DAY.test(filter.to) ? sql<Date>`(${filter.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'` : new Date(filter.to));
  return query;
}
