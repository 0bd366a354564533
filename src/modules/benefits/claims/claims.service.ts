/**
 * 失业、工伤、生育待遇申领 (issue 12): an operator submits a claim of a person (经办) with its input; the server works
 * the amounts out from the record and the dated parameters, keeps them with their trace, and a reviewer and an
 * approver sign it (复核, 审批: kind `benefit.claim`, levels from params/signoff/benefit_claim, R4.5). The final
 * approval names the paying fund (the region's fund of the insurance; maternity: medical from the merger date).
 *  - unemployment: eligibility and months from the person's paid unemployment contributions and the separation
 *    reason of their latest employment (../unemployment quoteUnemployment), carry-over of the previous claim's unused
 *    months; paid monthly from the month of the unemployment registration; stopped from the month of a new
 *    employment or a pension award by the monthly run, or by an operator with a reason (失业保险条例 第十五条);
 *  - work injury and maternity: the amounts of ./work-injury.calc.ts and ./maternity.calc.ts; a work-injury claim with
 *    monthly amounts keeps its start month (first_period) and is paid month by month (./work-injury-monthly.service.ts).
 * The claim form names the account paid into (and, for a work-related death, the relative paid): the payee is checked
 * as a payment order checks it. The claim's own sign-off authorises its payments (R4.5: three levels, no second
 * sign-off): the final approval orders each amount paid once (一次性伤残补助金, 丧葬补助金, 一次性工亡补助金, 生育津贴,
 * 生育医疗费用) on the paying fund's benefit subject, and the monthly run (./claims.month.ts) orders each month of
 * 失业保险金 besides the medical contributions it books, and each month of 伤残津贴, 生活护理费 and 供养亲属抚恤金 until they
 * stop — orders of payroll/payment-order.service.ts, offset and funded at once, paid by the fund's bank file.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inActorScope, inScope, widenToPooledFunds, type Actor, type Tx } from '../../../platform/actor.ts';
import { conflict, invalid, invalidFields, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import { render, type Said } from '../../../platform/messages.ts';
import { getParameters, todayInChina, type ParameterStore } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { registerSignoffKind, submitForApproval } from '../../../platform/signoff/index.ts';
import { listPage, type ListAnswer, type ListRequest, type SortKey } from '../../../platform/http/lists.ts';
import { listMaskingFor, maskPersonalData } from '../../../platform/personal-data.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { dateProblem } from '../../../platform/dates.ts';
import { addMonths, isPeriod } from '../../ledger/index.ts';
import { contributionRecord } from '../../collection/index.ts';
import { fundPooling } from '../awards/awards.repository.ts';
import { QuoteInputReader } from '../quote-input.ts';
import { quoteUnemployment } from '../unemployment/quote.calc.ts';
import { unemploymentQuoteParameters } from '../unemployment/quote.service.ts';
import { cite, type TraceStep } from '../trace.ts';
import { checkPayee, ordersOfSource, queueAuthorisedPayment, registerPaymentSource, type Payee } from '../payroll/payment-order.service.ts';
import type { ClaimAmount, ClaimItem } from './claim-amounts.ts';
import { maternityParameters, workInjuryParameters } from './claim-parameters.ts';
import { claimItemNames, claimRules, claimSaid, stopReasons, type StopReason } from './claims.messages.ts';
import { calculateMaternity, deliveryTypes } from './maternity.calc.ts';
import { medicalContribution, unemploymentRecord, type PaidMonth } from './unemployment-claim.calc.ts';
import { calculateWorkInjury, dependantRelations, nursingDegrees, type Dependant } from './work-injury.calc.ts';
import * as repository from './claims.repository.ts';
import { CLAIM_PAYMENT_SOURCE, claimPayment } from './claim-payment.ts';
import { workInjuryMonthly } from './work-injury-monthly.service.ts';
import type { ClaimKind, ClaimStatus } from './claims.tables.ts';

/** Claims are paid from the region's pooled fund of the insurance (city or province): the decision reaches it. */
export const CLAIMS_ACROSS_POOLS = '失业、工伤、生育待遇由统筹地区基金支付 (claims are paid from the pooled fund of their insurance)';

