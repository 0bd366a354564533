/**
 * Pension individual accounts (个人账户, R3.5): the year-end interest run, a person's account statement, and the
 * insured person's contribution record. Contributions are credited by payments (when a bill's pension employee part
 * is paid in full); this service only reads them and credits interest.
 *
 * Who sees what: staff see the persons of their region subtree (row-level security); an insured-person account
 * sees itself only, as if no other person existed (404); employer accounts see no individual account (403).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, widenScope, scopePrefix, systemActor, type Actor, type Tx } from '../../../platform/actor.ts';
import { createOrFindJob, getJob, retryJob, runOrAttach, throwIfFailed, type JobContext, type JobDefinition, type JobSchedule, type JobView } from '../../../platform/jobs/index.ts';
import { can } from '../../../platform/access/permissions.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../../platform/errors.ts';
import { reserveIds } from '../../../platform/ids.ts';
import { formatDecimal, formatYuan, parseDecimal, type Decimal } from '../../../platform/money.ts';
import { getParameters, parameterVersion, todayInChina, type ParameterStore } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { checkPeriod, checkYear as checkInputYear } from '../../../platform/dates.ts';
import {
  creditMonth, interestThroughMonth, interestWeights, isInterestMethod, missedGrowth, missedInterest, yearEnd, type CreditedYear, type InterestMethod,
} from './interest.calc.ts';
import { accountsSaid, collectionSaid, subjects } from '../collection.messages.ts';
import {
  accountsOpenIn, backPaymentPeriods, balanceBefore, contributionLines, countBackPayments, countPersons, entriesOfYear, findInterestRun, findPerson, firstEntryYear,
  findPersonByIdNumber, insertBackInterestForYear, insertInterestForYear, insertInterestRun, interestRunsBefore, laterInterestRun, lockInterestRun,
  regionCodes, regionsOutside,
} from './accounts.repository.ts';

const CREDITING_RATE = 'pension.account.crediting_rate';
const INTEREST_METHOD = 'pension.account.interest_method';

/** amount: the year's interest; backInterest: the 补记利息 of back-payments into closed years credited with it. */
export interface InterestRunView { year: number; rate: string; method: string; persons: number; amount: string; backInterest: string; runBy: string; runAt: string }

export interface AccountCreditView { kind: string; period: string | null; amount: string; billNumber: string | null; employerName: string | null }

export interface AccountStatement {
  personId: string; idNumber: string; name: string; year: number;
  /** Last year-end's balance: every entry of the earlier years, their interest included. */
  opening: string;
  /** This year's entries other than interest: contributions, and transfers and opening balances dated in the year. */
  credits: AccountCreditView[];
  creditsTotal: string;
  /** "0.00" until the year's interest run; the rate is null until then. */
  interest: string;
  rate: string | null;
  closing: string;
}

export interface ContributionRecordItem {
  period: string; employerName: string; creditCode: string; billNumber: string; insurance: string; base: string;
  employeeAmount: string | null; employerAmount: string; paid: boolean;
}

/** A year as a number or as four digits (the command line), within the input range (src/platform/dates.ts). */
const checkYear = (input: unknown): number => checkInputYear(input, 'year');

const runView = (run: { year: number; rate: string; method: string; persons: number; amount: bigint; back_interest: bigint; run_by: string; run_at: Date }): InterestRunView => ({
  year: run.year, rate: formatDecimal(parseDecimal(run.rate)), method: run.method, persons: run.persons, amount: formatYuan(run.amount),
  backInterest: formatYuan(run.back_interest), runBy: run.run_by, runAt: run.run_at.toISOString(),
});

/**
 * Years are credited in order (an account's interest compounds on last year's): `year` needs the run of the year
 * before whenever an account was open in that year — the first year of the system needs none — and is refused once
 * a later year has run.
 */
async function checkRunOrder(tx: Tx, year: number): Promise<void> {
  const later = await laterInterestRun(tx, year);
  if (later) throw conflict('year', accountsSaid.laterYearRun({ year, later: later.year }));
  const previous = year - 1;
  if (!(await findInterestRun(tx, previous)) && await accountsOpenIn(tx, previous)) throw conflict('year', accountsSaid.previousYearNotRun({ year, previous }));
}

