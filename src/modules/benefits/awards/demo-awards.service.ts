/**
 * The demo city's pensioners (called by `sifund demo` after the registry load): an active award for every retiree of
 * the demo's history (awards.repository.ts insertDemoAwards: a placeholder formula consistent with the history, not
 * yet the quote of pension/quote.calc.ts), and the pension funds' opening balance (上年结余, Dr 财政专户 / Cr 基金结余
 * on 1 January) of twelve months of their payroll, so that a month's payroll can be funded from the 财政专户.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, systemActor } from '../../../platform/actor.ts';
import { reserveIds } from '../../../platform/ids.ts';
import { formatYuan } from '../../../platform/money.ts';
import { getParameters, todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { chartFor, ensureFunds, postEntries, type EntryInput } from '../../ledger/index.ts';
import { publicPensionEmployerTypes } from '../../collection/index.ts';
import * as repository from './awards.repository.ts';

/** Months of payroll the demo's opening balance covers. */
const OPENING_MONTHS = 12n;

export interface DemoPensioners { pensioners: number; openingBalances: Record<string, string> }

export async function loadDemoPensioners(database: DatabaseHandle, input: { provinceCode: string; cityCode: string }): Promise<DemoPensioners> {
  const actor = systemActor('demo');
  const today = todayInChina();
  await ensureFunds(database);
  const { pensioners, totals } = await inScope(database, actor, async (tx) => {
    const enterprise = await repository.fundPooling(tx, 'pension', input.cityCode);
    if (!enterprise) return { pensioners: 0, totals: [] };
    const publicFund = (await repository.fundPooling(tx, 'public_pension', input.cityCode)) ?? enterprise;
    const averageWage = getParameters().lookup('contribution.base.average_wage', today, input.provinceCode).value as bigint;
    const retirees = await repository.countDemoRetirees(tx);
    const pensioners = await repository.insertDemoAwards(tx, reserveIds(Math.max(retirees, 1)), {
      averageWage, enterpriseFund: enterprise.code, publicFund: publicFund.code, publicTypes: publicPensionEmployerTypes, regionPrefix: input.provinceCode.slice(0, 2),
    });
    return { pensioners, totals: await repository.monthlyTotalsByFund(tx) };
  });
  const year = today.slice(0, 4);
  const chart = chartFor(Number(year));
  const account = (role: string) => chart.accounts.find((a) => a.role === role)!.code;
  const entries: EntryInput[] = totals.map((t) => ({
    key: `demo-opening:${t.fund_code}:${year}`, fund: t.fund_code, period: `${year}-01`, date: `${year}-01-01`, source: { type: 'demo', id: `opening:${year}` },
    memo: `上年结余（演示数据：${OPENING_MONTHS} 个月养老金发放）`,
    lines: [{ account: account('special_bank'), debit: BigInt(t.total) * OPENING_MONTHS }, { account: account('fund_balance'), credit: BigInt(t.total) * OPENING_MONTHS }],
  }));
  if (entries.length) await postEntries(database, actor, entries, { kind: 'import' });
  const openingBalances = Object.fromEntries(entries.map((e) => [e.fund, formatYuan(e.lines[0].debit!)]));
  await inScope(database, actor, (tx) => recordAudit(tx, actor, { action: 'demo.pensioners', entityType: 'demo', entityId: input.cityCode, regionCode: input.provinceCode, after: { pensioners, openingBalances } }));
  return { pensioners, openingBalances };
}
