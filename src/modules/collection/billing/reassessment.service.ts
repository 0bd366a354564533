/**
 * Corrections after billing (R3.1) and back-payments (补缴, R3.4): a posted bill is never edited. Reassessing an
 * employer's period recomputes what it should bill now — with that period's bases, rates and limits — against
 * everything billed so far, and issues the difference as new bills: a credit note reversing lines no longer due or
 * replaced, and a supplementary bill for lines newly due (a late registration, a corrected base). Both keep the
 * period's original due date, so the late fee of a back-payment runs from when the contribution was due
 * (社会保险法 art. 86). Like billing, a correction posts nothing to the fund ledger (cash basis, docs/ledger.md): the
 * money a supplementary bill brings in is booked when it arrives.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, widenToPooledFunds, type Actor, type Tx } from '../../../platform/actor.ts';
import { notFound } from '../../../platform/errors.ts';
import { registerSignoffKind, submitForApproval } from '../../../platform/signoff/index.ts';
import { newId } from '../../../platform/ids.ts';
import { formatYuan } from '../../../platform/money.ts';
import { getParameters } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { ensureFunds } from '../../ledger/index.ts';
import { resolveBillingParameters } from './billing.calc.ts';
import * as repository from './billing.repository.ts';
import { fundsByRegion } from './billing.service.ts';
import { BILLING_ACROSS_POOLS } from '../collection.scope.ts';
import { checkBillablePeriod, checkNotBeforeRegistration } from './billable-period.ts';
import { subjects } from '../collection.messages.ts';
import { applyCreditsInTransaction, releaseOverpaidPeriod } from '../payments/payments.service.ts';

type DifferenceRow = repository.DifferenceRow;

export interface ReassessmentResult { creditCode: string; period: string; bills: { number: string; kind: 'supplementary' | 'credit_note'; lines: number; total: string }[] }

/** Writes one correcting bill of `kind` with its lines and items. */
async function issueCorrection(tx: Tx, actor: Actor, employer: { id: bigint; credit_code: string; region_code: string }, period: string,
  kind: 'supplementary' | 'credit_note', rows: DifferenceRow[], dueDate: string, parameterRefs: unknown) {
  const existing = await repository.countBillsOfPeriod(tx, employer.id, period);
  const sameKind = await repository.countBillsOfKind(tx, employer.id, period, kind);
  const id = newId();
  const number = `${period.replace('-', '')}${employer.credit_code}${String(existing + 1).padStart(2, '0')}`;
  const total = rows.reduce((sum, r) => sum + r.employer_amount + (r.employee_amount ?? 0n), 0n);
  await repository.insertBill(tx, {
    employer_id: employer.id, id, number, period, kind, sequence: sameKind + 1, region_code: employer.region_code, due_date: dueDate,
    persons: new Set(rows.map((r) => String(r.person_id))).size, lines: rows.length, total, parameter_refs: JSON.stringify(parameterRefs),
    assessed_persons: new Set(rows.filter((r) => r.base_assessed).map((r) => String(r.person_id))).size,
  });
  await repository.insertBillLines(tx, rows.map((r) => ({
    employer_id: employer.id, bill_id: id, person_id: r.person_id, insurance: r.insurance as never, region_code: r.region_code, base: r.base, base_assessed: r.base_assessed,
    employer_rate: r.employer_rate, employee_rate: r.employee_rate, employer_amount: r.employer_amount, employee_amount: r.employee_amount,
  })));
  const items = new Map<string, { fund: string; employer: bigint; employee: bigint; region: string }>();
  for (const r of rows) {
    const item = items.get(r.insurance) ?? { fund: r.fund_code, employer: 0n, employee: 0n, region: r.region_code };
    item.employer += r.employer_amount; item.employee += r.employee_amount ?? 0n;
    items.set(r.insurance, item);
  }
  await repository.insertBillItems(tx, [...items].map(([insurance, item]) => ({
    employer_id: employer.id, bill_id: id, insurance: insurance as never, fund_code: item.fund, region_code: item.region, employer_amount: item.employer, employee_amount: item.employee,
  })));
  await recordAudit(tx, actor, { action: `billing.${kind}`, entityType: 'bill', entityId: number, regionCode: employer.region_code, after: { period, lines: rows.length, total: formatYuan(total) } });
  return { number, kind, lines: rows.length, total: formatYuan(total) };
}

