/**
 * The audit trail (R9.2): one record per change, written in the changing transaction, chained by hashes keyed
 * with a secret kept outside the database (HMAC-SHA256; see audit_append() in migrations/0010_audit_keyed.sql and
 * audit.key.ts). Records written before keying keep their plain SHA-256 (audit_record_hash() in 0001).
 * Anchors (signed heads of the chain kept elsewhere) reveal records removed from its end.
 */
import crypto from 'node:crypto';
import type pg from 'pg';
import { scopeWideningNote, type Actor, type Role, type Tx } from '../actor.ts';
import type { DatabaseHandle } from '../database.ts';
import { maskIdNumbersDeep, maskIdNumbersIn } from '../personal-data.ts';
import { auditKey } from './audit.key.ts';
import * as repository from './audit.repository.ts';
import { keysetPage, listPage, type ListAnswer, type ListRequest, type SortKey } from '../http/lists.ts';

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

/** Appends one keyed record in the transaction; a widened scope is recorded with its reason. */
export async function recordAudit(tx: Tx, actor: Actor, change: AuditChange): Promise<void> {
  await repository.appendRecord(tx, {
    actorId: actor.userId, actorUsername: actor.username, actorRole: actor.role, regionCode: change.regionCode ?? actor.regionCode,
    action: change.action, entityType: change.entityType, entityId: change.entityId == null ? null : String(change.entityId),
    before: toJson(change.before), after: toJson(change.after), requestId: actor.requestId ?? null, scopeWidened: scopeWideningNote(actor),
    key: auditKey(),
  });
}

/**
 * When keying arrives on a trail that already has records (migration 0010), one keyed record closes the unkeyed
 * part: its link is the hash of the last unkeyed record, so from then on those records cannot change unnoticed.
 * Runs in the migration's transaction.
 */
export async function sealUnkeyedTrail(client: pg.ClientBase, key: () => Buffer): Promise<void> {
  const unkeyed = await repository.unkeyedRecords(client);
  if (Number(unkeyed.n) === 0) return;
  await repository.appendSealRecord(client, JSON.stringify({ unkeyedRecords: Number(unkeyed.n), lastUnkeyedId: unkeyed.last_id }), key());
}

export interface AnchorCheck {
  ok: boolean;
  lastId: string | null;
  count: number;
  at: string;
  problem?: string;
}

export interface VerifyResult {
  ok: boolean;
  count: number;
  brokenAt?: { id: string; reason: string };
  /** With an anchor: whether the trail still holds everything the anchor signed. */
  anchor?: AnchorCheck;
}

export interface VerifyOptions {
  /** Default: the process's audit key. */
  key?: Buffer;
  anchor?: AuditAnchor;
  onProgress?: (checked: number, total: number) => void;
}

/**
 * Recomputes every record's hash and checks each link to the record before it, in id order, in chunks.
 * An altered record fails its own hash; a removed one breaks the next record's link. Keyed records are checked
 * with HMAC-SHA256 under the key, older ones with plain SHA-256; an unkeyed record after a keyed one, or a trail
 * whose newest record is unkeyed, was rewritten without the key. Removing the newest records leaves no broken
 * link: an anchor reveals it.
 */
