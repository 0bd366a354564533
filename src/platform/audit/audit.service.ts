/**
 * The audit trail (R9.2): one record per change, written in the changing transaction, chained by SHA-256
 * (see audit_append() and audit_record_hash() in migrations/0001_platform.sql).
 */
import { sql } from 'kysely';
import type { Actor, Tx } from '../actor.ts';
import type { DatabaseHandle } from '../database.ts';

export interface AuditChange {
  action: string;
  entityType: string;
  entityId?: string | bigint | null;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
}

/** JSON for jsonb: bigint as string (ids and fen), undefined dropped. */
export function toJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));
}

export async function recordAudit(tx: Tx, actor: Actor, change: AuditChange): Promise<void> {
  await sql`select audit_append(${actor.userId}, ${actor.username}, ${actor.role}, ${change.regionCode ?? actor.regionCode},
    ${change.action}, ${change.entityType}, ${change.entityId == null ? null : String(change.entityId)},
    ${toJson(change.before)}::jsonb, ${toJson(change.after)}::jsonb, ${actor.requestId ?? null})`.execute(tx);
}

export interface VerifyResult { ok: boolean; count: number; brokenAt?: { id: string; reason: string } }

/**
 * Recomputes every record's hash and checks each link to the record before it, in id order, in chunks.
 * An altered record fails its own hash; a removed one breaks the next record's link.
 */
export async function verifyAuditChain(database: DatabaseHandle, onProgress?: (checked: number, total: number) => void): Promise<VerifyResult> {
  const total = Number((await database.pool.query<{ n: string }>('select count(*) as n from audit_log')).rows[0].n);
  let previousHash: string | null = null;
  let lastId = -1n;
  let count = 0;
  for (;;) {
    const { rows } = await database.pool.query<{ id: bigint; prev_hash: string | null; hash: string; expected: string }>(
      `select id, prev_hash, hash, audit_record_hash(prev_hash, id, created_at, actor_id, actor_username, actor_role, region_code,
              action, entity_type, entity_id, before, after, request_id) as expected
         from audit_log where id > $1 order by id limit 20000`, [lastId.toString()]);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.prev_hash !== previousHash) {
        return { ok: false, count, brokenAt: { id: row.id.toString(), reason: previousHash === null && count === 0 ? 'the first record links to a record that is missing' : 'link to the previous record is broken (a record was removed or reordered)' } };
      }
      if (row.hash !== row.expected) return { ok: false, count, brokenAt: { id: row.id.toString(), reason: 'content does not match its hash (the record was altered)' } };
      previousHash = row.hash;
      lastId = row.id;
      count++;
    }
    onProgress?.(count, total);
  }
  return { ok: true, count };
}

declare module '../database.ts' {
  interface Tables {
    audit_log: {
      id: bigint; created_at: Date; actor_id: bigint | null; actor_username: string | null; actor_role: string | null;
      region_code: string | null; action: string; entity_type: string; entity_id: string | null; before: unknown; after: unknown;
      request_id: string | null; prev_hash: string | null; hash: string;
    };
  }
}

export interface AuditFilter {
  entityType?: string; entityId?: string; actor?: string; action?: string; from?: string; to?: string;
  /** Keyset paging: records with id below this. */
  before?: bigint; limit?: number;
}

/** Audit records visible in the transaction's scope, newest first. */
export async function listAudit(tx: Tx, filter: AuditFilter) {
  let query = tx.selectFrom('audit_log').select(['id', 'created_at', 'actor_username', 'actor_role', 'region_code', 'action', 'entity_type', 'entity_id', 'before', 'after', 'request_id']);
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.actor) query = query.where('actor_username', '=', filter.actor);
  if (filter.action) query = query.where('action', 'like', `${filter.action}%`);
  if (filter.from) query = query.where('created_at', '>=', new Date(filter.from));
  if (filter.to) query = query.where('created_at', '<', new Date(filter.to));
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  const rows = await query.orderBy('id', 'desc').limit(Math.min(filter.limit ?? 100, 1000)).execute();
  return rows.map((row) => ({
    id: row.id.toString(), createdAt: row.created_at.toISOString(), actorUsername: row.actor_username, actorRole: row.actor_role,
    regionCode: row.region_code, action: row.action, entityType: row.entity_type, entityId: row.entity_id, before: row.before, after: row.after, requestId: row.request_id,
  }));
}
