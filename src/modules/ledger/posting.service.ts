/**
 * Posting (R5.2): the one way money enters the ledger. Entries are validated (balanced, accounts of the fund,
 * 收支两条线, open period, idempotency), then written set-based: one statement writes the lines and headers of a batch;
 * the database triggers keep the balances per (account, period) and refuse anything unbalanced.
 *
 * `postEntries(tx, …)` runs inside the caller's transaction (all or nothing with the caller's own writes);
 * `postEntries(database, …)` validates everything first, then commits batch by batch, each retried on a deadlock,
 * a serialization failure or a concurrent posting of the same key — safe because keys make every batch idempotent —
 * in two lanes side by side when the entries span more than one fund or month (lanesByFundPeriod).
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, inActorScope, type Actor, type Tx } from '../../platform/actor.ts';
import { allEnded } from '../../platform/concurrency.ts';
import { AppError, conflict, invalid, notFound, rejectedRows, type RowProblem } from '../../platform/errors.ts';
import { reserveIds, idAt } from '../../platform/ids.ts';
import { formatYuan } from '../../platform/money.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { todayInChina } from '../../platform/params/index.ts';
import * as repository from './ledger.repository.ts';
import { subjectNames, fundByCode, accountsOf } from './fund.service.ts';
import {
  entryContentHash, periodEnd, periodOfDate, reversalLines, trialBalance, validateEntry,
  type AccountInfo, type EntryInput, type ResolvedLine,
} from './journal.calc.ts';
import { bankRoles, type EntryKind } from './ledger.tables.ts';
import { entryMessages, ledgerMessages as say } from './ledger.messages.ts';

export interface PostOptions {
  /** business (default): postings of other modules; import: migrated history (`ledger import`). */
  kind?: 'business' | 'import';
  /** Lines per INSERT and transaction (default POSTING_BATCH_LINES). */
  batchLines?: number;
  onProgress?: (postedEntries: number, totalEntries: number) => void;
}

export interface PostResult { key: string; fund: string; entryId: string; status: 'posted' | 'existing' }

/** An entry with what the caller cannot set through the public input: its kind, what it reverses, who approved it. */
export interface PreparedEntry {
  input: EntryInput;
  kind: EntryKind;
  reverses?: bigint | null;
  approvedBy?: { id: bigint | null; name: string } | null;
  /** The maker, when not the acting user (a draft's maker is recorded, the checker approves). */
  madeBy?: { id: bigint | null; name: string } | null;
}

/** A validated entry, with what writing it needs computed once (the same shape for every entry: no spread). */
interface ValidatedEntry {
  prepared: PreparedEntry;
  input: EntryInput;
  index: number;
  fund: PostingFund;
  /** `<fund id>|<key>`: the idempotency identity. */
  identity: string;
  lines: ResolvedLine[];
  total: bigint;
  /** The content hash, computed on first use (contentHashOf). */
  contentHash: string | null;
}

/**
 * An entry's content hash, computed once when first needed: validation compares it only for a key already posted or
 * repeated in the call, and buildBatch writes it, while the previous batch is being inserted (postPrepared), so the
 * hashing of most entries leaves the validation that runs before anything is written.
 */
function contentHashOf(entry: ValidatedEntry): string {
  return entry.contentHash ??= entryContentHash(entry.input, { reverses: entry.prepared.reverses });
}

/** A fund as posting uses it: its row, its id as text, whether the actor's scope covers it, its accounts by code. */
interface PostingFund extends repository.FundRow { idText: string; inScope: boolean; accounts: Map<string, AccountInfo> }

/** Funds, accounts and subjects read once per call. */
class PostingContext {
  private funds = new Map<string, PostingFund | null>();
  readonly subjects = subjectNames();