/** The payee: the account always (a claim with amounts is paid into it); name and ID number only for a work-related death (the claimant is paid otherwise). */
export interface ClaimRequest { kind: ClaimKind; idNumber: string; input: unknown; bankAccount?: string; payeeName?: string; payeeIdNumber?: string }


// A claim keeps no paid state of its own: what was paid is read from its orders (getClaim's payments).
registerPaymentSource(CLAIM_PAYMENT_SOURCE, async () => undefined);

/** What a claim's calculation gives: the insurance that pays, the event date, its amounts and trace, the months. */
interface Worked {
  payingInsurance: string; eventDate: string; amounts: ClaimAmount[]; trace: TraceStep<string>[];
  months: number | null; firstPeriod: string | null; lastPeriod: string | null;
}

interface ClaimPayload { claimId: string; personId: string; kind: ClaimKind; idNumber: string; name: string; monthlyAmount: string; oneOffAmount: string }

export const benefitClaimSignoff = registerSignoffKind<ClaimPayload>({
  kind: 'benefit.claim',
  label: '失业、工伤、生育待遇核定',
  parameters: 'signoff.benefit_claim',
  requestPermission: 'benefit.claim.request',
  levels: [
    { name: 'review', label: '复核', permission: 'benefit.claim.review' },
    { name: 'approve', label: '审批', permission: 'benefit.claim.approve' },
  ],
  decisionActor: (approver) => widenToPooledFunds(approver, CLAIMS_ACROSS_POOLS),
  effect: (tx, approver, item) => approveClaim(tx, approver, item.id, item.payload),
  subjectLink: (payload) => `/benefits/claims?idNumber=${payload.idNumber}`,
  // 预算指标 (R7.1): the amounts paid once, on their benefit lines of the pooled fund, this year (approveClaim orders them);
  // the monthly amounts, authorised by this sign-off too, are committed as each month's order is written (payment-order)
  budgetDraws: async (tx, item) => {
    const claim = await repository.claimById(tx, BigInt(item.payload.claimId));
    const fund = claim && await fundPooling(tx, claim.paying_insurance, claim.region_code);
    if (!claim || !fund) return [];
    return (claim.amounts as { frequency: string; benefitType: string; amount: string }[]).filter((amount) => amount.frequency === 'once')
      .map((amount) => ({ fund: fund.code, subject: `benefit_expense.${amount.benefitType}`, amountFen: parseYuan(amount.amount), year: Number(todayInChina().slice(0, 4)) }));
  },
});

const kindLabels: Record<ClaimKind, string> = { unemployment: '失业保险金', work_injury: '工伤保险待遇', maternity: '生育保险待遇' };

/** What the claimant receives, once or each month: the medical contributions go to the medical fund, not to them. */
const sum = (amounts: ClaimAmount[], frequency: ClaimAmount['frequency']) =>
  amounts.filter((a) => a.frequency === frequency && a.item !== 'medical_contribution').reduce((total, a) => total + a.amount, 0n);

/**
 * Submits a claim: worked out on the server from the record and the input, kept, and waiting for 复核 and 审批.
 * `paidMonths` replaces the contribution record for a caller that holds it otherwise (the demo city has no bills).
 */
