/**
 * The demo city's benefit claims (called by `sifund demo` after the pensioners and the medical institutions): a few
 * dozen 失业保险金 claims of persons whose latest job ended involuntarily in the history's last six months, a handful
 * of 工伤 claims (grades spread over 1–10, nursing for the gravest, one work-related death with dependants) and
 * 生育 claims of women at work, each submitted through the claims service (requestClaim: the amounts and the trace
 * the server works out) by a demo 经办 and signed off by a demo 复核 and 审批 through the sign-off engine, so each claim
 * is approved on its paying fund as any other: its one-off amounts are ordered on the approval (funded from the
 * 支出户, or a 用款申请 the demo's finance finds in its inbox) and its months by the monthly run. Each claimant is paid
 * into a demo account made from their ID number; the work-related death is paid to a relative, another demo person.
 * The demo's history has no bills: a claimant's months of unemployment enrollment stand for the paid months of their
 * contribution record; a claimant the record does not make eligible (under 12 months) is left out, as the service
 * would refuse them.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, systemActor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import { decide } from '../../../platform/signoff/signoff.service.ts';
import { addMonths, openingBalanceEntry, postEntries } from '../../ledger/index.ts';
import { demoGoLive } from '../../registry/index.ts';
import { fundPooling } from '../awards/awards.repository.ts';
import type { PaidMonth } from './unemployment-claim.calc.ts';
import type { NursingDegree, Dependant } from './work-injury.calc.ts';
import type { DeliveryType } from './maternity.calc.ts';
import { requestClaim, type ClaimRequest } from './claims.service.ts';
import * as repository from './demo-claims.repository.ts';

/** At most this many unemployment claimants (a few dozen, whatever the city's size). */
const UNEMPLOYED = 40;
/** Separations in the history's last months lead to a claim. */
const RECENT_MONTHS = 6;
/** 工伤: grades spread from the gravest (with a nursing allowance) to the lightest; the death case comes last. */
const INJURIES: { grade: number; nursing: NursingDegree | null }[] = [
  { grade: 1, nursing: 'full' }, { grade: 2, nursing: 'large' }, { grade: 4, nursing: null }, { grade: 5, nursing: null },
  { grade: 7, nursing: null }, { grade: 9, nursing: null }, { grade: 10, nursing: null },
];
const DEATH_DEPENDANTS: Dependant[] = [{ relation: 'spouse', orphanOrLoneElderly: false }, { relation: 'other', orphanOrLoneElderly: false }];
const MATERNITY = 10;

export interface DemoClaims { unemployment: number; workInjury: number; maternity: number; notEligible: number }

const clerk = systemActor('demo-claims', ['benefit.claim.request', 'benefits.read', 'accounts.read']);
// the approver files the 用款申请 of the claim's payments the 支出户 cannot cover
const signers = [systemActor('demo-claims-review', ['approvals.read', 'benefit.claim.review']), systemActor('demo-claims-approve', ['approvals.read', 'benefit.claim.approve', 'fund.transfer.request'])];

/** A demo account (社会保障卡金融账户) from the ID number: 6217 and its first 15 digits. */
const demoAccount = (idNumber: string) => `6217${idNumber.slice(0, 15)}`;

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const minDate = (a: string, b: string) => (a < b ? a : b);

type Submitted = Awaited<ReturnType<typeof requestClaim>>['approvalItem'];

/** Signs every level a submitted claim needs (复核, then 审批). */
async function signClaim(database: DatabaseHandle, approvalItem: Submitted) {
  let status = approvalItem.status;
  for (const signer of signers) {
    if (status !== 'pending') break;
    status = (await decide(database, signer, BigInt(approvalItem.id), 'approve', '演示数据：同意')).status;
  }
  if (status !== 'approved') throw new Error(`demo claim ${approvalItem.id} is ${status} after sign-off`);
}

/** Funds whose only outgoings in the demo are its claims: unemployment and work injury (maternity draws on medical). */
const CLAIM_FUNDS: Record<string, string> = { unemployment: 'unemployment', work_injury: 'work_injury' };

/**
 * 期初建账 of the funds the claims draw on, like the pensioners' and the institutions' (in the 财政专户, where a fund's
 * 结余 stands; the claims' 用款申请 bring what the 支出户 lacks): a year of what the demo's claims pay — twelve months
 * of the monthly amounts and the one-off amounts.
 */