  async load(tx: Tx, actor: Actor, fundCodes: string[]) {
    const missing = [...new Set(fundCodes)].filter((code) => !this.funds.has(code));
    if (!missing.length) return;
    const rows = await repository.findFundsByCodes(tx, missing);
    const accounts = await repository.accountsOfFunds(tx, rows.map((r) => r.id));
    for (const code of missing) {
      const row = rows.find((r) => r.code === code);
      this.funds.set(code, row ? {
        ...row, idText: row.id.toString(), inScope: inActorScope(actor, row.region_code),
        accounts: new Map((accounts.get(row.id) ?? []).map((a) => [a.code, a])),
      } : null);
    }
  }
  fund(code: string) { return this.funds.get(code) ?? null; }
}

const isTransaction = (target: DatabaseHandle | Tx): target is Tx => !('pool' in target);

/**
 * Validates entries without writing: every problem of every entry, with `row` = position in `entries` (1-based).
 * Includes closed periods and idempotency-key conflicts with what is already posted.
 */
export async function validateEntries(tx: Tx, actor: Actor, entries: PreparedEntry[], context = new PostingContext()): Promise<{ valid: ValidatedEntry[]; problems: RowProblem[]; existing: Map<string, repository.ExistingEntry> }> {
  const problems: RowProblem[] = [];
  const valid: ValidatedEntry[] = [];
  await context.load(tx, actor, entries.map((e) => e.input.fund).filter((f) => typeof f === 'string'));
  // The keys already posted are looked up a chunk at a time while the rest is validated (the database answers on its
  // own core meanwhile); the answers are awaited after the loop.
  const lookups: Promise<repository.ExistingEntry[]>[] = [];
  let lookedUp = 0;
  for (let i = 0; i < entries.length; i++) {
    const prepared = entries[i];
    const input = prepared.input;
    const row = i + 1;
    const fund = context.fund(input.fund);
    if (!fund) { problems.push({ row, field: 'fund', message: entryMessages.noFund({ fund: input.fund }) }); continue; }
    if (!fund.inScope) { problems.push({ row, field: 'fund', message: entryMessages.fundOutOfScope({ fund: fund.code }) }); continue; }
    const result = validateEntry(input, fund.accounts, context.subjects, prepared.kind);
    if (!result.ok) { for (const p of result.problems) problems.push({ row, field: p.field, message: p.message }); continue; }
    valid.push({
      prepared, input, index: i, fund, identity: `${fund.idText}|${input.key}`, lines: result.lines, total: result.total,
      contentHash: null,
    });
    if (valid.length - lookedUp === KEY_LOOKUP_CHUNK) {
      lookups.push(entriesPostedUnderKeys(tx, valid.slice(lookedUp)));
      lookedUp = valid.length;
      await nextTurnOfTheEventLoop();   // the lookup has been handed to the connection by now
    }
  }
  if (valid.length > lookedUp) lookups.push(entriesPostedUnderKeys(tx, valid.slice(lookedUp)));
  // Closed months (the database refuses them too; this names the entry). The (fund, period) pairs are gathered
  // without a string per entry, and entries are looked at again only when a month is closed.
  const periodsByFund = new Map<PostingFund, Set<string>>();
  for (const v of valid) {
    const periods = periodsByFund.get(v.fund);
    if (periods) periods.add(v.input.period); else periodsByFund.set(v.fund, new Set([v.input.period]));
  }
  const pairs = [...periodsByFund].flatMap(([fund, periods]) => [...periods].map((period) => ({ fundId: fund.id, period })));
  const closed = await repository.closedPeriods(tx, pairs.map((p) => p.fundId), pairs.map((p) => p.period));
  if (closed.length) {
    const closedSet = new Set(closed.map((c) => `${c.fund_id}|${c.period}`));
    for (const v of valid) {
      if (closedSet.has(`${v.fund.idText}|${v.input.period}`)) {
        problems.push({ row: v.index + 1, field: 'period', message: entryMessages.periodClosed({ period: v.input.period, fund: v.fund.code }) });
      }
    }
  }
  // Idempotency: a key already used (in the database or earlier in this call) must carry the same content.
  const seen = new Map<string, ValidatedEntry>();
  for (const v of valid) {
    const earlier = seen.get(v.identity);
    if (earlier && contentHashOf(earlier) !== contentHashOf(v)) {
      problems.push({ row: v.index + 1, field: 'key', message: entryMessages.keyUsedInCall({ key: v.input.key, earlier: earlier.index + 1 }) });
    } else if (!earlier) seen.set(v.identity, v);
  }
  const existing = new Map<string, repository.ExistingEntry>();
  for (const lookup of lookups) for (const row of await lookup) existing.set(`${row.fund_id}|${row.idempotency_key}`, row);
  for (const v of valid) {
    const found = existing.get(v.identity);
    if (found && found.content_hash !== contentHashOf(v)) {
      problems.push({ row: v.index + 1, field: 'key', message: entryMessages.keyPosted({ key: v.input.key, entryId: found.id }) });
    }
  }
  problems.sort((a, b) => a.row - b.row);
  return { valid, problems, existing };
}

