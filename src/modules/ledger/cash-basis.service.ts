/**
 * The upgrade of an installation whose billing booked contributions when billed (Dr 1131 应收社会保险费 / Cr 4001
 * 社会保险费收入, before issue 11) to the cash basis (财会〔2017〕28号 总说明五): whatever 1131 still holds was billed
 * and never paid, so it was never income. One reversing entry per fund, dated the day of the conversion, takes it
 * back out (Dr 4001 / Cr 1131, or the other way for a credit balance); nothing is edited. Idempotent: a fund whose
 * 1131 is empty, or was converted already, gets nothing.
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, type Actor } from '../../platform/actor.ts';
import { formatYuan } from '../../platform/money.ts';
import { todayInChina } from '../../platform/params/index.ts';
import * as repository from './ledger.repository.ts';
import { postEntries } from './posting.service.ts';
import { accountsOf } from './fund.service.ts';

const RECEIVABLE = '1131', PREMIUM_REVENUE = '4001';

export interface CashBasisConversion { fund: string; reversed: string; date: string }

export async function convertToCashBasis(database: DatabaseHandle, actor: Actor): Promise<CashBasisConversion[]> {
  const date = todayInChina();
  return inScope(database, actor, async (tx) => {
    const converted: CashBasisConversion[] = [];
    for (const fund of await repository.allFunds(tx)) {
      const receivable = (await accountsOf(tx, fund.id)).find((account) => account.code === RECEIVABLE);
      if (!receivable) continue;
      const balance = await repository.balanceNow(tx, fund.id, receivable.id);
      if (balance === 0n) continue;
      const amount = balance > 0n ? balance : -balance;
      await postEntries(tx, actor, [{
        key: `cash-basis:${fund.code}:${balance}`, fund: fund.code, period: date.slice(0, 7), date, source: { type: 'cash_basis_conversion', id: fund.code },
        memo: '改按收付实现制核算：冲回已核定未缴纳的应收社会保险费 (财会〔2017〕28号 总说明五)',
        lines: balance > 0n
          ? [{ account: PREMIUM_REVENUE, debit: amount }, { account: RECEIVABLE, credit: amount }]
          : [{ account: RECEIVABLE, debit: amount }, { account: PREMIUM_REVENUE, credit: amount }],
      }]);
      converted.push({ fund: fund.code, reversed: formatYuan(balance), date });
    }
    return converted;
  });
}