export async function requestClaim(database: DatabaseHandle, actor: Actor, request: ClaimRequest, paidMonths?: PaidMonth[]) {
  const kind = request.kind;
  if (!['unemployment', 'work_injury', 'maternity'].includes(kind)) throw invalid('kind', fieldRules.oneOf({ values: 'unemployment, work_injury, maternity' }));
  const idNumber = request.idNumber?.trim().toUpperCase() ?? '';
  const person = await inScope(database, actor, async (tx) => {
    const found = await repository.personByIdNumber(tx, idNumber);
    if (!found || !inActorScope(actor, found.region_code)) throw notFound(claimSaid.personUnknown({ idNumber }));
    return found;
  });
  // The contribution record is read through the collection module (paid in full per insurance and month; accounts.read).
  const record = kind !== 'unemployment' ? [] : paidMonths ?? (await contributionRecord(database, actor, person.id)).items;
  return inScope(database, actor, async (tx) => {
    const store = getParameters();
    const worked = kind === 'unemployment' ? await workUnemployment(tx, store, person, request.input, record)
      : kind === 'work_injury' ? workWorkInjury(store, person, request.input)
        : await workMaternity(tx, store, person, request.input);
    const claimId = newId();
    const monthly = sum(worked.amounts, 'monthly');
    const oneOff = sum(worked.amounts, 'once');
    const payee = claimPayee(person, request, monthly + oneOff > 0n, (request.input as { benefit?: unknown }).benefit === 'death' && kind === 'work_injury');
    const item = await submitForApproval(tx, actor, benefitClaimSignoff, {
      regionCode: person.region_code,
      title: `${kindLabels[kind]}核定 ${person.name}${monthly ? ` 每月 ${formatYuan(monthly)} 元` : ''}${oneOff ? ` 一次性 ${formatYuan(oneOff)} 元` : ''}`,
      subjectKey: `benefit.claim:${kind}:${person.id}`, amount: monthly + oneOff, comment: null,
      payload: { claimId: claimId.toString(), personId: person.id.toString(), kind, idNumber: person.id_number, name: person.name, monthlyAmount: formatYuan(monthly), oneOffAmount: formatYuan(oneOff) },
    });
    await repository.insertClaim(tx, {
      person_id: person.id, id: claimId, region_code: person.region_code, kind, paying_insurance: worked.payingInsurance, event_date: worked.eventDate,
      input: JSON.stringify(request.input), amounts: JSON.stringify(worked.amounts.map(amountJson)), trace: JSON.stringify(worked.trace),
      monthly_amount: monthly, one_off_amount: oneOff, months: worked.months, first_period: worked.firstPeriod, last_period: worked.lastPeriod,
      approval_item_id: BigInt(item.id), submitted_by: actor.username,
      payee_name: payee?.payeeName ?? null, payee_id_number: payee?.payeeIdNumber ?? null, bank_account: payee?.bankAccount ?? null,
    });
    return { claimId: claimId.toString(), approvalItem: item };
  });
}

const amountJson = (amount: ClaimAmount) => ({ ...amount, amount: formatYuan(amount.amount) });

/**
 * Who the claim pays, checked as a payment order checks a payee: the claimant into the account given; for a
 * work-related death the relative named (工伤保险条例 第三十九条: 其近亲属). Null for a claim without amounts and no account.
 */
function claimPayee(person: repository.ClaimPerson, request: ClaimRequest, hasAmounts: boolean, death: boolean): Payee | null {
  const problems: { field: string; message: Said }[] = [];
  if (!death && (request.payeeName !== undefined || request.payeeIdNumber !== undefined)) {
    problems.push({ field: request.payeeName !== undefined ? 'payeeName' : 'payeeIdNumber', message: claimRules.payeeIsClaimant() });
  }
  if (request.bankAccount === undefined && !hasAmounts && !death) return null;
  const checked = checkPayee(death ? request : { payeeName: person.name, payeeIdNumber: person.id_number, bankAccount: request.bankAccount });
  problems.push(...checked.problems);
  if (problems.length) throw invalidFields(problems);
  return checked.payee;
}

/**
 * 失业保险金: the latest employment must have ended; its separation reason, the paid months before it (after the
 * previous claim) and the previous claim's unused months go into the unemployment quote of the person's region.
 */