/** Keys looked up per statement. */
const KEY_LOOKUP_CHUNK = 20_000;

/** The entries already posted under the keys of these entries (one statement, at most KEY_LOOKUP_CHUNK keys). */
function entriesPostedUnderKeys(tx: Tx, entries: ValidatedEntry[]): Promise<repository.ExistingEntry[]> {
  const lookup = repository.entriesByKeys(tx, entries.map((e) => e.fund.idText), entries.map((e) => e.input.key));
  lookup.catch(() => {});   // awaited by the caller; this only keeps a failure meanwhile from counting as unhandled
  return lookup;
}

async function existingByKey(tx: Tx, entries: ValidatedEntry[]) {
  const found = new Map<string, repository.ExistingEntry>();
  for (let i = 0; i < entries.length; i += KEY_LOOKUP_CHUNK) {
    for (const row of await entriesPostedUnderKeys(tx, entries.slice(i, i + KEY_LOOKUP_CHUNK))) found.set(`${row.fund_id}|${row.idempotency_key}`, row);
  }
  return found;
}

function throwProblems(problems: RowProblem[], total: number) {
  if (!problems.length) return;
  const rows = new Set(problems.map((p) => p.row)).size;
  throw rejectedRows(say.entriesRejected({ rows, total }), problems);
}

/** A batch ready to write: every entry's result, and the entries not posted yet with their columns. */
interface BuiltBatch {
  results: PostResult[];
  fresh: ValidatedEntry[];
  columns: { headers: repository.EntryColumns; lines: repository.LineColumns; counters: repository.VoucherCounterColumns; lineCount: number } | null;
}

/**
 * Sorts a batch into entries already posted (`existing`: the same content, or a 409) and fresh ones, reserves the
 * fresh entries' ids and builds their columns. Pure Node work, so the next batch is built while the database writes
 * the current one (postPrepared).
 */
