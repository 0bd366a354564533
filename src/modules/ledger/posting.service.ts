/**
 * Posting (R5.2): the one way money enters the ledger. Entries are validated (balanced, accounts of the fund,
 * 收支两条线, open period, idempotency), then written set-based: one statement writes the lines and headers of a batch;
 * the database triggers keep the balances per (account, period) and refuse anything unbalanced.
 *
 * `postEntries(tx, …)` runs inside the caller's transaction (all or nothing with the caller's own writes);
 * `postEntries(database, …)` validates everything first, then commits batch by batch, each retried on a deadlock,
 * a serialization failure or a concurrent posting of the same key — safe because keys make every batch idempotent.
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, inActorScope, type Actor, type Tx } from '../../platform/actor.ts';
import { AppError, conflict, invalid, notFound, rejectedRows, type RowProblem } from '../../platform/errors.ts';
import { reserveIds, idAt } from '../../platform/ids.ts';
import { formatYuan } from '../../platform/money.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import * as repository from './ledger.repository.ts';
import { subjectNames, fundByCode, accountsOf } from './fund.service.ts';
import {
  entryContentHash, periodEnd, periodOfDate, reversalLines, trialBalance, validateEntry,
  type AccountInfo, type EntryInput, type ResolvedLine,
} from './journal.calc.ts';
import type { EntryKind } from './ledger.tables.ts';

export interface PostOptions {
  /** business (default): postings of other modules; import: migrated history (`ledger import`). */
  kind?: 'business' | 'import';
  /** Lines per INSERT (default 5000). */
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

interface ValidatedEntry extends PreparedEntry {
  index: number;
  fund: repository.FundRow;
  lines: ResolvedLine[];
  total: bigint;
  contentHash: string;
}

/** Funds, accounts and subjects read once per call. */
class PostingContext {
  private funds = new Map<string, repository.FundRow | null>();
  private accounts = new Map<bigint, Map<string, AccountInfo>>();
  readonly subjects = subjectNames();

  async load(tx: Tx, fundCodes: string[]) {
    const missing = [...new Set(fundCodes)].filter((code) => !this.funds.has(code));
    if (!missing.length) return;
    const rows = await repository.findFundsByCodes(tx, missing);
    for (const code of missing) this.funds.set(code, rows.find((r) => r.code === code) ?? null);
    const accounts = await repository.accountsOfFunds(tx, rows.map((r) => r.id));
    for (const [fundId, list] of accounts) this.accounts.set(fundId, new Map(list.map((a) => [a.code, a])));
  }
  fund(code: string) { return this.funds.get(code) ?? null; }
  accountsOf(fundId: bigint) { return this.accounts.get(fundId) ?? new Map<string, AccountInfo>(); }
}

const isTransaction = (target: DatabaseHandle | Tx): target is Tx => !('pool' in target);

/**
 * Validates entries without writing: every problem of every entry, with `row` = position in `entries` (1-based).
 * Includes closed periods and idempotency-key conflicts with what is already posted.
 */
export async function validateEntries(tx: Tx, actor: Actor, entries: PreparedEntry[], context = new PostingContext()): Promise<{ valid: ValidatedEntry[]; problems: RowProblem[]; existing: Map<string, repository.ExistingEntry> }> {
  const problems: RowProblem[] = [];
  const valid: ValidatedEntry[] = [];
  await context.load(tx, entries.map((e) => e.input.fund).filter((f) => typeof f === 'string'));
  entries.forEach((prepared, i) => {
    const row = i + 1;
    const fund = context.fund(prepared.input.fund);
    if (!fund) { problems.push({ row, field: 'fund', message: `no fund ${prepared.input.fund} (or outside your data scope)` }); return; }
    if (!inActorScope(actor, fund.region_code)) { problems.push({ row, field: 'fund', message: `fund ${fund.code} is outside your data scope` }); return; }
    const result = validateEntry(prepared.input, context.accountsOf(fund.id), context.subjects, prepared.kind);
    if (!result.ok) { for (const p of result.problems) problems.push({ row, ...p }); return; }
    valid.push({ ...prepared, index: i, fund, lines: result.lines, total: result.total, contentHash: entryContentHash(prepared.input, { reverses: prepared.reverses }) });
  });
  // Closed months (the database refuses them too; this names the entry).
  const pairs = [...new Map(valid.map((v) => [`${v.fund.id}|${v.input.period}`, v])).values()];
  const closed = await repository.closedPeriods(tx, pairs.map((v) => v.fund.id), pairs.map((v) => v.input.period));
  const closedSet = new Set(closed.map((c) => `${c.fund_id}|${c.period}`));
  for (const v of valid) {
    if (closedSet.has(`${v.fund.id}|${v.input.period}`)) {
      problems.push({ row: v.index + 1, field: 'period', message: `accounting period ${v.input.period} of fund ${v.fund.code} is closed: post a late correction into an open month with correctionOfPeriod` });
    }
  }
  // Idempotency: a key already used (in the database or earlier in this call) must carry the same content.
  const seen = new Map<string, ValidatedEntry>();
  for (const v of valid) {
    const id = `${v.fund.id}|${v.input.key}`;
    const earlier = seen.get(id);
    if (earlier && earlier.contentHash !== v.contentHash) {
      problems.push({ row: v.index + 1, field: 'key', message: `key ${v.input.key} is used by entry ${earlier.index + 1} with a different content` });
    } else if (!earlier) seen.set(id, v);
  }
  const existing = await existingByKey(tx, valid);
  for (const v of valid) {
    const found = existing.get(`${v.fund.id}|${v.input.key}`);
    if (found && found.content_hash !== v.contentHash) {
      problems.push({ row: v.index + 1, field: 'key', message: `key ${v.input.key} was already posted (entry ${found.id}) with a different content` });
    }
  }
  problems.sort((a, b) => a.row - b.row);
  return { valid, problems, existing };
}