async function openClaimFunds(database: DatabaseHandle, cityCode: string, goLive: string, submitted: { kind: string; item: Submitted }[]) {
  const needed = new Map<string, bigint>();
  for (const { kind, item } of submitted) {
    const insurance = CLAIM_FUNDS[kind];
    if (!insurance) continue;
    const payload = item.payload as { monthlyAmount: string; oneOffAmount: string };
    needed.set(insurance, (needed.get(insurance) ?? 0n) + parseYuan(payload.monthlyAmount) * 12n + parseYuan(payload.oneOffAmount));
  }
  const entries = await inScope(database, clerk, async (tx) => {
    const opened = [];
    for (const [insurance, amount] of needed) {
      const fund = await fundPooling(tx, insurance, cityCode);
      if (fund && amount > 0n) opened.push(openingBalanceEntry({ fund: fund.code, amount, date: goLive, memo: '期初建账（演示数据：一年的待遇申领支付）' }));
    }
    return opened;
  });
  if (entries.length) await postEntries(database, systemActor('demo'), entries, { kind: 'import' });
}

export async function loadDemoClaims(database: DatabaseHandle, input: {
  cityCode: string; seed: number; window: { end: string }; today: string; /** 期初建账 day (default demoGoLive(today)) */ goLive?: string;
}): Promise<DemoClaims> {
  const { cityCode, seed, window, today } = input;
  const submitted: { kind: string; item: Submitted }[] = [];
  const submit = async (request: ClaimRequest, paidMonths?: PaidMonth[]) => {
    const { approvalItem } = await requestClaim(database, clerk, request, paidMonths);
    submitted.push({ kind: request.kind, item: approvalItem });
  };
  const since = `${addMonths(window.end.slice(0, 7), 1 - RECENT_MONTHS)}-01`;
  const declaredYear = Number(window.end.slice(0, 4)) - 1;
  const yearStart = `${window.end.slice(0, 4)}-01-01`;
  const drawn = await inScope(database, clerk, async (tx) => {
    const unemployed = await repository.demoUnemployed(tx, cityCode, since, seed, UNEMPLOYED);
    const injured = await repository.demoAtWork(tx, cityCode, { date: window.end, minAge: 25, maxAge: 55, seed: seed + 1, limit: INJURIES.length + 1 });
    const mothers = await repository.demoAtWork(tx, cityCode, { date: window.end, gender: 'F', minAge: 22, maxAge: 40, declaredYear, seed: seed + 2, limit: MATERNITY });
    const months = await repository.enrolledUnemploymentMonths(tx, unemployed.map((p) => p.id_number));
    return { unemployed, injured, mothers, months };
  });
  const counts: DemoClaims = { unemployment: 0, workInjury: 0, maternity: 0, notEligible: 0 };

  for (const [index, person] of drawn.unemployed.entries()) {
    // registered as unemployed within a few weeks of the separation (失业登记), never after today
    const registeredOn = minDate(addDays(person.separated_on!, 3 + (index * 7) % 30), today);
    const paid = drawn.months.filter((m) => m.id_number === person.id_number).map((m): PaidMonth => ({ period: m.period, insurance: 'unemployment', paid: true }));
    try {
      await submit({ kind: 'unemployment', idNumber: person.id_number, input: { registeredOn }, bankAccount: demoAccount(person.id_number) }, paid);
      counts.unemployment++;
    } catch (error) {
      // too few months paid: the service refuses them, as it would at the counter
      if (!(error instanceof AppError) || error.status !== 400) throw error;
      counts.notEligible++;
    }
  }

  for (const [index, person] of drawn.injured.entries()) {
    const eventDate = addDays(window.end, -13 * index);
    const ownWage = formatYuan(BigInt(person.monthly_wage!));
    const injury = INJURIES[index];
    // the death is paid to a relative: the demo takes the first injured person for one
    const relative = drawn.injured[0];
    await submit({
      kind: 'work_injury', idNumber: person.id_number,
      ...(injury ? { bankAccount: demoAccount(person.id_number) } : { bankAccount: demoAccount(relative.id_number), payeeName: relative.name, payeeIdNumber: relative.id_number }),
      input: injury ? { benefit: 'disability', eventDate, ownWage, grade: injury.grade, ...(injury.nursing ? { nursing: injury.nursing } : {}) }
        : { benefit: 'death', eventDate, ownWage, dependants: DEATH_DEPENDANTS },
    });
    counts.workInjury++;
  }

  for (const [index, person] of drawn.mothers.entries()) {
    // births of this year up to the history's end: the employer's wages of the year before are declared
    const childbirthDate = [addDays(window.end, -11 * index), yearStart].sort().at(-1)!;
    const deliveryType: DeliveryType = index % 3 === 1 ? 'caesarean' : 'vaginal';
    await submit({ kind: 'maternity', idNumber: person.id_number, input: { childbirthDate, deliveryType, babies: index === 4 ? 2 : 1 }, bankAccount: demoAccount(person.id_number) });
    counts.maternity++;
  }

  await openClaimFunds(database, cityCode, input.goLive ?? demoGoLive(today), submitted);
  for (const { item } of submitted) await signClaim(database, item);
  return counts;
}