function buildBatch(actor: Actor, batch: ValidatedEntry[], existing: Map<string, repository.ExistingEntry>): BuiltBatch {
  const results: PostResult[] = [];
  const fresh: ValidatedEntry[] = [];
  // Result positions of each fresh entry's first occurrence, and of later occurrences of a key inside the batch.
  const firstPosition = new Map<string, number>();
  const repeats: { position: number; identity: string }[] = [];
  for (const entry of batch) {
    const found = existing.get(entry.identity);
    if (found) {
      if (found.content_hash !== contentHashOf(entry)) throw conflict('key', say.keyPostedOtherContent({ key: entry.input.key, entryId: found.id }));
      results.push({ key: entry.input.key, fund: entry.fund.code, entryId: found.id.toString(), status: 'existing' });
    } else if (firstPosition.has(entry.identity)) {
      repeats.push({ position: results.length, identity: entry.identity });
      results.push({ key: entry.input.key, fund: entry.fund.code, entryId: '', status: 'existing' });
    } else {
      firstPosition.set(entry.identity, results.length);
      results.push({ key: entry.input.key, fund: entry.fund.code, entryId: '', status: 'posted' });
      fresh.push(entry);
    }
  }
  if (!fresh.length) return { results, fresh, columns: null };
  const ids = reserveIds(fresh.length);
  const lines = repository.lineColumns();
  const headers = repository.entryColumns();
  // 凭证字号: the entries of one fund and period take the next numbers of its counter in batch order; each entry is
  // numbered back from the counter's new value by the entries after it (insertEntriesWithLines).
  const voucherCounts = new Map<string, { fund: PostingFund; period: string; entries: number }>();
  for (const { fund, input } of fresh) {
    const counted = voucherCounts.get(`${fund.idText}|${input.period}`);
    if (counted) counted.entries++; else voucherCounts.set(`${fund.idText}|${input.period}`, { fund, period: input.period, entries: 1 });
  }
  const counters = repository.voucherCounterColumns();
  for (const { fund, period, entries } of voucherCounts.values()) {
    counters.fundId.plain(fund.idText); counters.period.plain(period); counters.regionCode.add(fund.region_code); counters.entries.plain(entries);
  }
  const numberedSoFar = new Map<string, number>();
  let lineCount = 0;
  for (let k = 0; k < fresh.length; k++) {
    const entry = fresh[k];
    const { input, fund, prepared } = entry;
    const entryId = idAt(ids, k).toString();
    results[firstPosition.get(entry.identity)!].entryId = entryId;
    // ids, amounts and counts are digits, and validation checked the period and the date: none needs quoting
    for (const line of entry.lines) {
      lines.fundId.plain(fund.idText); lines.entryId.plain(entryId); lines.lineNumber.plain(line.lineNumber); lines.accountId.plain(line.account.id);
      lines.regionCode.add(fund.region_code); lines.period.plain(input.period); lines.valueDate.plain(input.date);
      lines.debit.plain(line.debit); lines.credit.plain(line.credit); lines.subject.add(line.subject); lines.reference.add(line.reference); lines.memo.add(line.memo);
    }
    lineCount += entry.lines.length;
    const maker = prepared.madeBy ?? { id: actor.userId, name: actor.username };
    headers.fundId.plain(fund.idText); headers.id.plain(entryId); headers.regionCode.add(fund.region_code); headers.period.plain(input.period);
    headers.valueDate.plain(input.date); headers.kind.plain(prepared.kind); headers.memo.add(input.memo ?? ''); headers.sourceType.add(input.source?.type ?? null);
    headers.sourceId.add(input.source?.id ?? null); headers.key.add(input.key); headers.contentHash.plain(contentHashOf(entry));
    headers.reverses.add(prepared.reverses?.toString() ?? null); headers.correctionOfPeriod.add(input.correctionOfPeriod ?? null);
    headers.lineCount.plain(entry.lines.length); headers.total.plain(entry.total); headers.createdById.add(maker.id?.toString() ?? null);
    headers.createdBy.add(maker.name); headers.approvedById.add(prepared.approvedBy?.id?.toString() ?? null); headers.approvedBy.add(prepared.approvedBy?.name ?? null);
    const counterKey = `${fund.idText}|${input.period}`;
    const numbered = (numberedSoFar.get(counterKey) ?? 0) + 1;
    numberedSoFar.set(counterKey, numbered);
    headers.voucherFromEnd.plain(voucherCounts.get(counterKey)!.entries - numbered);
  }
  // A key repeated inside the batch points at the entry posted for its first occurrence.
  for (const { position, identity } of repeats) results[position].entryId = results[firstPosition.get(identity)!].entryId;
  return { results, fresh, columns: { headers, lines, counters, lineCount } };
}

const nextTurnOfTheEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * What other modules do in a posting's transaction, once per batch, with the funds it posted to (the execution module
 * marks their alerts for evaluation): it must stay cheap, a batch may hold thousands of entries.
 */
export type PostingEffect = (tx: Tx, funds: { code: string; regionCode: string }[]) => Promise<void>;
const postingEffects = new Map<string, PostingEffect>();

export function registerPostingEffect(name: string, effect: PostingEffect) {
  if (postingEffects.has(name) && postingEffects.get(name) !== effect) throw new Error(`posting effect ${name} registered twice`);
  postingEffects.set(name, effect);
}

/**
 * Writes a built batch in the caller's transaction, lines and headers in one statement (0015_ledger_speed.sql), and
 * its audit record. `whileInserting` runs once the statement is on its way to the database (the next batch is built
 * meanwhile, on this core, while PostgreSQL works on the other).
 */
async function writeBatch(tx: Tx, actor: Actor, built: BuiltBatch, whileInserting?: () => void): Promise<PostResult[]> {
  const { fresh, columns } = built;
  if (columns) {
    const inserting = repository.insertEntriesWithLines(tx, columns.headers, columns.lines, columns.counters);
    if (whileInserting) {
      inserting.catch(() => {});   // awaited below; this only keeps a failure from counting as unhandled meanwhile
      await nextTurnOfTheEventLoop();   // the statement has been handed to the connection by now
      whileInserting();
    }
    await inserting;
    const funds = [...new Set(fresh.map((e) => e.fund.code))];
    const keys = fresh.map((e) => e.input.key);
    const entryIds = fresh.length <= 20 ? built.results.filter((r) => r.status === 'posted').map((r) => r.entryId) : undefined;
    await recordAudit(tx, actor, {
      action: 'ledger.entries.post', entityType: 'accounting_entry', entityId: fresh.length === 1 ? entryIds![0] : null,
      regionCode: funds.length === 1 ? fresh[0].fund.region_code : actor.regionCode,
      after: { kinds: [...new Set(fresh.map((e) => e.prepared.kind))], funds, entries: fresh.length, lines: columns.lineCount, total: formatYuan(fresh.reduce((s, e) => s + e.total, 0n)),
        keys: fresh.length <= 20 ? keys : [keys[0], '…', keys[keys.length - 1]], entryIds },
    });
    // in code order: two batches writing the same funds at once (two lanes, two calls) take their effects' row locks in the same order
    const postedFunds = [...new Map(fresh.map((e) => [e.fund.code, { code: e.fund.code, regionCode: e.fund.region_code }])).values()]
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    for (const effect of postingEffects.values()) await effect(tx, postedFunds);
  } else whileInserting?.();
  return built.results;
}

/** Lines a posting writes per statement and transaction, unless told otherwise. */
export const POSTING_BATCH_LINES = 5000;

function chunksByLines(entries: ValidatedEntry[], batchLines: number): ValidatedEntry[][] {
  const chunks: ValidatedEntry[][] = [];
  let current: ValidatedEntry[] = [];
  let lines = 0;
  for (const entry of entries) {
    if (current.length && lines + entry.lines.length > batchLines) { chunks.push(current); current = []; lines = 0; }
    current.push(entry);
    lines += entry.lines.length;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

const RETRYABLE = new Set(['40001', '40P01']);

function retryable(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return RETRYABLE.has(e.code ?? '') || (e.code === '23505' && e.constraint === 'accounting_entry_fund_id_idempotency_key_key');
}

async function withRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try { return await work(); } catch (error) {
      if (attempt >= 8 || !retryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20 * attempt));
    }
  }
}

