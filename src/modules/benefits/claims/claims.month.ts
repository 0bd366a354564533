/**
 * 失业保险金月度处理: for a month, (1) the automatic stops — an approved unemployment benefit stops from the month of
 * a new employment record or of a pension award's first month (失业保险条例 第十五条); (2) the medical contributions
 * the unemployment fund pays for each claimant owed the month (社会保险法 第四十八条), booked across the two funds
 * under 财会〔2017〕28号 (cash basis, each fund its own books):
 *   失业保险基金:  Dr 社会保险待遇支出—代缴基本医疗保险费 (benefit_expense.medical_premium_for_unemployed)
 *                 Cr 支出户存款 (expense_bank) — never beyond what the 支出户 holds;
 *   职工基本医疗保险基金: Dr 收入户存款 (income_bank) / Cr 社会保险费收入 (premium_income) — contribution income
 *                 when the money arrives, as any other contribution.
 * — never beyond what the 支出户 holds free of the payments approved and not paid (ledger expense-account.service);
 * (3) the month's 失业保险金 of each claimant, a payment order the claim's sign-off authorises (payment-order.service
 * queueAuthorisedPayment: funded from the 支出户's free balance; what the month's orders lack is asked of finance by one
 * 用款申请 per fund for the month — requestPooledTransfers — filed by the actor running the month), paid to the claim's account by the unemployment fund's bank file (Dr 失业保险金 / Cr 支出户 on the
 * day the bank pays). Each claimant's month is kept once (benefit_claim_month, with both entries; one order per claim
 * and month): running the month again books and orders only claimants not booked yet.
 * The claim's monthly amount is what the claimant receives; the medical contributions are one of its amounts.
 * (4) the month of each work-injury claim paid monthly (伤残津贴, 生活护理费, 供养亲属抚恤金: ./work-injury-monthly.service.ts),
 * its stops applied, one order per part and month, the claim's month written once.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, widenToPooledFunds, type Actor } from '../../../platform/actor.ts';
import { conflict, invalid } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { newId } from '../../../platform/ids.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import { render } from '../../../platform/messages.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { createOrFindJob, getJob, runOrAttach, throwIfFailed, type JobDefinition, type JobView } from '../../../platform/jobs/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { chartFor, expenseAccountFunding, isPeriod, postEntries, type EntryInput } from '../../ledger/index.ts';
import { fundPooling } from '../awards/awards.repository.ts';
import { claimItemNames, claimSaid, stopReasons } from './claims.messages.ts';
import { CLAIM_PAYMENT_SOURCE, claimPayment } from './claim-payment.ts';
import { PooledTransfers, queueAuthorisedPayment, requestPooledTransfers } from '../payroll/payment-order.service.ts';
import * as repository from './claims.repository.ts';
import { orderWorkInjuryMonth } from './work-injury-monthly.service.ts';

export interface ClaimMonthResult {
  period: string; stopped: number; claimants: number; benefits: string; medicalContributions: string; entries: string[]; paymentOrders: string[];
  workInjury: { claimants: number; benefits: string; paymentOrders: string[] };
  /** The month's 用款申请, one per fund for what its orders lacked (finance approves each). */
  transfers: { fund: string; amount: string; orders: number; approvalItemId: string }[];
}

/** The accounts of the cross-fund entry in the chart of the year. */
export function medicalContributionAccounts(year: number) {
  const chart = chartFor(year);
  const role = (name: string) => chart.accounts.find((a) => a.role === name)!.code;
  const premiumIncome = chart.accounts.find((a) => a.subject === 'premium_income')!.code;
  const expense = chart.benefits.unemployment?.find((b) => b.type === 'medical_premium_for_unemployed');
  if (!expense) throw new Error(`the chart of ${chart.year} has no medical_premium_for_unemployed benefit account for unemployment`);
  return { expenseBank: role('expense_bank'), incomeBank: role('income_bank'), premiumIncome, unemploymentExpense: expense.code };
}

const itemAmount = (amounts: unknown, item: string) => parseYuan((amounts as { item: string; amount: string }[]).find((a) => a.item === item)?.amount ?? '0.00');

