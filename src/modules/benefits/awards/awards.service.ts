/**
 * 养老金待遇核定 (pension award): an operator submits the award from a person's pension quote (经办); a reviewer and an
 * approver sign it (复核, 审批: three-level sign-off, kind `pension.award`, levels from params/signoff/pension_award;
 * 社会保险经办条例 (2023): pension award within 20 working days). The final approval writes the award: the person joins
 * the monthly payroll from the month after retirement (退休次月起发放), paid from the fund of their scheme — 机关事业单位
 * 基本养老保险基金 when their last employer is a public body (国发〔2015〕2号), else 企业职工基本养老保险基金.
 * An award's amounts never change (the database refuses it); an adjustment is a new award.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inActorScope, inScope, widenToPooledFunds, type Actor, type Tx } from '../../../platform/actor.ts';
import { conflict, invalid, invalidFields, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { registerSignoffKind, submitForApproval } from '../../../platform/signoff/index.ts';
import { listPage, type ListAnswer, type ListRequest, type SortKey } from '../../../platform/http/lists.ts';
import { listMaskingFor, maskPersonalData } from '../../../platform/personal-data.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { addMonths, isDate } from '../../ledger/index.ts';
import { publicPensionEmployerTypes } from '../../collection/index.ts';
import { awardSaid } from '../payroll/payroll.messages.ts';
import * as repository from './awards.repository.ts';
import type { AwardStatus, PensionScheme } from './awards.tables.ts';

/** Awards are asked for at a county and paid from the province's pooled fund: the step reaches the province's funds. */
export const AWARDS_ACROSS_POOLS = '养老金待遇由省级统筹基金支付 (pension awards are paid from the province-pooled fund)';

/** The quote as `sifund pension quote` and POST /api/pension/quote give it (money as yuan strings). */
export interface QuoteFigures {
  eligible: boolean; reasons?: string[]; basicPension: string; accountPension: string; transitionalPension?: string | null; total: string;
  trace?: unknown; [more: string]: unknown;
}

export interface AwardRequest { idNumber: string; retirementDate: string; bankAccount: string; quote: QuoteFigures }

interface AwardPayload {
  personId: string; idNumber: string; name: string; retirementDate: string; bankAccount: string;
  basicPension: string; accountPension: string; transitionalPension: string; total: string; quote: QuoteFigures;
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

const statusSaid = (status: AwardStatus) =>
  status === 'active' ? awardSaid.statusActive() : status === 'suspended' ? awardSaid.statusSuspended() : awardSaid.statusStopped();

/** Checks the quote's figures: eligible, parts in yuan adding up to the total, above zero. */
function checkedFigures(input: AwardRequest) {
  const problems: { field: string; message: ReturnType<typeof fieldRules.required> }[] = [];
  if (!/^[0-9]{8,40}$/.test(input.bankAccount?.trim() ?? '')) problems.push({ field: 'bankAccount', message: awardSaid.bankAccountShape() });
  if (!isDate(input.retirementDate)) problems.push({ field: 'retirementDate', message: fieldRules.required() });
  const quote = input.quote;
  if (!quote || typeof quote !== 'object') throw invalidFields([...problems, { field: 'quote', message: fieldRules.required() }]);
  if (quote.eligible !== true) problems.push({ field: 'quote.eligible', message: awardSaid.notEligible({ reasons: (quote.reasons ?? []).join('；') || '—' }) });
  if (problems.length) throw invalidFields(problems);
  const basic = parseYuan(quote.basicPension, 'quote.basicPension');
  const account = parseYuan(quote.accountPension, 'quote.accountPension');
  const transitional = parseYuan(quote.transitionalPension ?? '0', 'quote.transitionalPension');
  const total = parseYuan(quote.total, 'quote.total');
  if ([basic, account, transitional].some((part) => part < 0n) || total <= 0n) throw invalid('quote.total', awardSaid.totalAboveZero());
  if (basic + account + transitional !== total) {
    throw invalid('quote.total', awardSaid.partsDoNotAdd({ basic: formatYuan(basic), account: formatYuan(account), transitional: formatYuan(transitional), total: formatYuan(total) }));
  }
  return { basic, account, transitional, total };
}

/** Submits the award of a person's pension from their quote: the item waits for 复核 and 审批. */
export async function requestAward(database: DatabaseHandle, actor: Actor, input: AwardRequest) {
  const figures = checkedFigures(input);
  const idNumber = input.idNumber?.trim().toUpperCase() ?? '';
  return inScope(database, actor, async (tx) => {
    const person = await repository.personByIdNumber(tx, idNumber);
    if (!person || !inActorScope(actor, person.region_code)) throw notFound(awardSaid.personUnknown({ idNumber }));
    await refuseSecondAward(tx, person);
    const payload: AwardPayload = {
      personId: person.id.toString(), idNumber: person.id_number, name: person.name, retirementDate: input.retirementDate, bankAccount: input.bankAccount.trim(),
      basicPension: formatYuan(figures.basic), accountPension: formatYuan(figures.account), transitionalPension: formatYuan(figures.transitional),
      total: formatYuan(figures.total), quote: input.quote,
    };
    return submitForApproval(tx, actor, pensionAwardSignoff, {
      regionCode: person.region_code, title: `养老金待遇核定 ${person.name} 月养老金 ${formatYuan(figures.total)} 元`,
      subjectKey: `pension.award:${person.id}`, amount: figures.total, payload, comment: null,
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
  });
  const result = { awardId: id.toString(), idNumber: payload.idNumber, fund: fundCode, firstPeriod, monthlyAmount: payload.total };
  await recordAudit(tx, approver, { action: 'pension.award', entityType: 'pension_award', entityId: id, regionCode: found.region_code, after: { ...result, approvalItem: itemId.toString() } });
  return result;
}

export interface AwardView {
  id: string; idNumber: string; name: string; regionCode: string; fund: string; scheme: PensionScheme; awardedOn: string; firstPeriod: string;
  monthlyAmount: string; basicPension: string; accountPension: string; transitionalPension: string; status: AwardStatus; statusReason: string | null;
}

const byPerson: SortKey[] = [{ by: 'a.person_id', direction: 'asc' }, { by: 'a.id', direction: 'asc' }];

/** The awards in the actor's scope (ID numbers masked for staff without personal.full.read). */
export async function listAwards(database: DatabaseHandle, actor: Actor, filter: repository.AwardFilter, request: ListRequest): Promise<ListAnswer<AwardView>> {
  const masking = listMaskingFor(actor);
  return inScope(database, actor, (tx) => listPage(tx, repository.awardsQuery(tx, filter), byPerson, request, (rows) => rows.map((row) => maskPersonalData({
    id: row.id.toString(), idNumber: row.id_number, name: row.name, regionCode: row.region_code, fund: row.fund_code, scheme: row.scheme,
    awardedOn: row.awarded_on, firstPeriod: row.first_period, monthlyAmount: formatYuan(row.monthly_amount), basicPension: formatYuan(row.basic_pension),
    accountPension: formatYuan(row.account_pension), transitionalPension: formatYuan(row.transitional_pension), status: row.status, statusReason: row.status_reason,
  }, masking))));
}
