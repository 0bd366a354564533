/**
 * 养老金待遇核定 (pension award): an operator submits the award of a person (经办); the server quotes it again with
 * quotePension from the person's record (birth date, gender, region) and the submitted history (contribution and
 * deemed months, index, account balance) — or the pension record read again (../pension/record.service.ts) plus what
 * the operator added from outside sifund — re-checked field by field, and keeps the quote with its trace; a reviewer and an
 * approver sign it (复核, 审批: three-level sign-off, kind `pension.award`, levels from params/signoff/pension_award;
 * 社会保险经办条例 (2023): pension award within 20 working days). The final approval writes the award: the person joins
 * the monthly payroll from the month after retirement (退休次月起发放), paid from the fund of their scheme — 机关事业单位
 * 基本养老保险基金 when their last employer is a public body (国发〔2015〕2号), else 企业职工基本养老保险基金.
 * An award's amounts never change (the database refuses it); an adjustment is a dated amount change (../adjustment).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inActorScope, inScope, widenToPooledFunds, type Actor, type Tx } from '../../../platform/actor.ts';
import { AppError, conflict, invalid, invalidFields, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { formatDecimal, formatYuan, parseYuan } from '../../../platform/money.ts';
import { getParameters } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { registerSignoffKind, submitForApproval } from '../../../platform/signoff/index.ts';
import { keysetPage, listPage, type ListAnswer, type ListRequest, type SortKey } from '../../../platform/http/lists.ts';
import { listMaskingFor, maskPersonalData } from '../../../platform/personal-data.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { addMonths, isDate } from '../../ledger/index.ts';
import { publicPensionEmployerTypes } from '../../collection/index.ts';
import { awardSaid } from '../payroll/payroll.messages.ts';
import { quotePension, type PensionQuote } from '../pension/quote.calc.ts';
import { pensionQuoteParameters, readPensionQuoteInput } from '../pension/quote.service.ts';
import { formatIndex, quoteHistory } from '../pension/record.calc.ts';
import { recordSaid } from '../pension/record.messages.ts';
import { readOutsideRecord, readPensionRecord, recordReader } from '../pension/record.service.ts';
import { awardQuoteSaid } from './awards.messages.ts';
import * as repository from './awards.repository.ts';
import type { AwardStatus, PensionScheme } from './awards.tables.ts';

/** Awards are asked for at a county and paid from the province's pooled fund: the step reaches the province's funds. */
export const AWARDS_ACROSS_POOLS = '养老金待遇由省级统筹基金支付 (pension awards are paid from the province-pooled fund)';

/**
 * The request: the person, the retirement date, the bank account, and the quote's input (contribution and deemed
 * months, average index, account balance, optionally the average wage and the category — or, filled from the person's
 * record, the record's figures and the outside part: see historyOfRecord); `quote` is what the operator saw, checked
 * against the server's quote when sent.
 */
export interface AwardRequest { idNumber: string; retirementDate: string; bankAccount: string; input: unknown; quote?: { total?: string } }

/** The quote as the server worked it out and the award keeps it: its input, figures and trace. */
export type ServerQuote = Omit<PensionQuote, 'reasons'> & { input: Record<string, unknown> };

interface AwardPayload {
  personId: string; idNumber: string; name: string; retirementDate: string; bankAccount: string;
  basicPension: string; accountPension: string; transitionalPension: string; total: string;
  /** N in months (contribution + deemed); absent on items submitted before it was kept. */
  contributionMonths?: number;
  quote: ServerQuote;
}

export const pensionAwardSignoff = registerSignoffKind<AwardPayload>({
  kind: 'pension.award',
  label: '养老金待遇核定',
  parameters: 'signoff.pension_award',
  requestPermission: 'pension.award.request',
  levels: [
    { name: 'review', label: '复核', permission: 'pension.award.review' },
    { name: 'approve', label: '审批', permission: 'pension.award.approve' },
  ],
  decisionActor: (approver) => widenToPooledFunds(approver, AWARDS_ACROSS_POOLS),
  effect: async (tx, approver, item) => ({ ...(await grantAward(tx, approver, item.id, item.payload)) }),
  subjectLink: (payload) => `/benefits/pension/awards?idNumber=${payload.idNumber}`,
});