/** Posts prepared entries (kind, reversal, approver set by the ledger's own services). */
export async function postPrepared(target: DatabaseHandle | Tx, actor: Actor, entries: PreparedEntry[], options: Omit<PostOptions, 'kind'> = {}): Promise<PostResult[]> {
  if (!entries.length) return [];
  const batchLines = options.batchLines ?? POSTING_BATCH_LINES;
  const context = new PostingContext();
  if (isTransaction(target)) {
    const { valid, problems, existing } = await validateEntries(target, actor, entries, context);
    throwProblems(problems, entries.length);
    const results: PostResult[] = [];
    for (const batch of chunksByLines(valid, batchLines)) {
      results.push(...await writeBatch(target, actor, buildBatch(actor, batch, existing)));
      options.onProgress?.(results.length, entries.length);
    }
    return results;
  }
  const { valid, existing } = await inScope(target, actor, async (tx) => {
    const checked = await validateEntries(tx, actor, entries, context);
    throwProblems(checked.problems, entries.length);
    return checked;
  });
  // The entries go in lanes that share no (fund, period), each lane's batches committed in order (below): the voucher
  // numbers of a month follow the order given, as with one lane. A batch that fails after others have committed leaves
  // them posted, in each lane, as one lane did; the same call again posts the rest (the keys answer the posted ones).
  // Both lanes end before the call answers or throws.
  const results = new Array<PostResult>(entries.length);
  let done = 0;
  const lanes = lanesByFundPeriod(valid, POSTING_LANES).map((lane) => postLane(target, actor, chunksByLines(lane, batchLines), existing, (batch, laneResults) => {
    batch.forEach((entry, k) => { results[entry.index] = laneResults[k]; });
    done += batch.length;
    options.onProgress?.(done, entries.length);
  }));
  await allEnded(lanes);
  return results;
}

/**
 * Lanes a posting writes side by side, each on a connection of its own: two, one per core (PostgreSQL writes the
 * batches of both while Node builds the next ones). Lanes never share a (fund, period), so they never wait on each
 * other's voucher counters (0018_voucher_numbers.sql) or balances of a month.
 */
const POSTING_LANES = 2;

/**
 * Splits entries into at most `count` lanes, the largest groups first, each to the lane with the fewest lines so far;
 * inside a lane the entries keep their order. A group is a (fund, period) — so the voucher numbers of a month follow
 * the order given — or, when an entry of the call takes money out of one of the fund's bank accounts, the whole fund:
 * a bank account never goes below zero (0011_guards.sql), so what enters it must be posted before what leaves it, in
 * the order given, whatever the month. One group (a month's billing) is one lane.
 */
function lanesByFundPeriod(entries: ValidatedEntry[], count: number): ValidatedEntry[][] {
  const paysOut = new Set<PostingFund>();
  for (const entry of entries) {
    if (!paysOut.has(entry.fund) && entry.lines.some((line) => line.credit > 0n && bankRoles.includes(line.account.role))) paysOut.add(entry.fund);
  }
  const groupOf = (entry: ValidatedEntry) => (paysOut.has(entry.fund) ? entry.fund.idText : `${entry.fund.idText}|${entry.input.period}`);
  const groups = new Map<string, { lines: number; lane: number }>();
  for (const entry of entries) {
    const key = groupOf(entry);
    const group = groups.get(key);
    if (group) group.lines += entry.lines.length; else groups.set(key, { lines: entry.lines.length, lane: 0 });
  }
  const laneLines = new Array<number>(count).fill(0);
  for (const group of [...groups.values()].sort((a, b) => b.lines - a.lines)) {
    group.lane = laneLines.indexOf(Math.min(...laneLines));
    laneLines[group.lane] += group.lines;
  }
  const lanes = laneLines.map(() => [] as ValidatedEntry[]);
  for (const entry of entries) lanes[groups.get(groupOf(entry))!.lane].push(entry);
  return lanes.filter((lane) => lane.length > 0);
}

/**
 * One lane: a batch per transaction, committed in order. Batch n + 1 is built (ids, columns) while batch n's
 * statement runs; a retried batch is built again from the keys posted by then.
 */
