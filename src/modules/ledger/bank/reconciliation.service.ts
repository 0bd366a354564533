/**
 * Bank statements and reconciliation (R5.3, R3.3 receiving side): import a statement for a fund bank account (CSV,
 * XLSX or camt.053, on the import pipeline; all or nothing; re-imports add nothing), match it automatically against
 * the ledger's lines on that account, match and unmatch by hand (audited), list what is open on both sides with its
 * age, and draw up the monthly reconciliation statement (银行存款余额调节表).
 */
import type { Selectable } from 'kysely';
import type { DatabaseHandle, Tables } from '../../../platform/database.ts';
import { keysetPage, listPage, type ListAnswer, type ListRequest, type SortKey } from '../../../platform/http/lists.ts';
import { inScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { newId, reserveIds, idAt } from '../../../platform/ids.ts';
import { formatYuan } from '../../../platform/money.ts';
import { render, type Language, type Said } from '../../../platform/messages.ts';
import { ledgerMessages, reconciliationMessages as say } from '../ledger.messages.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { accountsOf, fundByCode } from '../fund.service.ts';
import { trialBalanceRows } from '../balance.service.ts';
import { addDays, isDate, isPeriod, periodEnd, voucherNumber, type AccountInfo } from '../journal.calc.ts';
import { bankAccountNumber, type FundRow } from '../ledger.repository.ts';
import * as repository from './reconciliation.repository.ts';
import { runImport, type ImportDefinition, type ImportFile } from '../../../platform/imports/index.ts';
import { readStatementFile, type StatementFile } from './statement.read.ts';
import type { ParsedStatement } from './statement.schema.ts';
import { autoMatch, reconcile, type ItemWithMatch, type Reconciliation, type ReconciliationItem } from './match.calc.ts';

/** Days between a bank booking and its ledger posting that still count as the same movement. */
export const DEFAULT_MATCH_WINDOW_DAYS = 5;

const BANK_ROLES = ['income_bank', 'special_bank', 'expense_bank'];

async function bankAccount(tx: Tx, fundCode: string, accountCode: string): Promise<{ fund: FundRow; account: AccountInfo }> {
  const fund = await fundByCode(tx, fundCode);
  const account = (await accountsOf(tx, fund.id)).find((a) => a.code === accountCode);
  if (!account || !BANK_ROLES.includes(account.role)) throw notFound(ledgerMessages.bankAccountOfFund({ account: accountCode, fund: fundCode }));
  return { fund, account };
}

/** Serialises matching on one bank account (auto-match and manual matches never race). */
const lockAccount = (tx: Tx, fund: FundRow, account: AccountInfo) => repository.lockAccountMatching(tx, fund.id, account.id);

export interface ImportedStatement { id: string; reference: string | null; from: string; to: string; opening: string; closing: string; lines: number; newLines: number; alreadyImported: boolean }

export interface StatementImportResult { fund: string; account: string; duplicateFile: boolean; matched: number; statements: ImportedStatement[] }

/** A CSV or XLSX statement has no period of its own: `from`/`to` say which days it covers (default: its first and last line). */
export interface StatementPeriod { from?: string; to?: string }

interface PreparedStatements {
  fund: FundRow; account: AccountInfo; sha256: string; statements: ParsedStatement[]; keys: string[][]; known: Set<string>;
  /** Statements already imported from these bytes for this account (by whoever, whatever their scope). */
  existing: Awaited<ReturnType<typeof repository.statementsOfFile>>;
}

const importedView = (s: { id: bigint; statement_reference: string | null; from_date: string; to_date: string; opening_balance: bigint; closing_balance: bigint; line_count: number }): ImportedStatement => ({
  id: s.id.toString(), reference: s.statement_reference, from: s.from_date, to: s.to_date, opening: formatYuan(s.opening_balance), closing: formatYuan(s.closing_balance),
  lines: s.line_count, newLines: 0, alreadyImported: true,
});

/** A table statement's period from the request (`from` on or before its first line, `to` on or after its last). */
function withPeriod(statement: ParsedStatement, period: StatementPeriod): ParsedStatement {
  if (statement.format !== 'csv') return statement;
  if (period.from !== undefined && (!isDate(period.from) || period.from > statement.fromDate)) throw invalid('from', say.fromAfterFirstLine({ date: statement.fromDate }));
  if (period.to !== undefined && (!isDate(period.to) || period.to < statement.toDate)) throw invalid('to', say.toBeforeLastLine({ date: statement.toDate }));
  return { ...statement, fromDate: period.from ?? statement.fromDate, toDate: period.to ?? statement.toDate };
}

/**
 * The bank statement import on the import pipeline: the file read (statement.read.ts), then checked against the
 * account (its bank account number, lines already on file), then its statements and new lines inserted and matched
 * automatically, all in one transaction with the import's record.
 */
function statementImport(fundCode: string, accountCode: string, period: StatementPeriod): ImportDefinition<StatementFile, PreparedStatements, StatementImportResult> {
  return {
    kind: 'bank_statement',
    read: readStatementFile,
    async check(tx, _actor, file) {
      const { fund, account } = await bankAccount(tx, fundCode, accountCode);
      await lockAccount(tx, fund, account);
      const number = (await bankAccountNumber(tx, fund.id, account.id))?.bank_account_number;
      for (const statement of file.statements) {
        if (number && statement.accountNumber && statement.accountNumber.replace(/\s/g, '') !== number.replace(/\s/g, '')) {
          throw invalid('file', say.otherBankAccount({ line: statement.fileLine, number: statement.accountNumber, expected: number, account: account.code, accountName: account.name }));
        }
      }
      const statements = file.statements.map((statement) => withPeriod(statement, period));
      // Lines already on file (an overlapping statement) are skipped; the account lock keeps this count exact.
      const all = file.keys.flat();
      const known = new Set<string>();
      for (let at = 0; at < all.length; at += 10_000) {
        for (const row of await repository.dedupeKeysOnFile(tx, fund.id, account.id, all.slice(at, at + 10_000))) known.add(row.dedupe_key);
      }
      const existing = await repository.statementsOfFile(tx, fund.id, account.id, file.sha256);
      return { prepared: { fund, account, sha256: file.sha256, statements, keys: file.keys, known, existing }, problems: [] };
    },
    async apply(tx, actor, { fund, account, sha256, statements, keys, known, existing }, { fileName }) {
      if (existing.length) return { applied: 0, result: { fund: fund.code, account: account.code, duplicateFile: true, matched: 0, statements: existing.map(importedView) } };
      const results: ImportedStatement[] = [];
      for (const [index, statement] of statements.entries()) {
        const statementId = newId();
        const newLines = keys[index].filter((k) => !known.has(k)).length;
        await repository.insertStatement(tx, {
          fund_id: fund.id, id: statementId, account_id: account.id, region_code: fund.region_code, format: statement.format, file_name: fileName,
          // one file may hold several camt statements: each row gets its own digest suffix
          file_sha256: statements.length > 1 ? `${sha256}:${index + 1}` : sha256, statement_reference: statement.reference,
          from_date: statement.fromDate, to_date: statement.toDate, opening_balance: statement.openingBalance, closing_balance: statement.closingBalance,
          line_count: statement.lines.length, new_line_count: newLines, imported_by: actor.username,
        });
        if (newLines) {
          const ids = reserveIds(statement.lines.length);
          await repository.insertStatementLines(tx, { fundId: fund.id, statementId, accountId: account.id, regionCode: fund.region_code },
            statement.lines.map((_, k) => idAt(ids, k).toString()), statement.lines, keys[index]);
        }
        results.push({ id: statementId.toString(), reference: statement.reference, from: statement.fromDate, to: statement.toDate,
          opening: formatYuan(statement.openingBalance), closing: formatYuan(statement.closingBalance), lines: statement.lines.length, newLines, alreadyImported: false });
      }
      await recordAudit(tx, actor, { action: 'ledger.bank_statement.import', entityType: 'bank_statement', entityId: results.map((r) => r.id).join(','), regionCode: fund.region_code,
        after: { fund: fund.code, account: account.code, fileName, sha256, statements: results } });
      const matched = await autoMatchInTransaction(tx, actor, fund, account, DEFAULT_MATCH_WINDOW_DAYS);
      return { applied: results.reduce((sum, r) => sum + r.newLines, 0), result: { fund: fund.code, account: account.code, duplicateFile: false, matched, statements: results } };
    },
  };
}

/**
 * Imports a bank statement file (CSV or XLSX in UTF-8 or GB18030/GBK, or camt.053) for a bank account: all or
 * nothing, every bad row listed (and kept for the error workbook), lines already on file skipped, matched
 * automatically. The same file again answers with its first import and changes nothing; a file is one account's
 * statement, so the same file for another account is refused.
 */
export async function importBankStatement(database: DatabaseHandle, actor: Actor, fundCode: string, accountCode: string, file: ImportFile, period: StatementPeriod = {}) {
  const answer = await runImport(database, actor, statementImport(fundCode, accountCode, period), file);
  if (!answer.alreadyImported) return answer;
  if (answer.fund !== fundCode || answer.account !== accountCode) {
    throw conflict('file', say.fileOfOtherAccount({ fund: answer.fund, account: answer.account, importId: answer.importId }));
  }
  return { ...answer, duplicateFile: true, matched: 0, statements: answer.statements.map((s) => ({ ...s, newLines: 0, alreadyImported: true })) };
}

interface OpenItems { bank: (ItemWithMatch & { counterparty: string | null })[]; ledger: (ItemWithMatch & { entryId: string; voucherNumber: string; lineNumber: number; memo: string | null })[] }

/** Every bank line and ledger line of the account (ledger lines from `ledgerFrom` on), with its active match if any. */
async function items(tx: Tx, fund: FundRow, account: AccountInfo, ledgerFrom: string | null, until: string | null): Promise<OpenItems> {
  const bank = await repository.bankLinesWithMatches(tx, fund.id, account.id, until);
  const ledger = await repository.ledgerLinesWithMatches(tx, fund.id, account.id, ledgerFrom, until);
  return {
    bank: bank.map((b) => ({ id: b.id.toString(), date: b.booking_date, amount: b.amount, reference: b.reference, description: b.description, counterparty: b.counterparty_name, matchId: b.match_id?.toString() ?? null })),
    ledger: ledger.map((l) => ({ id: `${l.entry_id}:${l.line_number}`, entryId: l.entry_id.toString(), voucherNumber: voucherNumber(l.period, l.voucher_number), lineNumber: l.line_number, date: l.value_date, amount: l.amount, reference: l.reference, description: l.memo, memo: l.memo, matchId: l.match_id?.toString() ?? null })),
  };
}

async function reconciliationStart(tx: Tx, fund: FundRow, account: AccountInfo): Promise<string | null> {
  return repository.firstStatementDate(tx, fund.id, account.id);
}

async function saveMatch(tx: Tx, actor: Actor, fund: FundRow, account: AccountInfo, method: 'auto' | 'manual', rule: string | null, bankIds: string[], ledgerIds: string[]) {
  const id = newId();
  await repository.insertMatch(tx, { fund_id: fund.id, id, account_id: account.id, region_code: fund.region_code, method, rule, created_by: actor.username });
  const members = [
    ...bankIds.map((b) => ({ bank_line_id: BigInt(b), entry_id: null, line_number: null })),
    ...ledgerIds.map((l) => { const [entryId, lineNumber] = l.split(':'); return { bank_line_id: null, entry_id: BigInt(entryId), line_number: Number(lineNumber) }; }),
  ];
  await repository.insertMatchMembers(tx, members.map((m, i) => ({ fund_id: fund.id, match_id: id, member_number: i + 1, region_code: fund.region_code, ...m })));
  return id;
}

async function autoMatchInTransaction(tx: Tx, actor: Actor, fund: FundRow, account: AccountInfo, windowDays: number): Promise<number> {
  await lockAccount(tx, fund, account);
  const start = await reconciliationStart(tx, fund, account);
  if (!start) return 0;
  const all = await items(tx, fund, account, addDays(start, -windowDays), null);
  const groups = autoMatch(all.bank.filter((b) => !b.matchId), all.ledger.filter((l) => !l.matchId), windowDays);
  for (const group of groups) await saveMatch(tx, actor, fund, account, 'auto', group.rule, group.bank, group.ledger);
  if (groups.length) {
    await recordAudit(tx, actor, { action: 'ledger.bank_match.auto', entityType: 'bank_match', entityId: `${fund.code}:${account.code}`, regionCode: fund.region_code,
      after: { groups: groups.length, bankLines: groups.reduce((s, g) => s + g.bank.length, 0), ledgerLines: groups.reduce((s, g) => s + g.ledger.length, 0), windowDays } });
  }
  return groups.length;
}

export async function autoMatchAccount(database: DatabaseHandle, actor: Actor, fundCode: string, accountCode: string, windowDays = DEFAULT_MATCH_WINDOW_DAYS) {
  if (!Number.isInteger(windowDays) || windowDays < 0 || windowDays > 60) throw invalid('windowDays', say.windowDays());
  return inScope(database, actor, async (tx) => {
    const { fund, account } = await bankAccount(tx, fundCode, accountCode);
    return { matched: await autoMatchInTransaction(tx, actor, fund, account, windowDays) };
  });
}

/** A person matches bank lines with ledger lines (any numbers on each side) whose sums are equal. */
export async function matchManually(database: DatabaseHandle, actor: Actor, fundCode: string, accountCode: string, input: { bankLineIds: string[]; ledgerLines: { entryId: string; lineNumber: number }[] }) {
  if (!input.bankLineIds.length || !input.ledgerLines.length) throw invalid('bankLineIds', say.matchNeedsBothSides());
  return inScope(database, actor, async (tx) => {
    const { fund, account } = await bankAccount(tx, fundCode, accountCode);
    await lockAccount(tx, fund, account);
    const all = await items(tx, fund, account, null, null);
    const bank = input.bankLineIds.map((id) => all.bank.find((b) => b.id === id) ?? (() => { throw invalid('bankLineIds', say.noBankLine({ id, account: accountCode })); })());
    const ledgerIds = input.ledgerLines.map((l) => `${l.entryId}:${l.lineNumber}`);
    const ledger = ledgerIds.map((id) => all.ledger.find((l) => l.id === id) ?? (() => { throw invalid('ledgerLines', say.noLedgerLine({ id, account: accountCode })); })());
    if (new Set(ledgerIds).size !== ledgerIds.length || new Set(input.bankLineIds).size !== input.bankLineIds.length) throw invalid('ledgerLines', say.lineTwice());
    for (const item of [...bank, ...ledger]) if (item.matchId) throw conflict('matchId', say.alreadyMatched({ id: item.id, matchId: item.matchId }));
    const bankSum = bank.reduce((s, b) => s + b.amount, 0n);
    const ledgerSum = ledger.reduce((s, l) => s + l.amount, 0n);
    if (bankSum !== ledgerSum) throw invalid('ledgerLines', say.sumsDiffer({ bank: formatYuan(bankSum), ledger: formatYuan(ledgerSum) }));
    const id = await saveMatch(tx, actor, fund, account, 'manual', null, input.bankLineIds, ledgerIds);
    await recordAudit(tx, actor, { action: 'ledger.bank_match.manual', entityType: 'bank_match', entityId: id, regionCode: fund.region_code,
      after: { fund: fund.code, account: account.code, bankLineIds: input.bankLineIds, ledgerLines: ledgerIds, amount: formatYuan(bankSum) } });
    return { id: id.toString(), amount: formatYuan(bankSum) };
  });
}

export async function unmatch(database: DatabaseHandle, actor: Actor, fundCode: string, accountCode: string, matchId: bigint) {
  return inScope(database, actor, async (tx) => {
    const { fund, account } = await bankAccount(tx, fundCode, accountCode);
    await lockAccount(tx, fund, account);
    const match = await repository.findMatchOfAccount(tx, fund.id, account.id, matchId);
    if (!match) throw notFound(ledgerMessages.matchOfAccount({ matchId, account: accountCode }));
    if (match.undone_at) throw conflict('matchId', say.alreadyUndone({ matchId, by: match.undone_by ?? '' }));
    await repository.markMatchUndone(tx, fund.id, matchId, new Date(), actor.username);
    await repository.deactivateMatchMembers(tx, fund.id, matchId);
    await recordAudit(tx, actor, { action: 'ledger.bank_match.undo', entityType: 'bank_match', entityId: matchId, regionCode: fund.region_code,
      before: { method: match.method, rule: match.rule, createdBy: match.created_by }, after: { undoneBy: actor.username } });
    return { id: matchId.toString(), undone: true };
  });
}

/** Bank balance at the end of `date`: the last statement closed by then plus the bank lines after it. */
async function bankBalanceAt(tx: Tx, fund: FundRow, account: AccountInfo, date: string): Promise<{ balance: bigint | null; coveredUntil: string | null }> {
  const statements = await repository.statementBalancesOfAccount(tx, fund.id, account.id);
  if (!statements.length) return { balance: null, coveredUntil: null };
  const coveredUntil = statements.reduce((max, s) => (s.to_date > max ? s.to_date : max), statements[0].to_date);
  const anchor = [...statements].reverse().find((s) => s.to_date <= date);
  const first = [...statements].sort((a, b) => a.from_date.localeCompare(b.from_date)).find((s) => s.from_date <= date);
  const base = anchor ? { balance: anchor.closing_balance, after: anchor.to_date, inclusive: false } : first ? { balance: first.opening_balance, after: first.from_date, inclusive: true } : null;
  if (!base) return { balance: null, coveredUntil };
  const total = await repository.bankLinesTotal(tx, fund.id, account.id, date, base.after, base.inclusive);
  return { balance: base.balance + (total ?? 0n), coveredUntil };
}

async function reconciliationAt(tx: Tx, fund: FundRow, account: AccountInfo, period: string): Promise<Reconciliation & { coveredUntil: string | null }> {
  const asOf = periodEnd(period);
  const ledgerBalance = (await trialBalanceRows(tx, fund.id, period)).find((r) => r.account.id === account.id)!.closing;
  const { balance, coveredUntil } = await bankBalanceAt(tx, fund, account, asOf);
  const start = await reconciliationStart(tx, fund, account);
  const all = await items(tx, fund, account, null, asOf);
  return { ...reconcile({ asOf, ledgerBalance, bankBalance: balance, reconciliationStart: start, bank: all.bank, ledger: all.ledger }), coveredUntil };
}

const itemView = (i: ReconciliationItem) => ({ side: i.side, id: i.id, date: i.date, amount: formatYuan(i.amount), reference: i.reference, description: i.description, ageDays: i.ageDays });

export interface ReconciliationStatementView {
  fund: string; fundName: string; account: string; accountName: string; period: string; asOf: string;
  ledgerBalance: string; bankBalance: string | null; bankStatementsUntil: string | null;
  bankReceivedNotInLedger: ReturnType<typeof itemView>[]; bankPaidNotInLedger: ReturnType<typeof itemView>[];
  ledgerReceivedNotInBank: ReturnType<typeof itemView>[]; ledgerPaidNotInBank: ReturnType<typeof itemView>[];
  adjustedLedgerBalance: string; adjustedBankBalance: string | null; agrees: boolean; reconciled: boolean;
  /** Why the account is not reconciled (rendered in the reader's language by the routes and the report). */
  reason: Said | null;
}

/** The statement as read: the reason it is not reconciled in `language`. */
export type ReconciliationStatementText = Omit<ReconciliationStatementView, 'reason'> & { reason: string | null };
export function statementInLanguage(view: ReconciliationStatementView, language: Language): ReconciliationStatementText {
  return { ...view, reason: view.reason === null ? null : render(view.reason, language) };
}

function statementView(fund: FundRow, account: AccountInfo, period: string, r: Reconciliation & { coveredUntil: string | null }): ReconciliationStatementView {
  const reason = r.bankBalance === null ? say.noStatement()
    : !r.coveredUntil || r.coveredUntil < r.asOf ? say.statementsShort({ until: r.coveredUntil ?? '', asOf: r.asOf })
    : !r.agrees ? say.adjustedDiffer({ difference: formatYuan(r.adjustedLedgerBalance - r.adjustedBankBalance!) }) : null;
  return {
    fund: fund.code, fundName: fund.name, account: account.code, accountName: account.name, period, asOf: r.asOf,
    ledgerBalance: formatYuan(r.ledgerBalance), bankBalance: r.bankBalance === null ? null : formatYuan(r.bankBalance), bankStatementsUntil: r.coveredUntil,
    bankReceivedNotInLedger: r.bankOnly.filter((i) => i.amount > 0n).map(itemView),
    bankPaidNotInLedger: r.bankOnly.filter((i) => i.amount < 0n).map((i) => itemView({ ...i, amount: -i.amount })),
    ledgerReceivedNotInBank: r.ledgerOnly.filter((i) => i.amount > 0n).map(itemView),
    ledgerPaidNotInBank: r.ledgerOnly.filter((i) => i.amount < 0n).map((i) => itemView({ ...i, amount: -i.amount })),
    adjustedLedgerBalance: formatYuan(r.adjustedLedgerBalance), adjustedBankBalance: r.adjustedBankBalance === null ? null : formatYuan(r.adjustedBankBalance),
    agrees: r.agrees, reconciled: reason === null, reason,
  };
}

export async function reconciliationStatement(database: DatabaseHandle, actor: Actor, fundCode: string, accountCode: string, period: string): Promise<ReconciliationStatementView> {
  if (!isPeriod(period)) throw invalid('period', ledgerMessages.periodShape({ value: period }));
  return inScope(database, actor, async (tx) => {
    const { fund, account } = await bankAccount(tx, fundCode, accountCode);
    return statementView(fund, account, period, await reconciliationAt(tx, fund, account, period));
  });
}

/** Every bank account's reconciliation for a month (period close needs them all reconciled). */
export async function reconciliationOfFund(tx: Tx, fund: FundRow, period: string): Promise<ReconciliationStatementView[]> {
  const accounts = (await accountsOf(tx, fund.id)).filter((a) => BANK_ROLES.includes(a.role));
  const views: ReconciliationStatementView[] = [];
  for (const account of accounts) {
    const r = await reconciliationAt(tx, fund, account, period);
    const view = statementView(fund, account, period, r);
    // An account that never moved and has no statement has nothing to reconcile.
    const untouched = r.bankBalance === null && r.ledgerBalance === 0n && !(await repository.accountHasMoved(tx, fund.id, account.id));
    views.push(untouched ? { ...view, reconciled: true, reason: null } : view);
  }
  return views;
}

/** Open items on both sides with their age, and the matches, for the matching screen. */
export async function matchingView(database: DatabaseHandle, actor: Actor, fundCode: string, accountCode: string, asOf?: string) {
  if (asOf !== undefined && !isDate(asOf)) throw invalid('asOf', ledgerMessages.dateShape());
  return inScope(database, actor, async (tx) => {
    const { fund, account } = await bankAccount(tx, fundCode, accountCode);
    const start = await reconciliationStart(tx, fund, account);
    const today = asOf ?? new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const all = await items(tx, fund, account, start ? addDays(start, -DEFAULT_MATCH_WINDOW_DAYS) : null, today);
    const age = (date: string) => Math.round((Date.parse(today) - Date.parse(date)) / 86_400_000);
    const matches = await repository.activeMatchesOfAccount(tx, fund.id, account.id);
    return {
      fund: fund.code, account: account.code, accountName: account.name, asOf: today, reconciliationStart: start, windowDays: DEFAULT_MATCH_WINDOW_DAYS,
      unmatchedBank: all.bank.filter((b) => !b.matchId).map((b) => ({ id: b.id, date: b.date, amount: formatYuan(b.amount), reference: b.reference, counterparty: b.counterparty, description: b.description, ageDays: age(b.date) })),
      // ledger lines before the first statement are the opening the bank confirms, not open items
      unmatchedLedger: all.ledger.filter((l) => !l.matchId && (!start || l.date >= start)).map((l) => ({ entryId: l.entryId, voucherNumber: l.voucherNumber, lineNumber: l.lineNumber, date: l.date, amount: formatYuan(l.amount), reference: l.reference, memo: l.memo, ageDays: age(l.date) })),
      matches: matches.map((m) => ({
        id: m.id.toString(), method: m.method, rule: m.rule, createdAt: m.created_at.toISOString(), createdBy: m.created_by,
        amount: formatYuan(all.bank.filter((b) => b.matchId === m.id.toString()).reduce((sum, b) => sum + b.amount, 0n)),
        bankLineIds: all.bank.filter((b) => b.matchId === m.id.toString()).map((b) => b.id),
        ledgerLines: all.ledger.filter((l) => l.matchId === m.id.toString()).map((l) => ({ entryId: l.entryId, lineNumber: l.lineNumber })),
      })),
    };
  });
}

/** 银行对账单: a bank account's statements, the latest period first (one a month or a day: a list that only grows). */
const latestStatementFirst: SortKey[] = [{ by: 'bank_statement.from_date', direction: 'desc' }, { by: 'bank_statement.id', direction: 'desc' }];

const statementViews = (rows: Array<Selectable<Tables['bank_statement']>>) => rows.map((s) => ({
  id: s.id.toString(), format: s.format, fileName: s.file_name, reference: s.statement_reference, from: s.from_date, to: s.to_date,
  opening: formatYuan(s.opening_balance), closing: formatYuan(s.closing_balance), lines: s.line_count, importedAt: s.imported_at.toISOString(), importedBy: s.imported_by,
}));
export type StatementView = ReturnType<typeof statementViews>[number];

/** A page of a bank account's statements with their count. */
export async function listStatements(database: DatabaseHandle, actor: Actor, fundCode: string, accountCode: string, request: ListRequest): Promise<ListAnswer<StatementView>> {
  return inScope(database, actor, async (tx) => {
    const { fund, account } = await bankAccount(tx, fundCode, accountCode);
    return listPage(tx, repository.statementsQuery(tx, fund.id, account.id), latestStatementFirst, request, statementViews);
  });
}

/** The statements past the cursor, uncounted (the file of every statement walks them page by page). */
export async function statementRows(database: DatabaseHandle, actor: Actor, fundCode: string, accountCode: string, request: ListRequest) {
  return inScope(database, actor, async (tx) => {
    const { fund, account } = await bankAccount(tx, fundCode, accountCode);
    const page = await keysetPage(repository.statementsQuery(tx, fund.id, account.id), latestStatementFirst, request);
    return { items: statementViews(page.items), nextCursor: page.nextCursor };
  });
}


/** The reconciliation state of every bank account of a fund for a month (the period-close screen). */
export async function fundReconciliation(database: DatabaseHandle, actor: Actor, fundCode: string, period: string) {
  if (!isPeriod(period)) throw invalid('period', ledgerMessages.periodShape({ value: period }));
  return inScope(database, actor, async (tx) => reconciliationOfFund(tx, await fundByCode(tx, fundCode), period));
}
