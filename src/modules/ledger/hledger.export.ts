/**
 * The journal as an hledger journal (R5, external audit): an auditor re-adds it with `hledger -f FILE bal` and gets
 * the trial balance to the fen. Account names are `<fund>:<class>:<account name>:<code>` (every name ends with
 * `:<code>`), amounts carry the commodity CNY. The export opens with the balances before `from` (one "opening
 * balances" transaction) and closes each year inside the range into the fund balance (年终结转), as the trial
 * balance does, so `hledger bal` over the file equals the trial balance of the month of `to` when `to` is a month end.
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, type Actor, type Tx } from '../../platform/actor.ts';
import { checkDateRange } from '../../platform/dates.ts';
import { formatYuan } from '../../platform/money.ts';
import * as repository from './ledger.repository.ts';
import { accountsOf, fundByCode } from './fund.service.ts';
import { addMonths, periodOfDate, trialBalance } from './journal.calc.ts';
import type { AccountRole } from './ledger.tables.ts';

const accountClass: Record<AccountRole, { segment: string; type: string }> = {
  income_bank: { segment: '资产', type: 'A' }, special_bank: { segment: '资产', type: 'A' }, expense_bank: { segment: '资产', type: 'A' },
  receivable: { segment: '资产', type: 'A' }, investment: { segment: '资产', type: 'A' }, payable: { segment: '负债', type: 'L' }, fund_balance: { segment: '净资产', type: 'E' },
  revenue: { segment: '收入', type: 'R' }, expense: { segment: '支出', type: 'X' },
};

/** hledger account names: colon-separated; no two spaces in a row, no tabs, no semicolons or newlines. */
const clean = (text: string) => text.replace(/[\t\r\n;:]+/g, ' ').replace(/ {2,}/g, ' ').trim();
export const hledgerAccountName = (fundCode: string, account: { code: string; name: string; role: AccountRole }) =>
  `${fundCode}:${accountClass[account.role].segment}:${clean(account.name)}:${account.code}`;
const amount = (fen: bigint) => `${formatYuan(fen)} CNY`;
const nominal = (role: AccountRole) => role === 'revenue' || role === 'expense';

function posting(name: string, fen: bigint) {
  return `    ${name}  ${' '.repeat(Math.max(1, 60 - name.length))}${amount(fen)}\n`;
}

export interface ExportOptions { from: string; to: string; fund?: string }

/**
 * The journal text in chunks (one fund after the other, each period in chunks of entries). The range is checked
 * before any transaction opens: both dates within the input range, at most MAX_RANGE_YEARS (10) years of months
 * (each month is a query per fund, inside a transaction that holds a pool connection).
 */
export async function* exportHledger(database: DatabaseHandle, actor: Actor, options: ExportOptions): AsyncGenerator<string> {
  checkDateRange(options.from, options.to);
  const funds = await inScope(database, actor, async (tx) => options.fund ? [await fundByCode(tx, options.fund)] : repository.listFunds(tx));
  yield `; sifund fund ledger, ${options.from} to ${options.to}${options.fund ? `, fund ${options.fund}` : ''}\n`;
  yield '; 社会保险基金账簿 — account names end with :<account code>; amounts in yuan (CNY)\n';
  yield 'commodity 1000.00 CNY\n\n';
  for (const fund of funds) {
    const chunks: string[] = [];
    await inScope(database, actor, async (tx) => {
      for await (const chunk of exportFund(tx, fund, options)) chunks.push(chunk);
    });
    for (const chunk of chunks) yield chunk;
  }
}

async function* exportFund(tx: Tx, fund: repository.FundRow, options: ExportOptions): AsyncGenerator<string> {
  const accounts = await accountsOf(tx, fund.id);
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const names = new Map(accounts.map((a) => [a.id, hledgerAccountName(fund.code, a)]));
  const fundBalance = accounts.find((a) => a.role === 'fund_balance');
  let text = `; ── fund ${fund.code} ${fund.name} ──\n`;
  for (const a of accounts) text += `account ${names.get(a.id)}  ; type: ${accountClass[a.role].type}\n`;
  yield `${text}\n`;

  const firstPeriod = periodOfDate(options.from);
  const lastPeriod = periodOfDate(options.to);
  // Opening: the trial balance opening of the first month (earlier years already carried into the fund balance),
  // plus the lines of that month dated before `from`.
  const running = new Map<bigint, bigint>();
  for (const row of trialBalance(accounts, await repository.movementsUpTo(tx, fund.id, firstPeriod), firstPeriod)) running.set(row.account.id, row.opening);
  for (const row of await repository.netBeforeDateInPeriod(tx, fund.id, firstPeriod, options.from)) running.set(row.account_id, (running.get(row.account_id) ?? 0n) + row.net);
  const opening = [...running].filter(([, fen]) => fen !== 0n);
  if (opening.length) {
    text = `${options.from} * opening balances  ; 期初余额\n`;
    for (const [id, fen] of opening) text += posting(names.get(id)!, fen);
    yield `${text}\n`;
  }

  for (let period = firstPeriod; period <= lastPeriod; period = addMonths(period, 1)) {
    let after = -1n;
    for (;;) {
      const entries = await repository.entriesAfterInPeriod(tx, fund.id, period, { after, from: options.from, to: options.to, limit: 5000 });
      if (!entries.length) break;
      after = entries[entries.length - 1].id;
      const lines = await repository.linesOfEntries(tx, fund.id, entries.map((e) => e.id));
      const linesOf = new Map<bigint, typeof lines>();
      for (const line of lines) { if (!linesOf.has(line.entry_id)) linesOf.set(line.entry_id, []); linesOf.get(line.entry_id)!.push(line); }
      let out = '';
      for (const entry of entries) {
        const tags = [`key: ${clean(entry.idempotency_key).replace(/,/g, ' ')}`, `kind: ${entry.kind}`];
        if (entry.source_type) tags.push(`source: ${clean(`${entry.source_type}/${entry.source_id}`).replace(/,/g, ' ')}`);
        if (entry.reverses_entry_id) tags.push(`reverses: ${entry.reverses_entry_id}`);
        out += `${entry.value_date} * (${entry.id}) ${clean(entry.memo).replace(/\|/g, '/') || entry.kind}\n    ; ${tags.join(', ')}\n`;
        for (const line of linesOf.get(entry.id) ?? []) {
          const fen = line.debit - line.credit;
          running.set(line.account_id, (running.get(line.account_id) ?? 0n) + fen);
          out += posting(names.get(line.account_id)!, fen);
        }
        out += '\n';
      }
      yield out;
    }
    // 年终结转: at the end of December inside the range, revenue and expense close into the fund balance.
    if (period.endsWith('-12') && `${period}-31` <= options.to && fundBalance) {
      const closing = [...running].filter(([id, fen]) => fen !== 0n && nominal(byId.get(id)!.role));
      if (closing.length) {
        let total = 0n;
        text = `${period}-31 * year-end carry forward  ; 年终结转 (computed, not a posted entry)\n`;
        for (const [id, fen] of closing) { text += posting(names.get(id)!, -fen); total += fen; running.set(id, 0n); }
        text += posting(names.get(fundBalance.id)!, total);
        running.set(fundBalance.id, (running.get(fundBalance.id) ?? 0n) + total);
        yield `${text}\n`;
      }
    }
  }
}