/** The interest runs as the years they credited: each with the rate and the method its run applied. */
function creditedYears(runs: { year: number; rate: string; method: string }[]): CreditedYear[] {
  return runs.map((run) => {
    if (!isInterestMethod(run.method)) throw new Error(`interest run ${run.year} has method ${run.method}, which has no calculation in interest.calc.ts`);
    return { year: run.year, rate: parseDecimal(run.rate), method: run.method };
  });
}

/**
 * 补记利息 with the run of `year`: each back-payment credited in the year for a month of a closed year gets the
 * interest it missed in the closed years, at each year's rate and by its method as its run applied them.
 */
async function creditBackInterest(tx: Tx, year: number) {
  const periods = await backPaymentPeriods(tx, year);
  if (!periods.length) return { persons: 0, amount: 0n };
  const closed = creditedYears(await interestRunsBefore(tx, year));
  const growth = periods.map((period) => ({ period, ...missedGrowth(period, closed) }));
  return insertBackInterestForYear(tx, year, growth, reserveIds(Math.max(await countBackPayments(tx, year), 1)));
}

/**
 * The crediting rate and method of `year`, the same in every region (an interest run has one of each). The rate
 * must be dated in the year itself: it is published after the year ends, and last year's rate does not carry over.
 */
function interestParameters(parameters: ParameterStore, year: number, regions: string[]): { rate: Decimal; method: InterestMethod } {
  const yearEndDate = `${year}-12-31`;
  const resolved = (regions.length ? regions : [null]).map((region) => {
    const rate = parameters.find(CREDITING_RATE, yearEndDate, region);
    if (!rate || !rate.since.startsWith(`${year}-`)) {
      throw invalid('year', rate?.region
        ? accountsSaid.noCreditingRateInRegion({ parameter: CREDITING_RATE, year, region: rate.region })
        : accountsSaid.noCreditingRate({ parameter: CREDITING_RATE, year }));
    }
    const method = parameters.text(INTEREST_METHOD, yearEndDate, region);
    if (!isInterestMethod(method)) throw new Error(`${INTEREST_METHOD} = ${method} has no calculation in interest.calc.ts`);
    return { region, rate: rate.value as string, method };
  });
  const distinct = new Set(resolved.map((r) => `${r.rate} ${r.method}`));
  if (distinct.size > 1) {
    const list = resolved.map((r) => `${r.region}: ${r.rate} ${r.method}`).join(', ');
    throw invalid('year', accountsSaid.ratesDiffer({ year, list }));
  }
  return { rate: parseDecimal(resolved[0].rate, CREDITING_RATE), method: resolved[0].method };
}

/** A year of the account after its last interest run, valued as its run would credit it (accountBalanceAt). */
export interface AccountYearValued {
  year: number;
  /** 12 for a whole year; the month of the date for the date's own year. */
  throughMonth: number;
  opening: bigint;
  /** contributions and transfers of the year (what earns interest in it) */
  credits: bigint;
  /** 建账余额 taken over in the year: its closing balance from the former system, no interest in the year */
  takenOver: bigint;
  /** 补记利息 of the year's back-payments into closed years (what the year's run adds for them) */
  backInterest: bigint;
  interest: bigint;
  closing: bigint;
  rate: { value: string; parameter: string; reference: string };
  /** the year's method; the date's own year is settled by the months elapsed (weightsThroughMonth) */
  method: InterestMethod | 'through_month';
}

export interface AccountBalanceAt {
  balance: bigint;
  /** The last year whose interest has run (the statement's closing of that year starts the count); null before any run. */
  statementThrough: number | null;
  statementBalance: bigint;
  years: AccountYearValued[];
}

/**
 * 个人账户储存额 on a date — the account part of a pension (国发〔2005〕38号 六: 个人账户储存额 ÷ 计发月数) is worked out
 * on the account as it stands when the pension starts, interest included: the statement through the last year whose
 * interest has run, then each later whole year as its run would credit it (its method; the crediting rate dated in it,
 * or while that is not yet published the last one published [check: 年中退休按上年度记账利率计息 is common practice]),
 * then the date's own year through its month (interestThroughMonth). A date in a year whose interest has run reads
 * the statement of that year. Back-payments into closed years get the interest they missed, as a run gives them.
 */