async function postLane(database: DatabaseHandle, actor: Actor, batches: ValidatedEntry[][], existing: Map<string, repository.ExistingEntry>,
  onBatch: (batch: ValidatedEntry[], results: PostResult[]) => void): Promise<void> {
  let next: BuiltBatch | undefined = batches.length ? buildBatch(actor, batches[0], existing) : undefined;
  for (let i = 0; i < batches.length; i++) {
    const built = next!;
    next = undefined;
    const buildNext = () => {
      if (i + 1 >= batches.length || next) return;
      // A batch that cannot be built (a key posted meanwhile with other content) fails as itself, built again below
      // once this batch has committed, not inside this batch's transaction.
      try { next = buildBatch(actor, batches[i + 1], existing); } catch { next = undefined; }
    };
    let attempt = 0;
    onBatch(batches[i], await withRetry(() => inScope(database, actor, async (tx) =>
      writeBatch(tx, actor, attempt++ === 0 ? built : buildBatch(actor, batches[i], await existingByKey(tx, batches[i])), buildNext))));
    if (i + 1 < batches.length) next ??= buildBatch(actor, batches[i + 1], existing);
  }
}

/**
 * The posting API for other modules (collection, benefits): post balanced entries to fund accounts by code.
 * Same key + same content → the first result (status 'existing'); same key + other content → 409; any invalid
 * entry → 422 listing every problem and nothing posted (with a database handle: nothing of that call).
 */
export async function postEntries(target: DatabaseHandle | Tx, actor: Actor, entries: EntryInput[], options: PostOptions = {}): Promise<PostResult[]> {
  const kind = options.kind ?? 'business';
  if (kind !== 'business' && kind !== 'import') throw invalid('kind', say.postingKind());
  return postPrepared(target, actor, entries.map((input) => ({ input, kind })), options);
}

export interface ReverseInput {
  fund: string;
  entryId: bigint;
  key: string;
  /** Value date of the reversal; defaults to the reversed entry's date (its month must still be open). */
  date?: string;
  memo?: string;
}

/** Builds the reversal of a posted entry (same accounts and subjects, sides swapped) without posting it. */
export async function prepareReversal(tx: Tx, input: ReverseInput): Promise<PreparedEntry> {
  const fund = await fundByCode(tx, input.fund);
  const original = await repository.findEntry(tx, fund.id, input.entryId);
  if (!original) throw notFound(say.entryOfFund({ entryId: input.entryId, fund: input.fund }));
  const already = await repository.reversalOf(tx, fund.id, input.entryId);
  if (already) throw conflict('entryId', say.alreadyReversed({ entryId: input.entryId, reversalId: already.id }));
  const lines = await repository.entryLines(tx, fund.id, input.entryId);
  const date = input.date ?? original.value_date;
  const period = periodOfDate(date);
  const closed = await repository.closedPeriods(tx, [fund.id], [original.period]);
  const correctionOfPeriod = closed.length && period !== original.period ? original.period : null;
  return {
    kind: 'reversal', reverses: original.id,
    input: {
      key: input.key, fund: input.fund, period, date, correctionOfPeriod,
      memo: input.memo ?? `冲销 reversal of entry ${original.id}${original.memo ? `: ${original.memo}` : ''}`,
      source: original.source_type ? { type: original.source_type, id: original.source_id! } : null,
      lines: reversalLines(lines.map((l) => ({ account: l.account_code, debit: l.debit, credit: l.credit, subject: l.subject, reference: l.reference, memo: l.memo }))),
    },
  };
}

/**
 * Reverses a posted entry (R5.2: corrections are reversals). For other modules' own documents (a cancelled bill);
 * a person's manual reversal goes through a draft and a second person (drafts.service.ts).
 */
export async function reverseEntry(target: DatabaseHandle | Tx, actor: Actor, input: ReverseInput): Promise<PostResult> {
  const run = async (tx: Tx) => {
    const prepared = await prepareReversal(tx, input);
    return (await postPrepared(tx, actor, [prepared]))[0];
  };
  return isTransaction(target) ? run(target) : withRetry(() => inScope(target, actor, run));
}

