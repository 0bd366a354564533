/**
 * The person's pension record (养老保险参保缴费记录) as the quote and the award read it: the months of enterprise pension
 * paid in sifund and their average index (record.calc.ts), and the individual account's balance as its statement shows
 * it in the retirement month (interest credited through the last run, the later years valued as their run would credit
 * them), each with its source. The collection module keeps the facts; this reads them through its index in the caller's transaction.
 * The enterprise pension is pooled at the province: a person's months count wherever in it they were paid, so the
 * record is read in the province's scope (recordReader), while the person must be in the operator's own.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inActorScope, inScope, widenToPooledFunds, type Actor, type Tx } from '../../../platform/actor.ts';
import { AppError, invalidFields, type Said } from '../../../platform/errors.ts';
import { formatYuan } from '../../../platform/money.ts';
import { getParameters, isRealDate, type ParameterStore } from '../../../platform/params/index.ts';
import { accountBalanceAt, enterprisePensionMonths } from '../../collection/index.ts';
import { inputRules } from '../benefits.messages.ts';
import { QuoteInputReader } from '../quote-input.ts';
import { cite, type TraceStep } from '../trace.ts';
import { personByIdNumber, type AwardPerson } from '../awards/awards.repository.ts';
import { contributionRecordFigures, formatIndex, quoteHistory, type OutsideRecord, type PensionContributionRecord } from './record.calc.ts';
import { recordSaid, type RecordStepName } from './record.messages.ts';

export interface PensionRecord extends PensionContributionRecord { accountBalance: bigint }

const RECORD_ACROSS_POOLS = '养老保险缴费年限在省级统筹范围内累计计算 (a pension record counts the months paid anywhere in the province-pooled fund)';

/** The actor whose transaction reads a person's pension record: widened to the province (the pooled fund's scope). */
export const recordReader = (actor: Actor): Actor => widenToPooledFunds(actor, RECORD_ACROSS_POOLS);

/**
 * The record of a person retiring on `retirementDate`: the months up to the retirement month, and the account's
 * balance in that month — interest credited through the last run, the years after it valued as their run would
 * credit them, the retirement year through its month (collection's accountBalanceAt) — each year a step of the trace.
 */
export async function readPensionRecord(tx: Tx, person: { id: bigint; region_code: string }, retirementDate: string, store: ParameterStore = getParameters()): Promise<PensionRecord> {
  const lastPeriod = retirementDate.slice(0, 7);
  const lines = await enterprisePensionMonths(tx, person.id, lastPeriod);
  const figures = contributionRecordFigures(
    lines.map((line) => ({ period: line.period, creditCode: line.credit_code, regionCode: line.region_code, base: BigInt(line.base), paid: line.paid })),
    lastPeriod, (period, regionCode) => cite<bigint>(store.lookup('contribution.base.average_wage', `${period}-01`, regionCode)),
    cite<number>(store.lookup('pension.average_index_scale', retirementDate, person.region_code)));
  const account = await accountBalanceAt(tx, person, retirementDate, store);
  const statement = `个人账户对账单${account.statementThrough === null ? '' : ` ${account.statementThrough} 年末`} ${formatYuan(account.statementBalance)}`;
  const yearSteps: TraceStep<RecordStepName>[] = account.years.map((year) => ({
    step: 'accountInterest', name: String(year.year), value: formatYuan(year.interest),
    formula: `(${formatYuan(year.opening)} 年初 + ${formatYuan(year.credits)} 记账额) × ${year.rate.value}, ${year.method === 'through_month' ? `计至 ${year.throughMonth} 月（月积数）` : year.method}`
      + `${year.takenOver ? ` + 建账余额 ${formatYuan(year.takenOver)}` : ''}${year.backInterest ? ` + 补记利息 ${formatYuan(year.backInterest)}` : ''} → ${formatYuan(year.closing)}`,
    reference: `${year.rate.reference}; 劳办发〔1997〕116号${year.method === 'through_month' ? ' (退休当年按月计息 [check])' : ''}`, parameter: year.rate.parameter,
  }));
  const balanceStep: TraceStep<RecordStepName> = {
    step: 'accountBalance', value: formatYuan(account.balance),
    formula: account.years.length ? `${statement} + ${account.years.map((year) => `${year.year} 年利息 ${formatYuan(year.interest)}`).join(' + ')} + 其后记账额` : statement,
    reference: `国发〔2005〕38号 六 (个人账户储存额 at retirement); interest credited through ${account.statementThrough ?? '—'}${account.years.length ? `, valued for ${account.years.map((year) => year.year).join(', ')}` : ''}`,
  };
  return { ...figures, accountBalance: account.balance, trace: [...figures.trace, ...yearSteps, balanceStep] };
}