export async function accountBalanceAt(tx: Tx, person: { id: bigint; region_code: string }, date: string, store: ParameterStore = getParameters()): Promise<AccountBalanceAt> {
  const year = Number(date.slice(0, 4)), month = Number(date.slice(5, 7));
  const runs = await interestRunsBefore(tx, year + 1);
  const credited = runs.at(-1)?.year ?? null;
  // the last year the statement gives whole: the last credited, else the year before the account's first entry
  const statementYear = credited ?? ((await firstEntryYear(tx, person.id)) ?? year + 1) - 1;
  const statementBalance = await balanceBefore(tx, person.id, Math.min(statementYear, year) + 1);
  if (statementYear >= year) return { balance: statementBalance, statementThrough: credited, statementBalance, years: [] };
  const closed = creditedYears(runs);
  const years: AccountYearValued[] = [];
  let balance = statementBalance;
  for (let valued = statementYear + 1; valued <= year; valued++) {
    const yearEndDate = `${valued}-12-31`;
    const rate = store.find(CREDITING_RATE, yearEndDate, person.region_code);
    if (!rate) throw invalid('retirementDate', accountsSaid.noCreditingRate({ parameter: CREDITING_RATE, year: valued }));
    const entries = await entriesOfYear(tx, person.id, valued);
    const sumOf = (kinds: string[]) => entries.filter((entry) => kinds.includes(entry.kind)).reduce((sum, entry) => sum + BigInt(entry.amount), 0n);
    const earning = entries.filter((entry) => !['interest', 'back_interest', 'opening'].includes(entry.kind));
    const credits = earning.map((entry) => ({ month: creditMonth(valued, entry.period), amount: BigInt(entry.amount) }));
    const backPayments = new Map<string, bigint>();
    for (const entry of earning) {
      if (entry.kind === 'contribution' && entry.period !== null && entry.period < `${valued}-01`) backPayments.set(entry.period, (backPayments.get(entry.period) ?? 0n) + BigInt(entry.amount));
    }
    const backInterest = [...backPayments].reduce((sum, [period, amount]) => sum + missedInterest(amount, missedGrowth(period, closed)), 0n);
    const method = valued === year ? 'through_month' as const : store.text(INTEREST_METHOD, yearEndDate, person.region_code);
    if (method !== 'through_month' && !isInterestMethod(method)) throw new Error(`${INTEREST_METHOD} = ${method} has no calculation in interest.calc.ts`);
    const decimal = parseDecimal(String(rate.value), CREDITING_RATE);
    const account = { openingBalance: balance, credits };
    const result = method === 'through_month' ? interestThroughMonth(account, decimal, month) : yearEnd(account, decimal, method);
    // interest already on the account in the year (none before its run) stays as it is
    const takenOver = sumOf(['opening']), onAccount = sumOf(['interest', 'back_interest']);
    const closing = result.closingBalance + takenOver + backInterest + onAccount;
    years.push({
      year: valued, throughMonth: valued === year ? month : 12, opening: balance, credits: result.creditsTotal, takenOver, backInterest, interest: result.interest + onAccount, closing,
      rate: { value: formatDecimal(decimal), parameter: parameterVersion(rate), reference: rate.reference }, method,
    });
    balance = closing;
  }
  return { balance, statementThrough: credited, statementBalance, years };
}

interface InterestJobParameters { year: number }

/**
 * Credits the interest of `year` to every individual account (劳办发〔1997〕116号: once a year, at the year end, at
 * the crediting rate published for the year) in one set-based statement, and records the run. Idempotent: a year
 * already run returns its first result and writes nothing. It is the work of an `accounts.interest` job, done in
 * the job's finish (one statement in one transaction; resumed after a crash, it finds the run or makes it).
 */