/**
 * Reverses every entry a business document caused (e.g. a payment found to be wrong), in every fund, on `date`:
 * each reversal points at what it reverses and is keyed `<keyPrefix>:<entry id>`, so calling again adds nothing.
 */
export async function reverseEntriesOfSource(tx: Tx, actor: Actor, source: { type: string; id: string }, options: { keyPrefix: string; date: string; memo?: string }): Promise<PostResult[]> {
  const entries = await repository.unreversedEntriesOfSource(tx, source.type, source.id);
  const results: PostResult[] = [];
  for (const entry of entries) {
    results.push(await reverseEntry(tx, actor, { fund: entry.fund_code, entryId: entry.id, key: `${options.keyPrefix}:${entry.id}`, date: options.date, memo: options.memo }));
  }
  return results;
}

/**
 * Whether money booked into the fund's 收入户 for `period` at `recordedAt` has since been swept to the 财政专户: a
 * sweep of that month posted after it (a receipt recorded after the month's sweep waits in the 收入户 for the next).
 */
export async function sweptSince(tx: Tx, fundCode: string, period: string, recordedAt: Date): Promise<boolean> {
  return repository.sweepPostedSince(tx, fundCode, period, recordedAt);
}

/**
 * The monthly sweep (归集): moves the income account's balance at the end of `period` to the fiscal special account,
 * as the schedule does (收支两条线: 收入户资金定期归集财政专户). Idempotent: under the fund's sweep lock a second run
 * finds nothing left to move; a receipt recorded later but dated in the month is swept by the next run (a top-up,
 * keyed by its number among the month's sweeps).
 */
export async function sweepIncomeAccount(database: DatabaseHandle, actor: Actor, fundCode: string, period: string): Promise<{ fund: string; period: string; amount: string; entryId: string | null }> {
  // 收入户 → 财政专户 once the month is over, so every receipt of the month goes with it (a later receipt dated in the
  // month is swept by running the sweep again: a top-up, posted under its own amount's key)
  const today = todayInChina();
  if (periodEnd(period) >= today) throw invalid('period', say.sweepNotEnded({ period, today }));
  return withRetry(() => inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    const accounts = await accountsOf(tx, fund.id);
    const income = accounts.find((a) => a.role === 'income_bank');
    const special = accounts.find((a) => a.role === 'special_bank');
    if (!income || !special) throw new AppError(409, 'conflict', say.fundLacksBankAccounts({ fund: fundCode }));
    await repository.lockSweep(tx, fund.id, period);
    const rows = trialBalance(accounts, await repository.movementsUpTo(tx, fund.id, period), period);
    const monthEnd = rows.find((r) => r.account.id === income.id)!.closing;
    // What stood at the month end, unless money has left since (a payment reversed after the month end): a bank
    // account never goes below zero (migration 0011), so the sweep moves no more than is there now.
    const now = await repository.balanceNow(tx, fund.id, income.id);
    const balance = monthEnd < now ? monthEnd : now;
    if (balance <= 0n) return { fund: fundCode, period, amount: '0.00', entryId: null };
    const [result] = await postPrepared(tx, actor, [{
      kind: 'sweep',
      input: {
        // the n-th sweep of the month: a top-up of late receipts is keyed apart from the first, whatever its amount
        key: `sweep:${period}:${await repository.countSweeps(tx, fund.id, period) + 1}:${balance}`, fund: fundCode, period, date: periodEnd(period), source: { type: 'sweep', id: period },
        memo: `收入户资金归集财政专户 monthly sweep ${period}`,
        lines: [{ account: special.code, debit: balance }, { account: income.code, credit: balance }],
      },
    }]);
    return { fund: fundCode, period, amount: formatYuan(balance), entryId: result.entryId };
  }));
}