async function workUnemployment(tx: Tx, store: ParameterStore, person: repository.ClaimPerson, raw: unknown, record: { period: string; insurance: string; paid: boolean }[]): Promise<Worked> {
  const read = new QuoteInputReader(raw, ['registeredOn']);
  const registeredOn = read.date('registeredOn');
  read.done();
  const employment = await repository.lastEmployment(tx, person.id);
  if (!employment) throw invalid('idNumber', claimSaid.noEmployment());
  if (!employment.separated_on) throw invalid('idNumber', claimSaid.notSeparated({ hiredOn: employment.hired_on }));
  if (registeredOn < employment.separated_on) throw invalid('registeredOn', claimSaid.registeredBeforeSeparation({ separatedOn: employment.separated_on }));
  const earlier = await repository.unemploymentClaimsOf(tx, person.id);
  const open = earlier.find((claim) => claim.status === 'approved');
  if (open) throw conflict('idNumber', claimSaid.alreadyPaid({ firstPeriod: open.first_period ?? '', lastPeriod: open.last_period ?? '' }));
  const firstPeriod = registeredOn.slice(0, 7);
  const previous = earlier[0] ? { eventDate: earlier[0].event_date, months: earlier[0].months, firstPeriod: earlier[0].first_period, stopPeriod: earlier[0].stop_period } : null;
  const counted = unemploymentRecord(record, employment.separated_on, firstPeriod, previous);
  const input = {
    region: person.region_code, contributionMonths: counted.contributionMonths, unusedMonths: counted.unusedMonths,
    separationReason: employment.separation_reason === 'involuntary' ? 'involuntary' as const : 'voluntary' as const, separationDate: employment.separated_on,
  };
  const quote = quoteUnemployment(input, unemploymentQuoteParameters(store, input));
  if (!quote.eligible) throw invalidFields(quote.reasons.map((reason: Said) => ({ field: 'input', message: reason })));
  const date = employment.separated_on;
  const cited = (path: string) => cite(store.lookup(path, date, person.region_code), store.rate(path, date, person.region_code));
  const medical = medicalContribution({
    averageWage: cite<bigint>(store.lookup('contribution.base.average_wage', date, person.region_code)),
    baseRatio: cited('benefits.unemployment.medical_contribution_base_ratio'),
    employerRate: cited('contribution.medical.employer_rate'), employeeRate: cited('contribution.medical.employee_rate'),
  });
  const trace: TraceStep<string>[] = [
    { step: 'contributionMonths', value: counted.contributionMonths, formula: counted.countedAfter ? `paid months after ${counted.countedAfter} up to ${date.slice(0, 7)}` : `paid months up to ${date.slice(0, 7)}`, reference: '失业保险条例 第十七条 [law]' },
    { step: 'unusedMonths', value: counted.unusedMonths, reference: '失业保险条例 第十七条 (与前次失业应当领取而尚未领取的失业保险金的期限合并计算) [law]' },
    ...quote.trace, ...medical.trace,
  ];
  return {
    payingInsurance: 'unemployment', eventDate: date, trace, months: quote.months, firstPeriod, lastPeriod: addMonths(firstPeriod, quote.months - 1),
    amounts: [
      { item: 'unemployment_benefit', frequency: 'monthly', benefitType: 'unemployment_benefit', amount: parseYuan(quote.monthlyAmount!) },
      { item: 'medical_contribution', frequency: 'monthly', benefitType: 'medical_premium_for_unemployed', amount: medical.amount },
    ],
  };
}