async function creditInterest(database: DatabaseHandle, { parameters: { year }, actor }: JobContext<InterestJobParameters>): Promise<InterestRunView> {
  return inScope(database, actor, async (tx) => {
    // One run per year even when two are started together: the second waits here and then finds the first.
    await lockInterestRun(tx);
    const existing = await findInterestRun(tx, year);
    if (existing) return runView(existing);
    await checkRunOrder(tx, year);
    const { rate, method } = interestParameters(getParameters(), year, await regionCodes(tx));
    const ids = reserveIds(Math.max(await countPersons(tx), 1));
    const credited = await insertInterestForYear(tx, year, rate, interestWeights[method], ids);
    const back = await creditBackInterest(tx, year);
    const run = await insertInterestRun(tx, {
      year, rate: formatDecimal(rate), method, persons: credited.persons, amount: credited.amount, back_interest: back.amount, run_by: actor.username,
    });
    const view = runView(run);
    await recordAudit(tx, actor, { action: 'accounts.interest.run', entityType: 'interest_run', entityId: String(year), after: view });
    return view;
  });
}

export const interestJob: JobDefinition<InterestJobParameters> = {
  kind: 'accounts.interest', label: '个人账户年度计息', permission: 'accounts.interest.run',
  finish: creditInterest,
};

/**
 * Creates the interest job of `year` (or finds it; a failed one is queued again). The run is one per year for the
 * whole installation (interest_run is keyed by year), so it needs a scope covering every region: national, or the
 * only province; the job belongs to that scope (national: region null).
 */
export async function startInterest(database: DatabaseHandle, actor: Actor, input: number | string): Promise<JobView> {
  const year = checkYear(input);
  const today = todayInChina();
  if (year >= Number(today.slice(0, 4))) throw invalid('year', accountsSaid.yearNotEnded({ year, today }));
  const { job } = await inScope(database, actor, async (tx) => {
    const [outside] = await regionsOutside(tx, scopePrefix(actor.regionCode));
    if (outside) throw forbidden(accountsSaid.regionOutsideScope({ region: outside.code, scope: actor.regionCode ?? '' }));
    // The order and the rate are checked before the job is made: the caller's 4xx, not a failed job.
    if (!(await findInterestRun(tx, year))) await checkRunOrder(tx, year);
    interestParameters(getParameters(), year, await regionCodes(tx));
    return createOrFindJob(tx, actor, interestJob, { key: String(year), regionCode: actor.regionCode, parameters: { year }, chunks: [] });
  });
  if (job.status === 'failed') return retryJob(database, actor, job.id);
  return getJob(database, actor, job.id);
}

/** Credits `year`'s interest here and now (the CLI), or follows the process working it; returns the run. */
export async function runInterest(database: DatabaseHandle, actor: Actor, input: number | string): Promise<InterestRunView> {
  const started = await startInterest(database, actor, input);
  const job = throwIfFailed(await runOrAttach(database, actor, BigInt(started.id)));
  return job.result as InterestRunView;
}

/**
 * The year-end interest on a schedule: from the month `pension.account.interest_run_month` of the next year on, a
 * past year whose crediting rate is published (dated in the year itself) and that has no run yet gets its job.
 */
export const interestSchedule: JobSchedule = {
  name: 'accounts.year-end-interest',
  async createDueJobs(database, now) {
    const today = todayInChina(now);
    const year = Number(today.slice(0, 4)) - 1;
    if (Number(today.slice(5, 7)) < getParameters().integer('pension.account.interest_run_month', today)) return [];
    const rate = getParameters().find(CREDITING_RATE, `${year}-12-31`);
    if (!rate || !rate.since.startsWith(`${year}-`)) return [];
    const actor = systemActor('accounts-interest', ['accounts.read', 'accounts.interest.run']);
    if (await inScope(database, actor, (tx) => findInterestRun(tx, year))) return [];
    let job: JobView;
    try {
      job = await startInterest(database, actor, year);
    } catch (error) {
      // an earlier year not yet run (or a later one already run) waits for staff: the run answers why
      if (error instanceof AppError && error.status === 409) return [];
      throw error;
    }
    return job.status === 'queued' || job.status === 'running' ? [BigInt(job.id)] : [];
  },
};