/** 正常发放 / 暂停发放 / 终止发放 */
export const statusSaid = (status: AwardStatus) =>
  status === 'active' ? awardSaid.statusActive() : status === 'suspended' ? awardSaid.statusSuspended() : awardSaid.statusStopped();

const genderOfRecord = (gender: 'M' | 'F') => (gender === 'M' ? 'male' : 'female');

/**
 * The quote's input with the person's record in it: birth date, gender and region from the registry, the retirement
 * date from the request; an input that says otherwise is refused naming the field (the quote would be someone else's).
 */
function inputOfRecord(person: repository.AwardPerson, retirementDate: string, raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid('input', fieldRules.required());
  const sent = raw as Record<string, unknown>;
  const record = { birthDate: person.birth_date, gender: genderOfRecord(person.gender), region: person.region_code };
  const problems = (Object.keys(record) as (keyof typeof record)[])
    .filter((field) => sent[field] !== undefined && sent[field] !== null && sent[field] !== record[field])
    .map((field) => ({ field: `input.${field}`, message: awardQuoteSaid.differsFromRecord({ sent: String(sent[field]), record: record[field] }) }));
  if (sent.retirementDate !== undefined && sent.retirementDate !== retirementDate) {
    problems.push({ field: 'input.retirementDate', message: awardQuoteSaid.differsFromRequest({ sent: String(sent.retirementDate), requested: retirementDate }) });
  }
  if (problems.length) throw invalidFields(problems);
  return { ...sent, ...record, retirementDate };
}

/** The record's figures the operator saw and sends back with a history filled from the record (the page's 从参保记录带出). */
const recordFields = ['recordMonths', 'recordAverageIndex', 'recordAccountBalance'] as const;
const outsideFields = ['outsideMonths', 'outsideAverageIndex', 'outsideNote', 'openingAccountBalance'] as const;
const totalFields = ['contributionMonths', 'averageIndex', 'accountBalance'] as const;

/**
 * The quote's history: the totals as sent (callers that bring their own), or — when the input carries the record's
 * figures (recordMonths …) or an outside part (outsideMonths …) — the server's own reading of the person's record
 * plus what the operator added, kept apart in the award's input (`parts`). A record figure that is not the server's
 * reading is refused (409: the record changed since the page read it), and so is a total sent beside the parts that
 * is not their sum (422).
 */
async function historyOfRecord(tx: Tx, person: repository.AwardPerson, retirementDate: string, raw: Record<string, unknown>) {
  const fromRecord = [...recordFields, ...outsideFields].some((field) => raw[field] !== undefined);
  const quoteFields = Object.fromEntries(Object.entries(raw).filter(([field]) => !(recordFields as readonly string[]).includes(field) && !(outsideFields as readonly string[]).includes(field)));
  if (!fromRecord) return { history: quoteFields, parts: {} };
  const outside = readOutsideRecord(raw, { noteNeeded: true });
  const record = await readPensionRecord(tx, person, retirementDate);
  const reading: Record<typeof recordFields[number], string | number | null> = {
    recordMonths: record.months, recordAverageIndex: record.averageIndex && formatIndex(record.averageIndex), recordAccountBalance: formatYuan(record.accountBalance),
  };
  const changed = recordFields.find((field) => (raw[field] ?? null) !== reading[field]);
  if (changed) throw conflict(`input.${changed}`, recordSaid.recordChanged({ sent: String(raw[changed] ?? '—'), record: String(reading[changed] ?? '—') }));
  const history = quoteHistory(record, record.accountBalance, outside);
  const totals: Record<typeof totalFields[number], string | number> = {
    contributionMonths: history.contributionMonths, averageIndex: formatIndex(history.averageIndex), accountBalance: formatYuan(history.accountBalance),
  };
  const differing = totalFields.filter((field) => raw[field] !== undefined && raw[field] !== totals[field]);
  if (differing.length) {
    throw new AppError(422, 'invalid', recordSaid.totalDiffers({ sent: String(raw[differing[0]]), computed: String(totals[differing[0]]) }), `input.${differing[0]}`);
  }
  return {
    history: { ...quoteFields, ...totals },
    parts: {
      ...reading, outsideMonths: outside.months, outsideAverageIndex: outside.averageIndex && formatDecimal(outside.averageIndex), outsideNote: outside.note,
      openingAccountBalance: formatYuan(outside.accountBalance),
    },
  };
}

