/**
 * 个人缴费登记: a person registered as a self-paying contributor (灵活就业人员 or 无雇工的个体工商户, 社会保险法 第十条、
 * 第二十三条) — the region, the insurances (pension, employee medical) and the chosen base level from a month on — and
 * each later change of base level or insurances, or the stop (停保), from a month on, with who and why, audited.
 * The registration opens a payer record (缴费主体, an employer row of type self_paying with a 个人缴费编号) that the
 * monthly self-paying bill is addressed to and the bank pays into (docs/decisions.md).
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, inActorScope, type Actor, type Tx } from '../../platform/actor.ts';
import { requirePermission } from '../../platform/access/permissions.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { newId } from '../../platform/ids.ts';
import { checkPeriod } from '../../platform/dates.ts';
import { getParameters, todayInChina } from '../../platform/params/index.ts';
import { listMaskingFor, maskPersonalData } from '../../platform/personal-data.ts';
import { onlyProvince } from '../../platform/regions.ts';
import { addMonths } from '../ledger/index.ts';
import { checkCreditCode } from './identifiers.calc.ts';
import { registryMessages } from './registry.messages.ts';
import { selfPayingSaid as said } from './self-paying.messages.ts';
import { baseRatioProblem, contributorKinds, insurancesProblem, payerCode, selfPayingInsurances, type ContributorKind, type SelfPayingInsurance } from './self-paying.calc.ts';
import * as repository from './self-paying.repository.ts';

export interface SelfPayingRegistration {
  idNumber: string; contributorKind: ContributorKind; businessCreditCode?: string | null; regionCode?: string;
  fromMonth: string; baseRatio: string; insurances?: SelfPayingInsurance[]; reason?: string;
}
export interface SelfPayingChange { fromMonth: string; baseRatio?: string; insurances?: SelfPayingInsurance[]; reason: string }

export interface SelfPayingTermsView { fromMonth: string; baseRatio: string | null; insurances: string[]; reason: string; recordedBy: string; recordedAt: string }
export interface SelfPayingView {
  payerCode: string; personId: string; idNumber: string; name: string; contributorKind: ContributorKind; businessCreditCode: string | null;
  regionCode: string; registeredBy: string; registeredAt: string; terms: SelfPayingTermsView[];
}

/** The latest month a registration or change may start: next month (a choice is made ahead, never for a month long after). */
const latestFromMonth = () => addMonths(todayInChina().slice(0, 7), 1);

function checkFromMonth(value: unknown): string {
  const fromMonth = checkPeriod(value, 'fromMonth');
  const latest = latestFromMonth();
  if (fromMonth > latest) throw invalid('fromMonth', said.fromMonthTooLate({ latest }));
  return fromMonth;
}

function checkReason(value: unknown): string {
  const reason = typeof value === 'string' ? value.trim() : '';
  if (reason.length < 2 || reason.length > 500) throw invalid('reason', said.reasonLength());
  return reason;
}

/** The base level checked against the limits in force on the month's first day in the region (国办发〔2019〕13号). */
function checkBaseRatio(ratio: unknown, fromMonth: string, regionCode: string): string {
  const store = getParameters(), date = `${fromMonth}-01`;
  const text = typeof ratio === 'number' ? ratio.toFixed(2) : String(ratio ?? '');
  const problem = baseRatioProblem(text, store.lookup('contribution.base.floor_ratio', date, regionCode).value as string,
    store.lookup('contribution.base.ceiling_ratio', date, regionCode).value as string);
  if (problem) throw invalid('baseRatio', problem);
  return Number(text).toFixed(2);
}

/**
 * The insurances asked for, in bill order. Medical needs the region's flexible-worker rate (a [local] parameter): a
 * region that set none answers 422 parameter_missing now rather than at the month's billing.
 */
function checkInsurances(insurances: readonly string[], fromMonth: string, regionCode: string): SelfPayingInsurance[] {
  const problem = insurancesProblem(insurances);
  if (problem) throw invalid('insurances', problem);
  if (insurances.includes('medical')) getParameters().lookup('contribution.medical.flexible_rate', `${fromMonth}-01`, regionCode);
  return selfPayingInsurances.filter((insurance) => insurances.includes(insurance));
}

async function view(tx: Tx, actor: Actor, registration: NonNullable<Awaited<ReturnType<typeof repository.registrationByPayerCode>>>): Promise<SelfPayingView> {
  const terms = await repository.termsHistory(tx, registration.employer_id);
  return maskPersonalData({
    payerCode: registration.payer_code, personId: String(registration.person_id), idNumber: registration.id_number, name: registration.name,
    contributorKind: registration.kind, businessCreditCode: registration.business_credit_code, regionCode: registration.region_code,
    registeredBy: registration.registered_by, registeredAt: registration.registered_at.toISOString(),
    terms: terms.map((row) => ({ fromMonth: row.from_month, baseRatio: row.base_ratio, insurances: row.insurances, reason: row.reason, recordedBy: row.recorded_by, recordedAt: row.recorded_at.toISOString() })),
  }, listMaskingFor(actor));
}