type ReassessmentPayload = { creditCode: string; employerId: string; period: string; reason: string };

/**
 * 补缴 / 冲减: a high-risk sign-off item (seed 004 篇7: 缴费基数审核 — 出错频率高、影响面广、挽回成本高). The difference
 * is computed and billed in the transaction of the final approval, with the period's own rules, so what posts is
 * what the data says at that moment.
 */
export const reassessmentSignoff = registerSignoffKind<ReassessmentPayload>({
  kind: 'billing.reassessment',
  label: '补缴/冲减核定',
  parameters: 'signoff.billing_reassessment',
  requestPermission: 'billing.reassess.request',
  levels: [
    { name: 'review', label: '复核', permission: 'billing.reassess.review' },
    { name: 'approve', label: '审批', permission: 'billing.reassess.approve' },
  ],
  // the correction posts like a billing run: into the funds above the approver's region
  decisionActor: (approver) => widenToPooledFunds(approver, BILLING_ACROSS_POOLS),
  effect: async (tx, approver, item) => ({ ...(await reassessInTransaction(tx, approver, item.payload)) }),
  subjectLink: (payload) => `/collection/bills?creditCode=${payload.creditCode}&period=${payload.period}`,
});

/** Requests the reassessment of an employer's period (the employer must be in the actor's scope). */
export async function requestReassessment(database: DatabaseHandle, actor: Actor, input: { creditCode: string; period: string; reason?: string }) {
  const period = checkBillablePeriod(input.period);
  const reason = input.reason?.trim() || '重新核定 reassessment';
  await ensureFunds(database);
  return inScope(database, actor, async (tx) => {
    const employer = await repository.findEmployerByCreditCode(tx, input.creditCode);
    if (!employer) throw notFound(subjects.employer({ creditCode: input.creditCode }));
    checkNotBeforeRegistration(period, await repository.employerRegisteredOn(tx, employer.id));
    return submitForApproval(tx, actor, reassessmentSignoff, {
      regionCode: employer.region_code, title: `补缴/冲减核定 ${employer.name} ${period}`, subjectKey: `reassessment:${employer.id}:${period}`,
      payload: { creditCode: employer.credit_code, employerId: employer.id.toString(), period, reason }, comment: reason,
    });
  });
}

/** Recomputes an employer's period and issues the credit note and/or supplementary bill the difference needs. */
async function reassessInTransaction(tx: Tx, job: Actor, input: { employerId: string; period: string }): Promise<ReassessmentResult> {
  // checked again at approval: an item requested before these checks existed may name a month that cannot be billed
  const period = checkBillablePeriod(input.period);
  const employer = await repository.findEmployerForReassessment(tx, BigInt(input.employerId), `${period}-01`);
  if (!employer) throw notFound(subjects.employerById({ employerId: input.employerId }));
  // One reassessment of an employer at a time (two would both see the same difference).
  await repository.lockReassessment(tx, employer.credit_code);
  const parameters = resolveBillingParameters(getParameters(), period, [employer.region_code]);
  const region = parameters.regions[employer.region_code];
  const funds = await fundsByRegion(tx, period, [employer.region_code]);
  const rows = await repository.billingDifferences(tx, { parameters, funds, rounding: region.rounding }, employer.id, period);
  const refs = Object.fromEntries(Object.entries(region.insurances).map(([insurance, rate]) => [insurance, rate!.refs]));
  const parameterRefs = { ...refs, employer: { workInjuryClass: employer.work_injury_class, workInjuryFloat: employer.work_injury_float } };
  const bills: ReassessmentResult['bills'] = [];
  const reversals = rows.filter((r) => r.action === 'reverse'), additions = rows.filter((r) => r.action === 'bill');
  if (reversals.length) bills.push(await issueCorrection(tx, job, employer, period, 'credit_note', reversals, region.dueDate, parameterRefs));
  if (additions.length) bills.push(await issueCorrection(tx, job, employer, period, 'supplementary', additions, region.dueDate, parameterRefs));
  // what a credit note leaves paid beyond the period's due becomes the employer's credit; a supplementary bill takes
  // the employer's credit at once (domain.md: credits are applied as soon as a bill exists)
  if (reversals.length) await releaseOverpaidPeriod(tx, job, employer.id, period);
  if (additions.length || reversals.length) await applyCreditsInTransaction(tx, job, employer.id);
  return { creditCode: employer.credit_code, period, bills };
}