const outsideFields = ['outsideMonths', 'outsideAverageIndex', 'outsideNote', 'openingAccountBalance'] as const;
export type OutsideField = typeof outsideFields[number];

/** What the operator adds from outside sifund, read from the fields of `raw` (the others are left to the caller). */
export function readOutsideRecord(raw: Record<string, unknown>, options: { noteNeeded: boolean }): OutsideRecord & { note: string | null } {
  const read = new QuoteInputReader(Object.fromEntries(outsideFields.filter((field) => raw[field] !== undefined).map((field) => [field, raw[field]])), outsideFields);
  const months = read.months('outsideMonths', false);
  const indexSent = raw.outsideAverageIndex !== undefined && raw.outsideAverageIndex !== null && raw.outsideAverageIndex !== '';
  if (months > 0 && !indexSent) read.problem('outsideAverageIndex', recordSaid.outsideIndexNeeded());
  const averageIndex = months > 0 && indexSent ? read.decimal('outsideAverageIndex') : null;
  const note = typeof raw.outsideNote === 'string' ? raw.outsideNote.trim() : '';
  if (options.noteNeeded && months > 0 && (note.length < 2 || note.length > 200)) read.problem('outsideNote', recordSaid.outsideNoteNeeded());
  const accountBalance = read.yuan('openingAccountBalance', false) ?? 0n;
  read.done();
  return { months, averageIndex, accountBalance, note: note || null };
}

/** The person of an ID number in the actor's scope; a 404 naming `idNumber` otherwise (out of scope is unknown here). */
export async function personInScope(tx: Tx, actor: Actor, idNumber: string): Promise<AwardPerson> {
  const person = await personByIdNumber(tx, idNumber);
  if (!person || !inActorScope(actor, person.region_code)) throw new AppError(404, 'not_found', recordSaid.personUnknown({ idNumber }), 'idNumber');
  return person;
}

export interface PensionRecordQuery {
  idNumber?: string; retirementDate?: string; outsideMonths?: number; outsideAverageIndex?: string; openingAccountBalance?: string;
}

/** The record as GET /api/pension/record and `sifund pension record` answer it, with the quote's history once the outside part is added. */
export async function pensionRecordView(database: DatabaseHandle, actor: Actor, query: PensionRecordQuery) {
  const idNumber = (query.idNumber ?? '').trim().toUpperCase(), retirementDate = query.retirementDate ?? '';
  const problems: { field: string; message: Said }[] = [];
  if (!/^[0-9]{17}[0-9X]$/.test(idNumber)) problems.push({ field: 'idNumber', message: recordSaid.idNumberShape({ text: idNumber }) });
  if (!isRealDate(retirementDate)) problems.push({ field: 'retirementDate', message: inputRules.dateGot({ text: retirementDate }) });
  if (problems.length) throw invalidFields(problems);
  const outside = readOutsideRecord({ ...query }, { noteNeeded: false });
  return inScope(database, recordReader(actor), async (tx) => {
    const person = await personInScope(tx, actor, idNumber);
    const record = await readPensionRecord(tx, person, retirementDate);
    const history = quoteHistory(record, record.accountBalance, outside);
    return {
      idNumber: person.id_number, name: person.name, birthDate: person.birth_date, gender: person.gender === 'M' ? 'male' as const : 'female' as const, regionCode: person.region_code, retirementDate,
      months: record.months,
      averageIndex: record.averageIndex === null ? null : formatIndex(record.averageIndex),
      accountBalance: formatYuan(record.accountBalance),
      years: record.years.map((year) => ({
        year: year.year, months: year.months, baseTotal: formatYuan(year.baseTotal), averageIndex: formatIndex(year.averageIndex),
        averageWages: year.averageWages.map((wage) => ({ value: formatYuan(wage.value), parameter: wage.parameter, months: wage.months })),
      })),
      periods: record.periods.map((month) => ({ period: month.period, base: formatYuan(month.base), averageWage: formatYuan(month.averageWage.value), parameter: month.averageWage.parameter, employers: month.employers })),
      quoteHistory: { contributionMonths: history.contributionMonths, averageIndex: formatIndex(history.averageIndex), accountBalance: formatYuan(history.accountBalance) },
      trace: record.trace,
    };
  });
}
export type PensionRecordView = Awaited<ReturnType<typeof pensionRecordView>>;
