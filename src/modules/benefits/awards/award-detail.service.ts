/**
 * 待遇详情: one pension award as an operator reads it — the award, its dated amounts (养老金调整, corrections), what
 * happened to it (suspended, resumed, stopped, amount changed), its latest months of the payroll with the bank's answer
 * (paid, returned and sent again), and the overpayments opened on it (after a death or a stop) with what is recovered.
 * The award must be in the actor's scope; its payroll lines belong to the province-pooled fund, so they and the
 * overpayments are read in the fund's scope (widened, as the payroll is).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, widenToPooledFunds, type Actor } from '../../../platform/actor.ts';
import { notFound } from '../../../platform/errors.ts';
import { formatYuan } from '../../../platform/money.ts';
import { overpaymentsOfAward, type OverpaymentView } from '../deaths/deaths.service.ts';
import { accountChangesOf, type AccountChangeView } from './award-account.service.ts';
import { listMaskingFor, maskMiddle } from '../../../platform/personal-data.ts';
import { awardStatusSaid } from './awards.messages.ts';
import { AWARDS_ACROSS_POOLS, awardViews, type AwardView } from './awards.service.ts';
import * as repository from './awards.repository.ts';

/** The months of payroll the detail shows: three years. */
const PAYMENT_MONTHS = 36;

export interface AwardDetail {
  award: AwardView;
  amounts: { effectivePeriod: string; monthlyAmount: string; increase: string; adjustmentRun: string | null }[];
  events: { event: string; effectivePeriod: string; happenedOn: string; reason: string; recordedBy: string }[];
  payments: { period: string; batch: string; reference: string; amount: string; amountOffset: string; status: string; paidOn: string | null; returnCount: number; reason: string | null }[];
  overpayments: OverpaymentView[];
  /** 发放账户: where the pension is paid, and its change requests (养老金发放账户变更), newest first; masked as lists mask phone numbers for whoever sees lists masked */
  account: { bankAccount: string; changes: AccountChangeView[] };
}

export async function awardDetail(database: DatabaseHandle, actor: Actor, awardId: bigint): Promise<AwardDetail> {
  const { award, personId, bankAccount } = await inScope(database, actor, async (tx) => {
    const rows = await repository.awardsQuery(tx, {}).select('a.bank_account').where('a.id', '=', awardId).execute();
    if (!rows.length) throw notFound(awardStatusSaid.awardUnknown({ id: String(awardId) }));
    return { award: awardViews(actor)(rows)[0], personId: rows[0].person_id, bankAccount: rows[0].bank_account };
  });
  const masking = listMaskingFor(actor);
  const shown = (account: string) => (masking ? maskMiddle(account, masking.phone) : account);
  return inScope(database, widenToPooledFunds(actor, AWARDS_ACROSS_POOLS), async (tx) => ({
    award,
    amounts: (await repository.amountsOfAward(tx, personId, awardId)).map((row) => ({
      effectivePeriod: row.effective_period, monthlyAmount: formatYuan(row.monthly_amount), increase: formatYuan(row.increase),
      adjustmentRun: row.adjustment_run_id === null ? null : String(row.adjustment_run_id),
    })),
    events: (await repository.eventsOfAward(tx, personId, awardId)).map((row) => ({
      event: row.event, effectivePeriod: row.effective_period, happenedOn: row.happened_on, reason: row.reason, recordedBy: row.recorded_by,
    })),
    payments: (await repository.paymentsOfAward(tx, personId, awardId, PAYMENT_MONTHS)).map((row) => ({
      period: row.period, batch: row.batch_id, reference: row.reference, amount: formatYuan(BigInt(row.amount)), amountOffset: formatYuan(BigInt(row.amount_offset)), status: row.status, paidOn: row.paid_on,
      returnCount: row.return_count, reason: row.reason,
    })),
    overpayments: await overpaymentsOfAward(tx, personId, awardId),
    account: {
      bankAccount: shown(bankAccount),
      changes: (await accountChangesOf(tx, personId, awardId)).map((change) => ({ ...change, from: shown(change.from), to: shown(change.to) })),
    },
  }));
}
