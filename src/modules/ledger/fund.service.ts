/**
 * Funds and their accounts (R5.1): one fund per insurance per pooling region (统筹地区), each with the accounts of
 * the chart in force (chart/<year>.yaml). `ensureFunds` is idempotent: it creates what is missing and never
 * changes what exists.
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, systemActor, type Actor, type Tx } from '../../platform/actor.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { chartFor, fundAccounts, fundInsurancesOfPooling, knownSubjects, loadCharts } from './chart.ts';
import * as repository from './ledger.repository.ts';
import { ledgerMessages } from './ledger.messages.ts';
import type { AccountInfo } from './journal.calc.ts';

export interface FundView { code: string; insurance: string; region: string; regionName: string; name: string; chartYear: number }
export interface AccountView { code: string; name: string; role: string; subject: string | null; bankAccountNumber?: string | null }

/** The calendar year in China (UTC+8), which decides the chart version a new fund starts with. */
export function currentYearInChina(now = new Date()): number {
  return new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
}

/**
 * Creates every missing fund (one per fund insurance per pooling_region row; maternity uses the medical fund, and a
 * pension pooling region has the public-institution pension fund too) and
 * every account of the current chart a fund lacks. Returns the codes of the funds created.
 */
export async function ensureFunds(database: DatabaseHandle): Promise<{ created: string[]; accountsAdded: number }> {
  const actor = systemActor('ledger');
  const chart = chartFor(currentYearInChina());
  return database.db.transaction().execute(async (tx) => {
    // One ensureFunds at a time (server start and `sifund demo` may overlap).
    await repository.lockEnsureFunds(tx);
    const pooling = await repository.poolingRegionsWithNames(tx);
    const wanted = new Map<string, { insurance: string; regionCode: string; name: string }>();
    // An insurance the chart has no fund for (e.g. resident schemes not configured) calls for none.
    for (const row of pooling) for (const insurance of fundInsurancesOfPooling(chart, row.insurance)) {
      wanted.set(`${insurance}-${row.region_code}`, { insurance, regionCode: row.region_code, name: `${row.region_name}${chart.insurances[insurance].name}` });
    }
    const existing = new Set((await repository.fundCodes(tx)).map((f) => f.code));
    const created: string[] = [];
    for (const [code, fund] of wanted) {
      if (existing.has(code)) continue;
      const id = newId();
      await repository.insertFund(tx, { id, code, insurance: fund.insurance, region_code: fund.regionCode, name: fund.name, chart_year: chart.year });
      await recordAudit(tx, actor, { action: 'ledger.fund.create', entityType: 'fund', entityId: code, regionCode: fund.regionCode, after: { code, ...fund, chartYear: chart.year } });
      created.push(code);
    }
    let accountsAdded = 0;
    const funds = await repository.allFunds(tx);
    for (const fund of funds) {
      const accounts = fundAccounts(chart, fund.insurance);
      const result = await repository.insertMissingAccounts(tx, accounts.map((a) => ({
        fund_id: fund.id, id: newId(), code: a.code, name: a.name, role: a.role, subject: a.subject ?? null, region_code: fund.region_code,
      })));
      const added = Number(result.numInsertedOrUpdatedRows ?? 0n);
      if (added && !created.includes(fund.code)) {
        await recordAudit(tx, actor, { action: 'ledger.accounts.add', entityType: 'fund', entityId: fund.code, regionCode: fund.region_code, after: { chartYear: chart.year, added } });
      }
      accountsAdded += added;
    }
    return { created, accountsAdded };
  });
}

export async function listFunds(database: DatabaseHandle, actor: Actor): Promise<FundView[]> {
  return inScope(database, actor, async (tx) => (await repository.listFunds(tx)).map((f) => ({
    code: f.code, insurance: f.insurance, region: f.region_code, regionName: f.region_name, name: f.name, chartYear: f.chart_year,
  })));
}

/** A fund visible in the transaction's scope, by code; 404 otherwise (an out-of-scope fund does not exist for you). */
export async function fundByCode(tx: Tx, code: string): Promise<repository.FundRow> {
  const [fund] = await repository.findFundsByCodes(tx, [code]);
  if (!fund) throw notFound(ledgerMessages.fund({ fund: code }));
  return fund;
}

export async function accountsOf(tx: Tx, fundId: bigint): Promise<AccountInfo[]> {
  return (await repository.accountsOfFunds(tx, [fundId])).get(fundId) ?? [];
}

export async function listAccounts(database: DatabaseHandle, actor: Actor, fundCode: string): Promise<AccountView[]> {
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    const rows = await repository.accountsWithBankNumbers(tx, fund.id);
    return rows.map((r) => ({ code: r.code, name: r.name, role: r.role, subject: r.subject, bankAccountNumber: r.bank_account_number }));
  });
}

/** Records the number of a bank account at its bank, so a camt.053 statement for another account is refused. */
export async function setBankAccountNumber(database: DatabaseHandle, actor: Actor, fundCode: string, accountCode: string, number: string | null) {
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    const account = (await accountsOf(tx, fund.id)).find((a) => a.code === accountCode);
    if (!account || !['income_bank', 'special_bank', 'expense_bank'].includes(account.role)) throw notFound(ledgerMessages.bankAccountOfFund({ account: accountCode, fund: fundCode }));
    const before = await repository.bankAccountNumber(tx, fund.id, account.id);
    await repository.setBankAccountNumber(tx, fund.id, account.id, number);
    await recordAudit(tx, actor, { action: 'ledger.account.bank_number', entityType: 'fund_account', entityId: `${fundCode}:${accountCode}`, regionCode: fund.region_code, before: { bankAccountNumber: before?.bank_account_number ?? null }, after: { bankAccountNumber: number } });
    return { code: account.code, name: account.name, role: account.role, subject: account.subject, bankAccountNumber: number };
  });
}

/** Budget subject codes and names a line may carry (the newest chart knows every subject of the older ones). */
export function subjectNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const chart of loadCharts()) for (const [code, name] of knownSubjects(chart)) names.set(code, name);
  return names;
}
