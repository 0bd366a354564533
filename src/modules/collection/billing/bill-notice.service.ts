/**
 * 社会保险费缴费通知单 as an agency prints it: the bill, where to pay it (收款单位: the income account, 收入户, of each
 * fund the bill books into, with the number the ledger keeps for it at the bank) and the agency that issues it.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, widenToPooledFunds, type Actor } from '../../../platform/actor.ts';
import { listAccounts } from '../../ledger/index.ts';
import { INCOME_BANK_ACCOUNT } from '../fund-accounts.ts';
import { getBill, type BillView } from './bills.service.ts';
import * as repository from './billing.repository.ts';

/** A fund's income account: payments of its insurances go there (payments.service.ts debits 1002 收入户). */
export interface NoticePayee {
  fund: string;
  insurances: string[];
  /** The account holder's name: the fund's income account (e.g. 示范省企业职工基本养老保险基金收入户). */
  accountName: string;
  /** The number at the bank, as the ledger keeps it (ledger.bank.account.set); null when none is set. */
  accountNumber: string | null;
}

export interface BillNotice {
  bill: BillView;
  payees: NoticePayee[];
  /** The agency of the employer's region (or the nearest above it); null when the region has none registered. */
  issuingAgency: string | null;
}

/** The funds are pooled above the employer (pension at the province): their accounts lie outside a county's scope. */
const PAYEES_ACROSS_POOLS = '缴费通知单列示收款账户';

export async function getBillNotice(database: DatabaseHandle, actor: Actor, number: string, options: { printed: boolean } = { printed: true }): Promise<BillNotice> {
  // The bill is read in the actor's own scope (an employer account: its own bills); only then the payees above it.
  const bill = await getBill(database, actor, number);
  // Only the printed notice shows the payees and the agency: the JSON and the spreadsheets of the bill skip the lookups.
  if (!options.printed) return { bill, payees: [], issuingAgency: null };
  const reader = widenToPooledFunds(actor, PAYEES_ACROSS_POOLS);
  const funds = new Map<string, { name: string; insurances: string[] }>();
  for (const item of bill.items) {
    const fund = funds.get(item.fund) ?? { name: item.fundName, insurances: [] };
    fund.insurances.push(item.insurance);
    funds.set(item.fund, fund);
  }
  const payees = await incomeAccountPayees(database, reader, [...funds].map(([fund, { name, insurances }]) => ({ fund, name, insurances })));
  return { bill, payees, issuingAgency: await issuingAgency(database, reader, bill.regionCode) };
}

/**
 * Each fund's income account (收入户) as a payee, with the number the ledger keeps for it. The funds are pooled above
 * the employer, so `reader` is the actor widened to the pooled funds (the bill notice, the payment receipt).
 */
export async function incomeAccountPayees(database: DatabaseHandle, reader: Actor, funds: { fund: string; name: string; insurances: string[] }[]): Promise<NoticePayee[]> {
  return Promise.all(funds.map(async ({ fund, name, insurances }) => {
    const income = (await listAccounts(database, reader, fund)).find((account) => account.code === INCOME_BANK_ACCOUNT);
    return { fund, insurances, accountName: `${name}收入户`, accountNumber: income?.bankAccountNumber ?? null };
  }));
}

/** The agency of the region (or the nearest above it) that issues its documents; null when none is registered. */
export async function issuingAgency(database: DatabaseHandle, reader: Actor, regionCode: string): Promise<string | null> {
  return (await inScope(database, reader, (tx) => repository.nearestAgency(tx, regionCode)))?.name ?? null;
}