async function existingByKey(tx: Tx, entries: ValidatedEntry[]) {
  const found = new Map<string, repository.ExistingEntry>();
  for (let i = 0; i < entries.length; i += 20_000) {
    const chunk = entries.slice(i, i + 20_000);
    for (const row of await repository.entriesByKeys(tx, chunk.map((e) => e.fund.id), chunk.map((e) => e.input.key))) {
      found.set(`${row.fund_id}|${row.idempotency_key}`, row);
    }
  }
  return found;
}

function throwProblems(problems: RowProblem[], total: number) {
  if (!problems.length) return;
  const rows = new Set(problems.map((p) => p.row)).size;
  throw rejectedRows(`${rows} of ${total} entries have problems; nothing was posted (共 ${rows} 笔分录有误，未记账)`, problems);
}

/**
 * Writes validated entries (already checked) in one transaction, lines and headers in one statement (0015_ledger_speed.sql).
 * `known`: the keys validation found posted, reused on a first attempt (a key posted meanwhile by someone else
 * fails the unique index, and the retry looks the keys up again).
 */
async function writeBatch(tx: Tx, actor: Actor, batch: ValidatedEntry[], known?: Map<string, repository.ExistingEntry>): Promise<PostResult[]> {
  const existing = known ?? await existingByKey(tx, batch);
  const results: PostResult[] = [];
  const fresh: ValidatedEntry[] = [];
  const inBatch = new Map<string, { position: number; freshIndex: number }>();
  for (const entry of batch) {
    const id = `${entry.fund.id}|${entry.input.key}`;
    const found = existing.get(id);
    if (found) {
      if (found.content_hash !== entry.contentHash) throw conflict('key', `key ${entry.input.key} was already posted (entry ${found.id}) with a different content`);
      results.push({ key: entry.input.key, fund: entry.fund.code, entryId: found.id.toString(), status: 'existing' });
    } else if (inBatch.has(id)) {
      results.push({ key: entry.input.key, fund: entry.fund.code, entryId: '', status: 'existing' });
    } else {
      inBatch.set(id, { position: results.length, freshIndex: fresh.length });
      results.push({ key: entry.input.key, fund: entry.fund.code, entryId: '', status: 'posted' });
      fresh.push(entry);
    }
  }
  if (fresh.length) {
    const ids = reserveIds(fresh.length);
    const lineCount = fresh.reduce((sum, e) => sum + e.lines.length, 0);
    const l: repository.LineColumns = { fundId: [], entryId: [], lineNumber: [], accountId: [], regionCode: [], period: [], valueDate: [], debit: [], credit: [], subject: [], reference: [], memo: [] };
    const h: repository.EntryColumns = {
      fundId: [], id: [], regionCode: [], period: [], valueDate: [], kind: [], memo: [], sourceType: [], sourceId: [], key: [], contentHash: [], reverses: [],
      correctionOfPeriod: [], lineCount: [], total: [], createdById: [], createdBy: [], approvedById: [], approvedBy: [],
    };
    const maker = (entry: ValidatedEntry) => entry.madeBy ?? { id: actor.userId, name: actor.username };
    fresh.forEach((entry, k) => {
      const entryId = idAt(ids, k).toString();
      const fundId = entry.fund.id.toString();
      for (const line of entry.lines) {
        l.fundId.push(fundId); l.entryId.push(entryId); l.lineNumber.push(line.lineNumber); l.accountId.push(line.account.id.toString());
        l.regionCode.push(entry.fund.region_code); l.period.push(entry.input.period); l.valueDate.push(entry.input.date);
        l.debit.push(line.debit.toString()); l.credit.push(line.credit.toString()); l.subject.push(line.subject); l.reference.push(line.reference); l.memo.push(line.memo);
      }
      h.fundId.push(fundId); h.id.push(entryId); h.regionCode.push(entry.fund.region_code); h.period.push(entry.input.period); h.valueDate.push(entry.input.date);
      h.kind.push(entry.kind); h.memo.push(entry.input.memo ?? ''); h.sourceType.push(entry.input.source?.type ?? null); h.sourceId.push(entry.input.source?.id ?? null);
      h.key.push(entry.input.key); h.contentHash.push(entry.contentHash); h.reverses.push(entry.reverses?.toString() ?? null);
      h.correctionOfPeriod.push(entry.input.correctionOfPeriod ?? null); h.lineCount.push(entry.lines.length); h.total.push(entry.total.toString());
      h.createdById.push(maker(entry).id?.toString() ?? null); h.createdBy.push(maker(entry).name);
      h.approvedById.push(entry.approvedBy?.id?.toString() ?? null); h.approvedBy.push(entry.approvedBy?.name ?? null);
    });
    await repository.insertEntriesWithLines(tx, h, l);
    for (const { position, freshIndex } of inBatch.values()) results[position].entryId = idAt(ids, freshIndex).toString();
    const funds = [...new Set(fresh.map((e) => e.fund.code))];
    await recordAudit(tx, actor, {
      action: 'ledger.entries.post', entityType: 'accounting_entry', entityId: fresh.length === 1 ? h.id[0] : null,
      regionCode: funds.length === 1 ? fresh[0].fund.region_code : actor.regionCode,
      after: { kinds: [...new Set(h.kind)], funds, entries: fresh.length, lines: lineCount, total: formatYuan(fresh.reduce((s, e) => s + e.total, 0n)),
        keys: fresh.length <= 20 ? h.key : [h.key[0], '…', h.key[h.key.length - 1]], entryIds: fresh.length <= 20 ? h.id : undefined },
    });
  }
  // A key repeated inside the batch points at the entry posted for its first occurrence.
  const firstIds = new Map(results.filter((r) => r.entryId).map((r) => [`${r.fund}|${r.key}`, r.entryId]));
  for (const result of results) if (!result.entryId) result.entryId = firstIds.get(`${result.fund}|${result.key}`) ?? '';
  return results;
}

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
  const batchLines = options.batchLines ?? 5000;
  const context = new PostingContext();
  if (isTransaction(target)) {
    const { valid, problems, existing } = await validateEntries(target, actor, entries, context);
    throwProblems(problems, entries.length);
    const results: PostResult[] = [];
    for (const batch of chunksByLines(valid, batchLines)) {
      results.push(...await writeBatch(target, actor, batch, existing));
      options.onProgress?.(results.length, entries.length);
    }
    return results;
  }
  const { valid, existing } = await inScope(target, actor, async (tx) => {
    const checked = await validateEntries(tx, actor, entries, context);
    throwProblems(checked.problems, entries.length);
    return checked;
  });
  const results: PostResult[] = [];
  for (const batch of chunksByLines(valid, batchLines)) {
    let attempt = 0;
    results.push(...await withRetry(() => inScope(target, actor, (tx) => writeBatch(tx, actor, batch, attempt++ === 0 ? existing : undefined))));
    options.onProgress?.(results.length, entries.length);
  }
  return results;
}