export async function verifyAuditChain(database: DatabaseHandle, options: VerifyOptions | VerifyOptions['onProgress'] = {}): Promise<VerifyResult> {
  const { key = auditKey(), anchor, onProgress } = typeof options === 'function' ? { onProgress: options } : options;
  if (anchor && !anchorSignatureValid(anchor, key)) {
    return { ok: false, count: 0, anchor: { ok: false, lastId: anchor.lastId, count: anchor.count, at: anchor.at, problem: 'the anchor\'s signature does not match: the anchor was edited, or it was signed with another audit key' } };
  }
  const total = await repository.countRecords(database);
  let previousHash: string | null = null;
  let previousKeyed = false;
  let lastId = -1n;
  let count = 0;
  const broken = (id: bigint, reason: string): VerifyResult => ({ ok: false, count, brokenAt: { id: id.toString(), reason } });
  for (;;) {
    const rows = await repository.recordsWithExpectedHashes(database, lastId, key);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.prev_hash !== previousHash) {
        return broken(row.id, previousHash === null && count === 0 ? 'the first record links to a record that is missing' : 'link to the previous record is broken (a record was removed or reordered)');
      }
      if (previousKeyed && !row.keyed) return broken(row.id, 'the record is not keyed but follows keyed records (it was written or rewritten without the audit key)');
      if (row.hash !== row.expected) {
        return broken(row.id, row.keyed ? 'content does not match its keyed hash (the record was altered, or this is not the audit key the trail was written with)' : 'content does not match its hash (the record was altered)');
      }
      previousHash = row.hash;
      previousKeyed = row.keyed;
      lastId = row.id;
      count++;
    }
    onProgress?.(count, total);
  }
  if (count > 0 && !previousKeyed) {
    return { ok: false, count: count - 1, brokenAt: { id: lastId.toString(), reason: 'the newest record is not keyed: the trail was rewritten without the audit key' } };
  }
  if (!anchor) return { ok: true, count };
  const check = await checkAnchor(database, anchor);
  return { ok: check.ok, count, anchor: check };
}

// Anchors ------------------------------------------------------------------------------------------------------

/** The signed head of the trail, to keep away from the database (another machine, a ticket, paper). */
export interface AuditAnchor {
  kind: 'sifund-audit-anchor';
  version: 1;
  /** The newest record when the anchor was made (null: the trail was empty). */
  lastId: string | null;
  /** Records up to and including lastId. */
  count: number;
  hash: string | null;
  at: string;
  /** HMAC-SHA256 under the audit key of the fields above. */
  signature: string;
}

function anchorSignature(anchor: Omit<AuditAnchor, 'signature'>, key: Buffer): string {
  return crypto.createHmac('sha256', key)
    .update(JSON.stringify([anchor.kind, anchor.version, anchor.lastId, anchor.count, anchor.hash, anchor.at]))
    .digest('hex');
}