/** The person an actor may see an account of: staff any in scope, an insured-person account itself only. */
export async function visiblePerson(tx: Tx, actor: Actor, personId: bigint) {
  if (!can(actor, 'accounts.read') && !can(actor, 'portal.person')) throw forbidden(accountsSaid.staffAndPersonOnly());
  const person = actor.role === 'person' && actor.personId !== personId ? undefined : await findPerson(tx, personId);
  if (!person) throw notFound(subjects.person({ personId }));
  return person;
}

/**
 * The transaction actor for reading one person's record: an insured person's own record spans every employer
 * they worked for, in any county, so it is read without a region scope — every query below is bound to that one
 * person. Staff read within their scope.
 */
export function recordReader(actor: Actor, personId: bigint): Actor {
  return actor.role === 'person' && actor.personId === personId ? widenScope(actor, null, '本人记录 an insured person reads their own record across regions') : actor;
}

/** The person of an insured-person account (/api/me/…). */
export function ownPersonId(actor: Actor): bigint {
  if (actor.role !== 'person' || !actor.personId) throw forbidden(accountsSaid.personAccountOnly());
  return actor.personId;
}

/** The id of the person with this resident ID number (身份证号), in the actor's scope. */
export async function personIdByIdNumber(database: DatabaseHandle, actor: Actor, idNumber: string): Promise<bigint> {
  return inScope(database, actor, async (tx) => {
    const person = await findPersonByIdNumber(tx, idNumber.trim().toUpperCase());
    if (!person) throw notFound(subjects.personByIdNumber({ idNumber }));
    return (await visiblePerson(tx, actor, person.id)).id;
  });
}

/**
 * 个人账户对账单: a person's account for one year; closing = opening + credits + interest. The credits include the
 * year's 补记利息 lines (kind back_interest), each beside the period of the back-payment it belongs to. A year whose
 * interest has run never changes: later entries are dated in the first open year (migrations/0026).
 */
export async function accountStatement(database: DatabaseHandle, actor: Actor, personId: bigint, input: number | string): Promise<AccountStatement> {
  const year = checkYear(input);
  return inScope(database, recordReader(actor, personId), async (tx) => {
    const person = await visiblePerson(tx, actor, personId);
    const opening = await balanceBefore(tx, personId, year);
    const entries = await entriesOfYear(tx, personId, year);
    const run = await findInterestRun(tx, year);
    const credits = entries.filter((entry) => entry.kind !== 'interest');
    const creditsTotal = credits.reduce((sum, entry) => sum + entry.amount, 0n);
    const interest = entries.filter((entry) => entry.kind === 'interest').reduce((sum, entry) => sum + entry.amount, 0n);
    return {
      personId: String(person.id), idNumber: person.id_number, name: person.name, year,
      opening: formatYuan(opening),
      credits: credits.map((entry) => ({
        kind: entry.kind, period: entry.period, amount: formatYuan(entry.amount), billNumber: entry.bill_number, employerName: entry.employer_name,
      })),
      creditsTotal: formatYuan(creditsTotal),
      interest: formatYuan(interest),
      rate: run ? formatDecimal(parseDecimal(run.rate)) : null,
      closing: formatYuan(opening + creditsTotal + interest),
    };
  });
}

/** 个人缴费记录: a person's bill lines, by period (YYYY-MM, both ends included), with whether each is paid. */
export async function contributionRecord(database: DatabaseHandle, actor: Actor, personId: bigint, range: { from?: string; to?: string } = {}): Promise<{ items: ContributionRecordItem[] }> {
  for (const field of ['from', 'to'] as const) if (range[field] !== undefined) checkPeriod(range[field], field);
  if (range.from && range.to && range.from > range.to) throw invalid('to', collectionSaid.notBeforeFrom({ from: range.from }));
  return inScope(database, recordReader(actor, personId), async (tx) => {
    await visiblePerson(tx, actor, personId);
    const lines = await contributionLines(tx, personId, range);
    return {
      items: lines.map((line) => ({
        period: line.period, employerName: line.employer_name, creditCode: line.credit_code, billNumber: line.bill_number, insurance: line.insurance,
        base: formatYuan(line.base), employeeAmount: line.employee_amount === null ? null : formatYuan(line.employee_amount),
        employerAmount: formatYuan(line.employer_amount), paid: line.paid,
      })),
    };
  });
}