/**
 * The server's quote (quotePension) of the person retiring on the date: the history from the record or as sent, the
 * input re-checked field by field, the parameters in force looked up; refused when not eligible, or when the quote the
 * operator saw has another total.
 */
export async function serverQuote(tx: Tx, person: repository.AwardPerson, input: AwardRequest): Promise<ServerQuote> {
  const { history, parts } = await historyOfRecord(tx, person, input.retirementDate, inputOfRecord(person, input.retirementDate, input.input));
  const quoteInput = readPensionQuoteInput(history);
  const quote = quotePension(quoteInput, pensionQuoteParameters(getParameters(), quoteInput));
  if (!quote.eligible) throw invalidFields(quote.reasons.map((reason) => ({ field: 'input', message: reason })));
  const sentTotal = input.quote?.total;
  if (sentTotal !== undefined && sentTotal !== quote.total) throw conflict('quote.total', awardQuoteSaid.totalDiffers({ sent: sentTotal, computed: quote.total }));
  const { reasons: _none, ...figures } = quote;
  return { ...figures, input: { ...history, ...parts } };
}

/** N in months of a quote's input (contribution + deemed). */
const contributionMonthsOf = (quote: ServerQuote) => Number(quote.input.contributionMonths ?? 0) + Number(quote.input.deemedMonths ?? 0);

/** Submits the award of a person's pension on the server's quote: the item waits for 复核 and 审批. */
export async function requestAward(database: DatabaseHandle, actor: Actor, input: AwardRequest) {
  const problems: { field: string; message: ReturnType<typeof fieldRules.required> }[] = [];
  if (!/^[0-9]{8,40}$/.test(input.bankAccount?.trim() ?? '')) problems.push({ field: 'bankAccount', message: awardSaid.bankAccountShape() });
  if (!isDate(input.retirementDate)) problems.push({ field: 'retirementDate', message: fieldRules.required() });
  if (problems.length) throw invalidFields(problems);
  const idNumber = input.idNumber?.trim().toUpperCase() ?? '';
  // read in the province's scope (the record counts months paid anywhere in the pooled fund, and one live award per
  // person there); the person must be in the operator's own
  return inScope(database, recordReader(actor), async (tx) => {
    const person = await repository.personByIdNumber(tx, idNumber);
    if (!person || !inActorScope(actor, person.region_code)) throw notFound(awardSaid.personUnknown({ idNumber }));
    await refuseSecondAward(tx, person);
    const quote = await serverQuote(tx, person, input);
    const payload: AwardPayload = {
      personId: person.id.toString(), idNumber: person.id_number, name: person.name, retirementDate: input.retirementDate, bankAccount: input.bankAccount.trim(),
      basicPension: quote.basicPension, accountPension: quote.accountPension, transitionalPension: quote.transitionalPension, total: quote.total,
      contributionMonths: contributionMonthsOf(quote), quote,
    };
    return submitForApproval(tx, actor, pensionAwardSignoff, {
      regionCode: person.region_code, title: `养老金待遇核定 ${person.name} 月养老金 ${quote.total} 元`,
      subjectKey: `pension.award:${person.id}`, amount: parseYuan(quote.total), payload, comment: null,
    });
  });
}

async function refuseSecondAward(tx: Tx, person: repository.AwardPerson) {
  const live = await repository.liveAwardOf(tx, person.id);
  if (live) throw conflict('idNumber', awardSaid.liveAwardExists({ idNumber: person.id_number, status: statusSaid(live.status), awardedOn: live.awarded_on }));
}