/** The month's run crosses funds: the unemployment fund pays the medical fund, both pooled above the county. */
const MONTH_ACROSS_POOLS = '失业保险金月度处理：失业保险基金代缴医疗保险费 (the unemployment fund pays the medical fund)';

interface ClaimMonthParameters { period: string }

/**
 * 待遇月度处理 on the job runner: one job per run, its work done whole in `finish` (one transaction: the month's stops,
 * entries and orders all stand or none does). A month may run again — claims approved since are processed then — so
 * every run is a job of its own, and two runs of a month take turns (the advisory lock in workMonth).
 */
export const claimMonthJob: JobDefinition<ClaimMonthParameters> = {
  kind: 'benefits.claim_month', label: '待遇月度处理', permission: 'benefit.claim.run',
  finish: (database, { actor, parameters }) => workMonth(database, actor, parameters.period),
};

/** Creates the run of `period` (POST /api/benefits/claims/months answers it, 202): the server works it. */
export async function startClaimMonth(database: DatabaseHandle, actor: Actor, input: { period: string }): Promise<JobView> {
  if (!isPeriod(input.period)) throw invalid('period', fieldRules.required());
  const worker = widenToPooledFunds(actor, MONTH_ACROSS_POOLS);
  const { job } = await inScope(database, worker, (tx) => createOrFindJob(tx, worker, claimMonthJob, {
    key: `${input.period}/${actor.regionCode ?? '*'}/${newId()}`, regionCode: worker.widenedScope!.regionCode, parameters: { period: input.period }, chunks: [],
  }));
  return getJob(database, worker, job.id);
}

/** `sifund benefits claims month`: a run worked here to its end; what it did, or its error. */
export async function runClaimMonth(database: DatabaseHandle, actor: Actor, period: string): Promise<ClaimMonthResult> {
  const started = await startClaimMonth(database, actor, { period });
  const job = throwIfFailed(await runOrAttach(database, widenToPooledFunds(actor, MONTH_ACROSS_POOLS), BigInt(started.id)));
  return job.result as ClaimMonthResult;
}