function workWorkInjury(store: ParameterStore, person: repository.ClaimPerson, raw: unknown): Worked {
  const read = new QuoteInputReader(raw, ['benefit', 'eventDate', 'ownWage', 'grade', 'nursing', 'dependants', 'startPeriod']);
  const benefit = read.choice('benefit', ['disability', 'death'] as const, true) ?? 'disability';
  const eventDate = read.date('eventDate');
  const ownWage = read.yuan('ownWage', true);
  const sent = raw as Record<string, unknown>;
  let grade: number | null = null;
  if (sent.grade !== undefined && sent.grade !== null) {
    if (benefit !== 'disability') read.problem('grade', claimRules.gradeForDisability());
    else if (typeof sent.grade !== 'number' || !Number.isInteger(sent.grade) || sent.grade < 1 || sent.grade > 10) read.problem('grade', claimRules.gradeFromTo());
    else grade = sent.grade;
  } else if (benefit === 'disability') read.problem('grade', fieldRules.required());
  const nursing = read.choice('nursing', nursingDegrees, false);
  const dependants: Dependant[] = [];
  if (sent.dependants !== undefined) {
    if (benefit !== 'death') read.problem('dependants', claimRules.dependantsForDeath());
    else if (!Array.isArray(sent.dependants) || !sent.dependants.every((d) => typeof d === 'object' && d !== null
      && (dependantRelations as readonly unknown[]).includes((d as Dependant).relation) && [undefined, true, false].includes((d as Dependant).orphanOrLoneElderly)
      && [undefined, true, false].includes((d as Dependant).fullyDisabled))) {
      read.problem('dependants', claimRules.dependantShape());
    } else {
      (sent.dependants as Dependant[]).forEach((d, index) => {
        // the birth date lets the monthly run stop the pension at 18 (劳动和社会保障部令第18号 第五条)
        const birthDate = d.birthDate ?? null;
        const problem = birthDate === null ? undefined : dateProblem(birthDate);
        if (problem) read.problem('dependants', claimSaid.dependantBirthDate({ n: index + 1 }));
        dependants.push({ relation: d.relation, orphanOrLoneElderly: d.orphanOrLoneElderly === true, birthDate: problem ? null : birthDate, fullyDisabled: d.fullyDisabled === true });
      });
      if (dependants.filter((d) => d.relation === 'spouse').length > 1) read.problem('dependants', claimRules.oneSpouse());
    }
  }
  if (ownWage === 0n) read.problem('ownWage', claimRules.positiveYuanGot({ text: String(sent.ownWage) }));
  // 起发月份: the monthly amounts are paid from the month after the appraisal or the death unless the claim names a later one
  const eventPeriod = eventDate.slice(0, 7);
  let startPeriod = isPeriod(eventPeriod) ? addMonths(eventPeriod, 1) : '';
  if (sent.startPeriod !== undefined) {
    if (typeof sent.startPeriod !== 'string' || !isPeriod(sent.startPeriod)) read.problem('startPeriod', claimRules.monthGot({ text: String(sent.startPeriod) }));
    else if (sent.startPeriod < eventPeriod) read.problem('startPeriod', claimSaid.startBeforeEvent({ period: eventPeriod }));
    else startPeriod = sent.startPeriod;
  }
  read.done();
  const result = calculateWorkInjury({ benefit, eventDate, ownWage: ownWage!, grade, nursing, dependants }, workInjuryParameters(store, eventDate, person.region_code));
  const monthly = result.amounts.some((a) => a.frequency === 'monthly');
  return { payingInsurance: 'work_injury', eventDate, amounts: result.amounts, trace: result.trace, months: null, firstPeriod: monthly ? startPeriod : null, lastPeriod: null };
}

async function workMaternity(tx: Tx, store: ParameterStore, person: repository.ClaimPerson, raw: unknown): Promise<Worked> {
  const read = new QuoteInputReader(raw, ['childbirthDate', 'deliveryType', 'babies']);
  const childbirthDate = read.date('childbirthDate');
  const deliveryType = read.choice('deliveryType', deliveryTypes, true) ?? 'vaginal';
  const babies = (raw as Record<string, unknown>).babies ?? 1;
  if (typeof babies !== 'number' || !Number.isInteger(babies) || babies < 1 || babies > 9) read.problem('babies', claimRules.babiesFromTo());
  read.done();
  const employer = await repository.employerOn(tx, person.id, childbirthDate);
  if (!employer) throw invalid('childbirthDate', claimSaid.noEmployerOn({ date: childbirthDate }));
  // 上年度: the employer's declared wages of the year before the birth.
  const year = Number(childbirthDate.slice(0, 4)) - 1;
  const average = await repository.employerAverageWage(tx, employer.employer_id, year);
  if (average === null) throw invalid('childbirthDate', claimSaid.noEmployerWage({ year }));
  const result = calculateMaternity({ childbirthDate, deliveryType, babies: babies as number, employerAverageWage: average }, maternityParameters(store, childbirthDate, person.region_code));
  return { payingInsurance: result.payingInsurance, eventDate: childbirthDate, amounts: result.amounts, trace: result.trace, months: null, firstPeriod: null, lastPeriod: null };
}