function anchorSignatureValid(anchor: AuditAnchor, key: Buffer): boolean {
  const expected = Buffer.from(anchorSignature(anchor, key), 'hex');
  const given = Buffer.from(typeof anchor.signature === 'string' ? anchor.signature : '', 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** Reads an anchor file's content; a malformed one is an error naming what is wrong. */
export function parseAnchor(text: string): AuditAnchor {
  let value: Partial<AuditAnchor>;
  try { value = JSON.parse(text); } catch { throw new Error('the anchor file is not JSON'); }
  if (value?.kind !== 'sifund-audit-anchor' || value.version !== 1) throw new Error('the file is not a sifund audit anchor (version 1)');
  if (!(value.lastId === null || (typeof value.lastId === 'string' && /^[0-9]+$/.test(value.lastId)))) throw new Error('the anchor\'s lastId is not a record id');
  if (!Number.isSafeInteger(value.count) || value.count! < 0) throw new Error('the anchor\'s count is not a number of records');
  if (typeof value.at !== 'string' || typeof value.signature !== 'string') throw new Error('the anchor has no time or no signature');
  return value as AuditAnchor;
}

/** Verifies the trail, then signs its head. A broken trail is not anchored. */
export async function createAnchor(database: DatabaseHandle, options: { key?: Buffer; onProgress?: VerifyOptions['onProgress'] } = {}): Promise<{ anchor?: AuditAnchor; verify: VerifyResult }> {
  const key = options.key ?? auditKey();
  const verify = await verifyAuditChain(database, { key, onProgress: options.onProgress });
  if (!verify.ok) return { verify };
  // The head is read after the check; records appended meanwhile were checked by their own link.
  const head = await repository.newestRecord(database);
  const unsigned = { kind: 'sifund-audit-anchor' as const, version: 1 as const, lastId: head ? head.id.toString() : null, count: head ? Number(head.n) : 0, hash: head?.hash ?? null, at: new Date().toISOString() };
  return { anchor: { ...unsigned, signature: anchorSignature(unsigned, key) }, verify };
}

async function checkAnchor(database: DatabaseHandle, anchor: AuditAnchor): Promise<AnchorCheck> {
  const base = { lastId: anchor.lastId, count: anchor.count, at: anchor.at };
  if (anchor.lastId === null) return { ok: true, ...base };
  const counts = await repository.recordAndCounts(database, anchor.lastId);
  const { hash } = counts;
  const upTo = Number(counts.n), total = Number(counts.total);
  if (hash === null) {
    return { ok: false, ...base, problem: `record ${anchor.lastId}, the newest when the anchor was made (${anchor.at}), is missing: the trail was cut back (${total} records now, the anchor counted ${anchor.count})` };
  }
  if (hash !== anchor.hash) return { ok: false, ...base, problem: `record ${anchor.lastId} no longer has the hash the anchor signed: the trail was rewritten` };
  if (upTo !== anchor.count) {
    return { ok: false, ...base, problem: `${upTo} records up to record ${anchor.lastId}, the anchor counted ${anchor.count}: records were ${upTo < anchor.count ? 'removed' : 'inserted'}` };
  }
  return { ok: true, ...base };
}

// Reading ------------------------------------------------------------------------------------------------------

export interface AuditFilter {
  entityType?: string; entityId?: string; actor?: string; action?: string; from?: string; to?: string;
  /** Leave out actions with this prefix (the sign-in log is for security auditors only). */
  excludeAction?: string;
}

/** Roles that see ID numbers in audit images in full; everyone else sees them masked (docs/decisions.md). */
export const roleSeesFullIdNumbers = (role: Role) => role === 'auditor' || role === 'security_auditor';

/** Newest first: ids are time-ordered, and unique. */
const newestFirst: SortKey[] = [{ by: 'audit_log.id', direction: 'desc' }];

type RecordRow = Awaited<ReturnType<ReturnType<typeof repository.recordsQuery>['execute']>>[number];

/** The records as the viewer may see them: ID numbers in the images and the entity id masked unless the viewer is an auditor (no viewer: masked). */
function recordViews(viewer: Pick<Actor, 'role'> | undefined) {
  const full = viewer !== undefined && roleSeesFullIdNumbers(viewer.role);
  const image = (value: unknown) => (full ? value : maskIdNumbersDeep(value));
  return (rows: RecordRow[]) => rows.map((row) => ({
    id: row.id.toString(), createdAt: row.created_at.toISOString(), actorId: row.actor_id?.toString() ?? null, actorUsername: row.actor_username, actorName: row.actor_name ?? null, actorRole: row.actor_role,
    regionCode: row.region_code, action: row.action, entityType: row.entity_type, entityId: row.entity_id === null || full ? row.entity_id : maskIdNumbersIn(row.entity_id),
    before: image(row.before), after: image(row.after), requestId: row.request_id, scopeWidened: row.scope_widened,
  }));
}
export type AuditRecordView = ReturnType<ReturnType<typeof recordViews>>[number];

/** A page of the records visible in the transaction's scope, newest first, with their count (the audit page). */
export function auditPage(tx: Tx, filter: AuditFilter, request: ListRequest, viewer?: Pick<Actor, 'role'>): Promise<ListAnswer<AuditRecordView>> {
  return listPage(tx, repository.recordsQuery(tx, filter), newestFirst, request, recordViews(viewer));
}

/** The records past the cursor, uncounted (an export walks them page by page). */
export async function auditRecords(tx: Tx, filter: AuditFilter, request: ListRequest, viewer?: Pick<Actor, 'role'>) {
  const page = await keysetPage(repository.recordsQuery(tx, filter), newestFirst, request);
  return { items: recordViews(viewer)(page.items), nextCursor: page.nextCursor };
}

/** The newest records (at most `limit`, 100 by default) visible in the transaction's scope: an entity's history. */
export async function listAudit(tx: Tx, filter: AuditFilter & { limit?: number }, viewer?: Pick<Actor, 'role'>): Promise<AuditRecordView[]> {
  return (await auditRecords(tx, filter, { limit: Math.min(filter.limit ?? 100, 1000) }, viewer)).items;
}