/**
 * The posting API for other modules (collection, benefits): post balanced entries to fund accounts by code.
 * Same key + same content → the first result (status 'existing'); same key + other content → 409; any invalid
 * entry → 422 listing every problem and nothing posted (with a database handle: nothing of that call).
 */
export async function postEntries(target: DatabaseHandle | Tx, actor: Actor, entries: EntryInput[], options: PostOptions = {}): Promise<PostResult[]> {
  const kind = options.kind ?? 'business';
  if (kind !== 'business' && kind !== 'import') throw invalid('kind', 'must be business or import');
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
  if (!original) throw notFound(`entry ${input.entryId} of fund ${input.fund}`);
  const already = await repository.reversalOf(tx, fund.id, input.entryId);
  if (already) throw conflict('entryId', `entry ${input.entryId} is already reversed by entry ${already.id}`);
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
 * The monthly sweep (归集): moves the income account's balance at the end of `period` to the fiscal special account,
 * as the schedule does (收支两条线: 收入户资金定期归集财政专户). Idempotent: the key names the period and the amount,
 * and a second run finds nothing left to move.
 */
export async function sweepIncomeAccount(database: DatabaseHandle, actor: Actor, fundCode: string, period: string): Promise<{ fund: string; period: string; amount: string; entryId: string | null }> {
  return withRetry(() => inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    const accounts = await accountsOf(tx, fund.id);
    const income = accounts.find((a) => a.role === 'income_bank');
    const special = accounts.find((a) => a.role === 'special_bank');
    if (!income || !special) throw new AppError(409, 'conflict', `fund ${fundCode} lacks an income or special account`);
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
        key: `sweep:${period}:${balance}`, fund: fundCode, period, date: periodEnd(period), source: { type: 'sweep', id: period },
        memo: `收入户资金归集财政专户 monthly sweep ${period}`,
        lines: [{ account: special.code, debit: balance }, { account: income.code, credit: balance }],
      },
    }]);
    return { fund: fundCode, period, amount: formatYuan(balance), entryId: result.entryId };
  }));
}