/** The final approval's effect: the claim approved and its paying fund named; its amounts are payable from then. */
async function approveClaim(tx: Tx, approver: Actor, itemId: bigint, payload: ClaimPayload) {
  const personId = BigInt(payload.personId);
  const claimId = BigInt(payload.claimId);
  const claim = await repository.claimById(tx, claimId);
  if (!claim) throw notFound(claimSaid.claimNotFound({ id: payload.claimId }));
  const fund = await fundPooling(tx, claim.paying_insurance, claim.region_code);
  if (!fund) throw conflict('kind', claimSaid.noFund({ region: claim.region_code, insurance: claim.paying_insurance }));
  await repository.approveClaim(tx, personId, claimId, { fund_code: fund.code, approved_by: approver.username });
  const result = { claimId: payload.claimId, kind: payload.kind, idNumber: payload.idNumber, fund: fund.code, monthlyAmount: payload.monthlyAmount, oneOffAmount: payload.oneOffAmount };
  await recordAudit(tx, approver, { action: 'benefits.claim.approve', entityType: 'benefit_claim', entityId: claimId, regionCode: claim.region_code, after: { ...result, approvalItem: itemId.toString() } });
  // the amounts paid once, each an order this sign-off authorises; unemployment is paid month by month (claims.month.ts)
  const orders: string[] = [];
  for (const amount of (claim.amounts as { item: ClaimItem; frequency: string; benefitType: string; amount: string }[]).filter((a) => a.frequency === 'once')) {
    const order = await queueAuthorisedPayment(tx, approver, {
      ...claimPayment(claim, fund.code), benefitType: amount.benefitType, amount: parseYuan(amount.amount),
      reason: `${kindLabels[claim.kind]} ${render(claimItemNames[amount.item](), 'zh-CN')}`, source: { type: CLAIM_PAYMENT_SOURCE, id: claimId, part: amount.item },
    }, { itemId });
    orders.push(order.reference);
  }
  return { ...result, orders };
}

export const stopReasonCodes = Object.keys(stopReasons) as StopReason[];

/** An operator stops an approved unemployment benefit from a month, for one of the stop conditions. */
export async function stopClaim(database: DatabaseHandle, actor: Actor, claimId: bigint, input: { fromPeriod: string; reason: StopReason }) {
  if (!isPeriod(input.fromPeriod)) throw invalid('fromPeriod', fieldRules.required());
  if (!stopReasonCodes.includes(input.reason)) throw invalid('reason', fieldRules.oneOf({ values: stopReasonCodes.join(', ') }));
  return inScope(database, actor, async (tx) => {
    const claim = await repository.claimById(tx, claimId);
    if (!claim) throw notFound(claimSaid.claimNotFound({ id: claimId.toString() }));
    if (claim.kind !== 'unemployment' || claim.status !== 'approved') throw conflict('id', claimSaid.stopOnlyUnemployment({ kind: claim.kind, status: claim.status }));
    if (input.fromPeriod < claim.first_period! || input.fromPeriod > claim.last_period!) {
      throw invalid('fromPeriod', claimSaid.stopOutsideMonths({ firstPeriod: claim.first_period!, lastPeriod: claim.last_period! }));
    }
    const reason = render(stopReasons[input.reason](), 'zh-CN');
    await repository.stopClaim(tx, claim.person_id, claim.id, { stop_period: input.fromPeriod, stop_reason: reason, stopped_on: todayInChina(), stopped_by: actor.username });
    await recordAudit(tx, actor, { action: 'benefits.claim.stop', entityType: 'benefit_claim', entityId: claim.id, regionCode: claim.region_code,
      after: { stopPeriod: input.fromPeriod, reason: input.reason } });
    return claimView((await repository.claimById(tx, claimId))!);
  });
}