/** Registers a person (already in the registry) as a self-paying contributor; answers the registration with its payer code. */
export async function registerSelfPaying(database: DatabaseHandle, actor: Actor, input: SelfPayingRegistration): Promise<SelfPayingView> {
  requirePermission(actor, 'registry.self_paying.register');
  if (!(contributorKinds as readonly string[]).includes(input.contributorKind)) throw invalid('contributorKind', said.contributorKindChoice());
  let businessCreditCode: string | null = null;
  if (input.contributorKind === 'individual_business') {
    if (!input.businessCreditCode) throw invalid('businessCreditCode', said.businessCreditCodeRequired());
    const code = checkCreditCode(input.businessCreditCode);
    if (!code.ok) throw invalid('businessCreditCode', code.reason);
    businessCreditCode = code.creditCode;
  } else if (input.businessCreditCode) throw invalid('businessCreditCode', said.businessCreditCodeFlexible());
  const fromMonth = checkFromMonth(input.fromMonth);
  const reason = input.reason === undefined ? '个人缴费登记' : checkReason(input.reason);
  return inScope(database, actor, async (tx) => {
    const regionCode = input.regionCode ?? actor.regionCode ?? await onlyProvince(tx);
    if (!regionCode || !(await repository.regionExists(tx, regionCode))) throw invalid('regionCode', registryMessages.unknownRegion({ code: regionCode ?? '' }));
    if (!inActorScope(actor, regionCode)) throw forbidden(registryMessages.regionOutsideScope({ code: regionCode }));
    const insurances = checkInsurances(input.insurances ?? [...selfPayingInsurances], fromMonth, regionCode);
    if (!insurances.length) throw invalid('insurances', said.insurancesRequired());
    const baseRatio = checkBaseRatio(input.baseRatio, fromMonth, regionCode);
    const idNumber = String(input.idNumber ?? '').trim().toUpperCase();
    const person = await repository.findPersonByIdNumber(tx, idNumber);
    if (!person) throw notFound(said.person({ idNumber }));
    const existing = await repository.registrationOfPerson(tx, person.id);
    if (existing) throw conflict('idNumber', said.alreadyRegistered({ idNumber, payerCode: existing.payer_code }));
    const employerId = newId();
    const code = payerCode(regionCode, await repository.nextPayerNumber(tx));
    await repository.insertPayerRecord(tx, { id: employerId, payerCode: code, name: person.name, regionCode });
    await repository.insertRegistration(tx, { employer_id: employerId, person_id: person.id, kind: input.contributorKind, business_credit_code: businessCreditCode, region_code: regionCode, registered_by: actor.username });
    await repository.insertTerms(tx, { employer_id: employerId, id: newId(), person_id: person.id, region_code: regionCode, valid_from: `${fromMonth}-01`, base_ratio: baseRatio, insurances, reason, recorded_by: actor.username });
    await recordAudit(tx, actor, {
      action: 'registry.self_paying.register', entityType: 'employer', entityId: employerId, regionCode,
      after: { payerCode: code, personId: String(person.id), contributorKind: input.contributorKind, businessCreditCode, fromMonth, baseRatio, insurances },
    });
    return view(tx, actor, (await repository.registrationByPayerCode(tx, code))!);
  });
}

/**
 * Changes the base level or the insurances from a month on, or stops the contributions (insurances []), with the
 * reason; audited. A month already billed keeps its bill: the change bills from the months billed after it.
 */
export async function changeSelfPaying(database: DatabaseHandle, actor: Actor, payer: string, input: SelfPayingChange): Promise<SelfPayingView> {
  requirePermission(actor, 'registry.self_paying.register');
  const fromMonth = checkFromMonth(input.fromMonth);
  const reason = checkReason(input.reason);
  return inScope(database, actor, async (tx) => {
    const registration = await repository.registrationByPayerCode(tx, payer);
    if (!registration) throw notFound(said.contributor({ payerCode: payer }));
    const history = await repository.termsHistory(tx, registration.employer_id);
    const first = history[history.length - 1].from_month;
    if (fromMonth < first) throw invalid('fromMonth', said.fromMonthBeforeFirst({ first }));
    const before = history.find((row) => row.from_month <= fromMonth)!;
    const insurances = checkInsurances(input.insurances ?? before.insurances, fromMonth, registration.region_code);
    let baseRatio: string | null = null;
    if (insurances.length) {
      const ratio = input.baseRatio ?? before.base_ratio;
      if (ratio === null) throw invalid('baseRatio', said.resumeNeedsTerms());
      baseRatio = checkBaseRatio(ratio, fromMonth, registration.region_code);
    } else if (input.baseRatio !== undefined) throw invalid('baseRatio', said.baseRatioWhenStopping());
    if (baseRatio === (before.base_ratio === null ? null : Number(before.base_ratio).toFixed(2)) && insurances.join() === before.insurances.join()) {
      throw invalid('fromMonth', said.nothingChanges({ fromMonth }));
    }
    await repository.insertTerms(tx, { employer_id: registration.employer_id, id: newId(), person_id: registration.person_id, region_code: registration.region_code,
      valid_from: `${fromMonth}-01`, base_ratio: baseRatio, insurances, reason, recorded_by: actor.username });
    await recordAudit(tx, actor, {
      action: 'registry.self_paying.change', entityType: 'employer', entityId: registration.employer_id, regionCode: registration.region_code,
      before: { fromMonth: before.from_month, baseRatio: before.base_ratio, insurances: before.insurances }, after: { fromMonth, baseRatio, insurances, reason },
    });
    return view(tx, actor, registration);
  });
}

/** A self-paying contributor by payer code, with the terms history (404 outside the actor's scope). */
export async function selfPayingContributor(database: DatabaseHandle, actor: Actor, payer: string): Promise<SelfPayingView> {
  return inScope(database, actor, async (tx) => {
    const registration = await repository.registrationByPayerCode(tx, payer);
    if (!registration) throw notFound(said.contributor({ payerCode: payer }));
    return view(tx, actor, registration);
  });
}