/** The scheme and the fund a person's pension is paid from. */
export async function fundOfPerson(tx: Tx, person: { id: bigint; region_code: string }): Promise<{ scheme: PensionScheme; fundCode: string }> {
  const employerType = await repository.lastEmployerType(tx, person.id);
  const scheme: PensionScheme = (publicPensionEmployerTypes as readonly string[]).includes(employerType ?? '') ? 'public' : 'enterprise';
  const fund = await repository.fundPooling(tx, scheme === 'public' ? 'public_pension' : 'pension', person.region_code);
  if (!fund) throw conflict('idNumber', awardSaid.noFund({ region: person.region_code, scheme: scheme === 'public' ? awardSaid.schemePublic() : awardSaid.schemeEnterprise() }));
  return { scheme, fundCode: fund.code };
}

/** The final approval's effect: the award, active from the month after retirement. */
async function grantAward(tx: Tx, approver: Actor, itemId: bigint, payload: AwardPayload) {
  const person = { id: BigInt(payload.personId), id_number: payload.idNumber, name: payload.name } as repository.AwardPerson;
  const found = await repository.personByIdNumber(tx, payload.idNumber);
  if (!found) throw notFound(awardSaid.personUnknown({ idNumber: payload.idNumber }));
  await refuseSecondAward(tx, found);
  const { scheme, fundCode } = await fundOfPerson(tx, found);
  const id = newId();
  const firstPeriod = addMonths(payload.retirementDate.slice(0, 7), 1);
  await repository.insertAward(tx, {
    person_id: person.id, id, region_code: found.region_code, fund_code: fundCode, scheme, awarded_on: payload.retirementDate, first_period: firstPeriod,
    basic_pension: parseYuan(payload.basicPension), account_pension: parseYuan(payload.accountPension), transitional_pension: parseYuan(payload.transitionalPension),
    monthly_amount: parseYuan(payload.total), bank_account: payload.bankAccount, quote: JSON.stringify(payload.quote), approval_item_id: itemId, awarded_by: approver.username,
    contribution_months: payload.contributionMonths ?? null,
  });
  const result = { awardId: id.toString(), idNumber: payload.idNumber, fund: fundCode, firstPeriod, monthlyAmount: payload.total };
  await recordAudit(tx, approver, { action: 'pension.award', entityType: 'pension_award', entityId: id, regionCode: found.region_code, after: { ...result, approvalItem: itemId.toString() } });
  return result;
}

export interface AwardView {
  id: string; personId: string; idNumber: string; name: string; regionCode: string; fund: string; scheme: PensionScheme; awardedOn: string; firstPeriod: string;
  monthlyAmount: string; basicPension: string; accountPension: string; transitionalPension: string; status: AwardStatus; statusReason: string | null;
}

const byPerson: SortKey[] = [{ by: 'a.person_id', direction: 'asc' }, { by: 'a.id', direction: 'asc' }];

/** The rows of the awards query as the actor may see them (ID numbers masked for staff without personal.full.read). */
export const awardViews = (actor: Actor) => {
  const masking = listMaskingFor(actor);
  return (rows: Awaited<ReturnType<ReturnType<typeof repository.awardsQuery>['execute']>>): AwardView[] => rows.map((row) => maskPersonalData({
    id: row.id.toString(), personId: row.person_id.toString(), idNumber: row.id_number, name: row.name, regionCode: row.region_code, fund: row.fund_code, scheme: row.scheme,
    awardedOn: row.awarded_on, firstPeriod: row.first_period, monthlyAmount: formatYuan(row.monthly_amount), basicPension: formatYuan(row.basic_pension),
    accountPension: formatYuan(row.account_pension), transitionalPension: formatYuan(row.transitional_pension), status: row.status, statusReason: row.status_reason,
  }, masking));
};

/** The awards in the actor's scope, a page with its count. */
export async function listAwards(database: DatabaseHandle, actor: Actor, filter: repository.AwardFilter, request: ListRequest): Promise<ListAnswer<AwardView>> {
  return inScope(database, actor, (tx) => listPage(tx, repository.awardsQuery(tx, filter), byPerson, request, awardViews(actor)));
}

/** The awards past the cursor, uncounted: the pages of the list's export (a transaction a page). */
export async function awardRows(database: DatabaseHandle, actor: Actor, filter: repository.AwardFilter, request: ListRequest) {
  return inScope(database, actor, async (tx) => {
    const page = await keysetPage(repository.awardsQuery(tx, filter), byPerson, request);
    return { items: awardViews(actor)(page.items), nextCursor: page.nextCursor };
  });
}