export interface ClaimView {
  id: string; idNumber: string; name: string; regionCode: string; kind: ClaimKind; status: ClaimStatus | 'returned' | 'withdrawn';
  payingInsurance: string; fund: string | null; eventDate: string; monthlyAmount: string; oneOffAmount: string;
  months: number | null; firstPeriod: string | null; lastPeriod: string | null; stopPeriod: string | null; stopReason: string | null;
  amounts: { item: string; frequency: 'once' | 'monthly'; benefitType: string; amount: string }[]; approvalItem: string;
  payeeName: string | null; bankAccount: string | null;
}

/** A submitted claim shows what its sign-off item says: returned (退回) or withdrawn (撤回). */
function claimStatus(row: repository.ClaimRow): ClaimView['status'] {
  if (row.status !== 'submitted') return row.status;
  return row.signoff_status === 'returned' ? 'returned' : row.signoff_status === 'cancelled' ? 'withdrawn' : 'submitted';
}

function claimView(row: repository.ClaimRow): ClaimView {
  return {
    id: row.id.toString(), idNumber: row.id_number, name: row.name, regionCode: row.region_code, kind: row.kind, status: claimStatus(row),
    payingInsurance: row.paying_insurance, fund: row.fund_code, eventDate: row.event_date, monthlyAmount: formatYuan(row.monthly_amount), oneOffAmount: formatYuan(row.one_off_amount),
    months: row.months, firstPeriod: row.first_period, lastPeriod: row.last_period, stopPeriod: row.stop_period, stopReason: row.stop_reason,
    amounts: row.amounts as ClaimView['amounts'], approvalItem: row.approval_item_id.toString(), payeeName: row.payee_name, bankAccount: row.bank_account,
  };
}

/** One claim in the actor's scope with its input and trace (ID number masked as in the list). */
export async function getClaim(database: DatabaseHandle, actor: Actor, claimId: bigint) {
  const masking = listMaskingFor(actor);
  return inScope(database, actor, async (tx) => {
    const row = await repository.claimDetailById(tx, claimId);
    if (!row) throw notFound(claimSaid.claimNotFound({ id: claimId.toString() }));
    // what the claim has been paid: its orders, the payee's ID number masked as the claimant's
    const payments = (await ordersOfSource(tx, { type: CLAIM_PAYMENT_SOURCE, id: claimId }))
      .map((order) => ({ ...order, payeeIdNumber: maskPersonalData({ idNumber: order.payeeIdNumber }, masking).idNumber }));
    const monthly = row.kind === 'work_injury' && row.first_period !== null ? await workInjuryMonthly(tx, { ...row, first_period: row.first_period }) : null;
    return { ...maskPersonalData(claimView(row), masking), input: row.input as Record<string, unknown>, trace: row.trace as TraceStep<string>[], payments, workInjuryMonthly: monthly };
  });
}

const byPerson: SortKey[] = [{ by: 'c.person_id', direction: 'asc' }, { by: 'c.id', direction: 'asc' }];

/** The claims in the actor's scope (ID numbers masked for staff without personal.full.read). */
export async function listClaims(database: DatabaseHandle, actor: Actor, filter: repository.ClaimFilter, request: ListRequest): Promise<ListAnswer<ClaimView>> {
  const masking = listMaskingFor(actor);
  return inScope(database, actor, (tx) => listPage(tx, repository.claimsQuery(tx, filter), byPerson, request,
    (rows) => rows.map((row) => maskPersonalData(claimView(row as repository.ClaimRow), masking))));
}