async function workMonth(database: DatabaseHandle, actor: Actor, period: string): Promise<ClaimMonthResult> {
  const worker = widenToPooledFunds(actor, MONTH_ACROSS_POOLS);
  return inScope(database, worker, async (tx) => {
    await repository.lockClaimMonth(tx, period);
    const today = todayInChina();
    const stops = await repository.automaticStops(tx, period);
    for (const stop of stops) {
      const reason = render(stop.cause === 'employment' ? claimSaid.stopByEmployment({ period: stop.stop_period }) : claimSaid.stopByPension({ period: stop.stop_period }), 'zh-CN');
      await repository.stopClaim(tx, stop.person_id, stop.id, { stop_period: stop.stop_period, stop_reason: `${render(stopReasons[stop.cause === 'employment' ? 'reemployment' : 'pension'](), 'zh-CN')}：${reason}`, stopped_on: today, stopped_by: actor.username });
      await recordAudit(tx, worker, { action: 'benefits.claim.stop', entityType: 'benefit_claim', entityId: stop.id, regionCode: stop.region_code, after: { stopPeriod: stop.stop_period, cause: stop.cause, automatic: true } });
    }

    const owed = await repository.payableInMonth(tx, period);
    const accounts = medicalContributionAccounts(Number(today.slice(0, 4)));
    const byPair = new Map<string, { unemploymentFund: string; medicalFund: string; claims: (repository.PayableMonth & { medical: bigint })[] }>();
    for (const claim of owed) {
      const medicalFund = (await fundPooling(tx, 'medical', claim.region_code))?.code;
      if (!medicalFund) throw conflict('period', claimSaid.noFund({ region: claim.region_code, insurance: 'medical' }));
      const key = `${claim.fund_code}|${medicalFund}`;
      const pair = byPair.get(key) ?? { unemploymentFund: claim.fund_code, medicalFund, claims: [] };
      pair.claims.push({ ...claim, medical: itemAmount(claim.amounts, 'medical_contribution') });
      byPair.set(key, pair);
    }
    const drawn = new Map<string, bigint>();
    // what each 支出户 holds free before the month's run: money spoken for by payments approved and unpaid is not drawn
    const free = new Map<string, bigint>();
    const entryIds: string[] = [];
    let medicalTotal = 0n;
    for (const pair of byPair.values()) {
      const amount = pair.claims.reduce((total, c) => total + c.medical, 0n);
      drawn.set(pair.unemploymentFund, (drawn.get(pair.unemploymentFund) ?? 0n) + amount);
      if (!free.has(pair.unemploymentFund)) free.set(pair.unemploymentFund, (await expenseAccountFunding(tx, pair.unemploymentFund, 0n, today)).free);
      if (free.get(pair.unemploymentFund)! < drawn.get(pair.unemploymentFund)!) {
        throw conflict('period', claimSaid.expenseAccountShort({ fund: pair.unemploymentFund, balance: formatYuan(free.get(pair.unemploymentFund)!), amount: formatYuan(drawn.get(pair.unemploymentFund)!) }));
      }
      const run = newId().toString();
      const memo = `${period} 失业保险基金代缴职工基本医疗保险费 ${pair.claims.length} 人`;
      const source = { type: 'benefit_claim_month', id: run };
      const entries: EntryInput[] = [
        { key: `unemployment-medical:${period}:${run}`, fund: pair.unemploymentFund, period: today.slice(0, 7), date: today, memo, source,
          lines: [{ account: accounts.unemploymentExpense, debit: amount }, { account: accounts.expenseBank, credit: amount }] },
        { key: `unemployment-medical:${period}:${run}`, fund: pair.medicalFund, period: today.slice(0, 7), date: today, memo, source,
          lines: [{ account: accounts.incomeBank, debit: amount }, { account: accounts.premiumIncome, credit: amount }] },
      ];
      const [unemploymentEntry, medicalEntry] = await postEntries(tx, worker, entries);
      entryIds.push(unemploymentEntry.entryId, medicalEntry.entryId);
      await repository.insertClaimMonths(tx, pair.claims.map((c) => ({
        person_id: c.person_id, claim_id: c.id, period, region_code: c.region_code, benefit_amount: c.monthly_amount, medical_contribution: c.medical,
        unemployment_entry_id: BigInt(unemploymentEntry.entryId), medical_entry_id: BigInt(medicalEntry.entryId), medical_fund_code: pair.medicalFund, recorded_by: actor.username,
      })));
      medicalTotal += amount;
    }
    // the month's benefit to each claimant's account, authorised by the claim's sign-off (after the medical
    // contributions: each order is funded from what the 支出户 holds free once they are booked)
    // what the orders' funds lack is asked of finance once per fund for the month, not once per claimant
    const pooled = new PooledTransfers();
    const benefitName = render(claimItemNames.unemployment_benefit(), 'zh-CN');
    const paymentOrders: string[] = [];
    for (const claim of owed) {
      const order = await queueAuthorisedPayment(tx, worker, {
        ...claimPayment(claim, claim.fund_code), benefitType: 'unemployment_benefit', amount: itemAmount(claim.amounts, 'unemployment_benefit'),
        reason: `${period} ${benefitName}`, source: { type: CLAIM_PAYMENT_SOURCE, id: claim.id, part: `unemployment_benefit:${period}` },
      }, { itemId: claim.approval_item_id, pooled });
      paymentOrders.push(order.reference);
    }
    const injury = await orderWorkInjuryMonth(tx, worker, period, pooled);
    const transfers = await requestPooledTransfers(tx, worker, pooled, { period, what: render(claimSaid.monthTransferPurpose(), 'zh-CN') });
    const claimants = owed.length;
    const benefits = owed.reduce((total, c) => total + c.monthly_amount, 0n);
    const result = {
      period, stopped: stops.length, claimants, benefits: formatYuan(benefits), medicalContributions: formatYuan(medicalTotal), entries: entryIds, paymentOrders,
      workInjury: { claimants: injury.claimants, benefits: formatYuan(injury.total), paymentOrders: injury.references },
      transfers: transfers.map(({ fund, amount, orders, transferItem }) => ({ fund, amount, orders, approvalItemId: transferItem })),
    };
    if (stops.length || claimants || injury.months) {
      await recordAudit(tx, worker, { action: 'benefits.claim.month', entityType: 'benefit_claim_month', entityId: period, after: result });
    }
    return result;
  });
}
