/**
 * 死亡信息比对 (death registry import, R9.4): `idNumber,dateOfDeath` rows from the civil affairs / public security
 * death registry, through the kernel's import pipeline — all rows or none, every bad row listed, the same file twice
 * applied once, a death already recorded on the same date skipped. For each death of a pensioner:
 *  - the award is suspended from the month after death (status, a dated award event, audited);
 *  - the months already paid after death become an overpayment to recover (待遇追回), open until recovered;
 *  - the survivors' funeral grant and survivor pension (丧葬补助金、抚恤金) are recorded as pending entitlements, at the
 *    province's amounts (params/benefits/deaths).
 * An operator pays an entitlement (`payEntitlement`): the survivors' payee and bank account are not in the death
 * registry, so recording a death cannot order the payment itself. The order (一次性待遇支付单, payroll/payment-order)
 * goes through sign-off, offsets the deceased's open overpayments first and rides in the next bank file; paid, the
 * entitlement is paid.
 * Recoveries: a refund or an instalment received is recorded against the overpayment (社会保险经办条例 第四十六条)
 * through sign-off (kind benefit.recovery: 复核, 审批); the final approval records it and posts the money to the fund
 * ledger; the overpayment is recovered when they cover it. An offset is recorded by the payment order's approval,
 * never by hand.
 * Payroll lines and batches belong to the fund's pooling region: the import reads them in the province's scope
 * (widened), the persons it matches stay those of the operator's own scope.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, scopePrefix, widenToPooledFunds, type Actor, type Tx } from '../../../platform/actor.ts';
import { conflict, invalid, invalidFields, notFound } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { newId } from '../../../platform/ids.ts';
import { render } from '../../../platform/messages.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import { getParameters, isRealDate, todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { listPage, type ListAnswer, type ListRequest, type SortKey } from '../../../platform/http/lists.ts';
import { listMaskingFor, maskPersonalData } from '../../../platform/personal-data.ts';
import { moreProblems, registerFields, runImport, tableReader, type CheckedTable, type ImportDefinition, type ImportFile, type ImportSchema } from '../../../platform/imports/index.ts';
import { openItemsOfKind, registerSignoffKind, submitForApproval, type ApprovalItemView } from '../../../platform/signoff/index.ts';
import { chartFor, otherIncomeAccount, postEntries } from '../../ledger/index.ts';
import { cite } from '../trace.ts';
import { firstMonthAfterDeath, overpaidAfterDeath, overpaymentRecoveryBooking, survivorEntitlements } from './deaths.calc.ts';
import { deathSaid } from './deaths.messages.ts';
import * as repository from './deaths.repository.ts';
import { insertAwardEvent } from '../awards/awards.repository.ts';
import type { EntitlementKind, OverpaymentStatus, RecoveryMethod } from './deaths.tables.ts';
import { benefitPaymentLevels, queueBenefitPayment, registerPaymentSource, type PaymentOrderView } from '../payroll/payment-order.service.ts';
import { payrollAccounts } from '../payroll/payroll.service.ts';
import { availableForOffset } from '../payroll/offsets.ts';

/** The import reads the payroll of the province-pooled fund, outside a city's or county's own scope. */
const DEATHS_ACROSS_POOLS = '死亡信息比对需核对省级统筹基金已发放的养老金 (the death import reads the months paid by the province-pooled fund)';

registerFields({ dateOfDeath: { titles: ['死亡日期', '死亡时间', 'date of death'] } });

const deathSchema: ImportSchema = {
  kind: 'pension_deaths',
  columns: [
    { field: 'idNumber', required: true, example: '990102195001010011' },
    { field: 'dateOfDeath', required: true, type: 'date', example: '2025-01-31' },
  ],
};

interface DeathRow { row: number; person: repository.DeathPerson; dateOfDeath: string }
interface PreparedDeaths { deaths: DeathRow[]; alreadyRecorded: number }

export interface DeathImportView {
  rows: number; recorded: number; alreadyRecorded: number; suspended: number;
  overpayments: number; overpaidAmount: string; funeralGrants: string; survivorPensions: string;
}

const deathImport: ImportDefinition<CheckedTable, PreparedDeaths, DeathImportView> = {
  kind: 'pension_deaths',
  read: tableReader(deathSchema),
  transactionActor: (actor) => widenToPooledFunds(actor, DEATHS_ACROSS_POOLS),
  async check(tx, actor, file) {
    const problems = moreProblems(file);
    const valid = file.rows.filter((r) => r.valid);
    const idNumbers = [...new Set(valid.map((r) => String(r.values.idNumber).trim().toUpperCase()))];
    const ownScope = scopePrefix(actor.regionCode);
    const persons = new Map((await repository.personsByIdNumbers(tx, idNumbers)).filter((p) => p.region_code.startsWith(ownScope)).map((p) => [p.id_number, p]));
    const recorded = new Map((await repository.deathRecordsOf(tx, [...persons.values()].map((p) => p.id))).map((d) => [d.person_id, d]));
    const today = todayInChina();
    const firstRow = new Map<string, number>();
    const prepared: PreparedDeaths = { deaths: [], alreadyRecorded: 0 };
    for (const { row, values } of valid) {
      const idNumber = String(values.idNumber).trim().toUpperCase(), dateOfDeath = String(values.dateOfDeath);
      const first = firstRow.get(idNumber);
      if (first !== undefined) { problems.add(row, 'idNumber', 'unique_in_file', deathSaid.duplicateInFile({ row: first })); continue; }
      firstRow.set(idNumber, row);
      const person = persons.get(idNumber);
      if (!person) { problems.add(row, 'idNumber', 'known_person', deathSaid.personUnknown()); continue; }
      if (dateOfDeath > today) { problems.add(row, 'dateOfDeath', 'not_in_future', deathSaid.inFuture({ date: dateOfDeath })); continue; }
      const earlier = recorded.get(person.id);
      if (earlier?.date_of_death === dateOfDeath) { prepared.alreadyRecorded++; continue; }
      if (earlier) { problems.add(row, 'dateOfDeath', 'same_as_recorded', deathSaid.otherDateRecorded({ recorded: earlier.date_of_death, importId: String(earlier.import_id), date: dateOfDeath })); continue; }
      prepared.deaths.push({ row, person, dateOfDeath });
    }
    return { prepared, problems: problems.list };
  },
  apply: (tx, actor, prepared, { importId }) => applyDeaths(tx, actor, prepared, importId),
};

async function applyDeaths(tx: Tx, actor: Actor, prepared: PreparedDeaths, importId: bigint): Promise<{ applied: number; result: DeathImportView }> {
  const today = todayInChina();
  const parameters = getParameters();
  const awards = new Map((await repository.liveAwardsOf(tx, prepared.deaths.map((d) => d.person.id))).map((a) => [a.person_id, a]));
  const totals = { suspended: 0, overpayments: 0, overpaid: 0n, funeral: 0n, survivor: 0n };
  for (const { person, dateOfDeath } of prepared.deaths) {
    const deathId = newId();
    await repository.insertDeathRecord(tx, { person_id: person.id, id: deathId, region_code: person.region_code, date_of_death: dateOfDeath, import_id: importId, recorded_by: actor.username });
    const award = awards.get(person.id);
    const after: Record<string, unknown> = { idNumber: person.id_number, dateOfDeath, importId: String(importId) };
    if (award) {
      const stopsFrom = firstMonthAfterDeath(dateOfDeath);
      const reason = render(deathSaid.suspendedReason({ date: dateOfDeath, month: stopsFrom }), 'zh-CN');
      await repository.suspendAward(tx, { personId: person.id, awardId: award.id }, reason, today);
      await insertAwardEvent(tx, {
        person_id: person.id, id: newId(), award_id: award.id, region_code: award.region_code, event: 'suspended', effective_period: stopsFrom, happened_on: dateOfDeath,
        reason, source_type: 'death_record', source_id: deathId, recorded_by: actor.username,
      });
      totals.suspended++;
      const overpaid = overpaidAfterDeath(dateOfDeath, await repository.paidMonthsOf(tx, person.id, award.id));
      if (overpaid.amount > 0n) {
        const overpaymentId = newId();
        await repository.insertOverpayment(tx, { person_id: person.id, id: overpaymentId, region_code: award.region_code, award_id: award.id, cause: 'death', death_record_id: deathId, periods: overpaid.periods, amount: overpaid.amount });
        totals.overpayments++;
        totals.overpaid += overpaid.amount;
        after.overpayment = { id: String(overpaymentId), periods: overpaid.periods, amount: formatYuan(overpaid.amount) };
      }
      const monthlyPension = await repository.amountInMonth(tx, person.id, award.id, dateOfDeath.slice(0, 7));
      const entitlements = survivorEntitlements(monthlyPension, {
        funeralGrant: cite<bigint>(parameters.lookup('benefits.deaths.funeral_grant', dateOfDeath, award.region_code)),
        survivorPensionMonths: cite<number>(parameters.lookup('benefits.deaths.survivor_pension_months', dateOfDeath, award.region_code)),
      });
      await repository.insertEntitlements(tx, entitlements.map((e) => ({
        person_id: person.id, id: newId(), region_code: award.region_code, award_id: award.id, death_record_id: deathId, kind: e.kind, amount: e.amount, basis: JSON.stringify(e.basis),
      })));
      for (const e of entitlements) totals[e.kind === 'funeral_grant' ? 'funeral' : 'survivor'] += e.amount;
      after.suspendedFrom = stopsFrom;
      after.entitlements = Object.fromEntries(entitlements.map((e) => [e.kind, formatYuan(e.amount)]));
    }
    await recordAudit(tx, actor, { action: 'pension.death', entityType: 'death_record', entityId: deathId, regionCode: person.region_code, after });
  }
  const result: DeathImportView = {
    rows: prepared.deaths.length + prepared.alreadyRecorded, recorded: prepared.deaths.length, alreadyRecorded: prepared.alreadyRecorded, suspended: totals.suspended,
    overpayments: totals.overpayments, overpaidAmount: formatYuan(totals.overpaid), funeralGrants: formatYuan(totals.funeral), survivorPensions: formatYuan(totals.survivor),
  };
  return { applied: prepared.deaths.length, result };
}

/** Imports a death registry file (all rows or none; the same file again answers with its first result). */
export function importDeaths(database: DatabaseHandle, actor: Actor, file: ImportFile) {
  return runImport(database, actor, deathImport, file, 'apply');
}

export interface OverpaymentView {
  id: string; idNumber: string; name: string; regionCode: string; awardId: string; cause: string; dateOfDeath: string | null; periods: string[];
  amount: string; recovered: string; outstanding: string;
  /** recorded and waiting for sign-off (复核、审批): not recovered yet */
  pending: string;
  status: OverpaymentStatus;
}

const overpaymentView = (row: repository.OverpaymentRow, pending: bigint): OverpaymentView => ({
  id: row.id.toString(), idNumber: row.id_number, name: row.name, regionCode: row.region_code, awardId: row.award_id.toString(), cause: row.cause,
  dateOfDeath: row.date_of_death, periods: row.periods, amount: formatYuan(row.amount), recovered: formatYuan(BigInt(row.recovered)),
  outstanding: formatYuan(row.amount - BigInt(row.recovered)), pending: formatYuan(pending), status: row.status,
});

/** What recorded recoveries waiting for sign-off (returned ones too, until withdrawn) add up to, per overpayment. */
async function pendingRecoveries(tx: Tx): Promise<Map<string, bigint>> {
  const pending = new Map<string, bigint>();
  for (const item of await openItemsOfKind(tx, recoverySignoff.kind, RECOVERY_SUBJECT)) {
    const payload = item.payload as RecoveryPayload;
    pending.set(payload.overpaymentId, (pending.get(payload.overpaymentId) ?? 0n) + parseYuan(payload.amount));
  }
  return pending;
}

const byPerson: SortKey[] = [{ by: 'o.person_id', direction: 'asc' }, { by: 'o.id', direction: 'asc' }];

/** The overpayments opened on one award, oldest first, with what is recovered and what waits for sign-off (in the caller's transaction). */
export async function overpaymentsOfAward(tx: Tx, personId: bigint, awardId: bigint): Promise<OverpaymentView[]> {
  const pending = await pendingRecoveries(tx);
  const rows = await repository.overpaymentsQuery(tx, { personId }).where('o.award_id', '=', awardId).orderBy('o.id').execute();
  return rows.map((row) => overpaymentView(row as repository.OverpaymentRow, pending.get(String(row.id)) ?? 0n));
}

/** The overpayments in the actor's scope (ID numbers masked for staff without personal.full.read). */
export async function listOverpayments(database: DatabaseHandle, actor: Actor, filter: { status?: OverpaymentStatus }, request: ListRequest): Promise<ListAnswer<OverpaymentView>> {
  const masking = listMaskingFor(actor);
  return inScope(database, actor, async (tx) => {
    const pending = await pendingRecoveries(tx);
    return listPage(tx, repository.overpaymentsQuery(tx, filter), byPerson, request,
      (rows) => rows.map((row) => maskPersonalData(overpaymentView(row as repository.OverpaymentRow, pending.get(String(row.id)) ?? 0n), masking)));
  });
}

export interface RecoveryInput { recoveryMethod: RecoveryMethod; amount: string; recoveredOn: string; reference: string }

interface RecoveryPayload {
  recoveryId: string; overpaymentId: string; personId: string; name: string; fund: string; recoveryMethod: 'refund' | 'instalment'; amount: string; recoveredOn: string; reference: string;
}

/** An item's subject: `benefit.recovery:<overpayment>:<recovery>`, one item per recovery, several may wait on one overpayment. */
const RECOVERY_SUBJECT = 'benefit.recovery:';

/** The approval posts to the pension fund of the pooling region, above a city's or county's own scope. */
const RECOVERY_ACROSS_POOLS = '待遇追回到账记入省级统筹养老保险基金 (a recovery posts to the province-pooled pension fund)';

/**
 * 待遇追回到账审核: a refund or an instalment received (社会保险经办条例 第四十六条) is recorded by the 经办 and signed by
 * 复核 and 审批 (params/signoff/benefit_recovery, as every benefit payment order; the recorder never signs, the engine
 * refuses it). The final approval records the recovery, closes the overpayment when it is covered and posts the money
 * (applyRecovery); a return with its reason, then the 经办's cancellation, leaves nothing recorded.
 */
export const recoverySignoff = registerSignoffKind<RecoveryPayload>({
  kind: 'benefit.recovery',
  label: '待遇追回到账',
  parameters: 'signoff.benefit_recovery',
  requestPermission: 'pension.recovery.record',
  levels: benefitPaymentLevels,
  decisionActor: (approver) => widenToPooledFunds(approver, RECOVERY_ACROSS_POOLS),
  effect: (tx, approver, item) => applyRecovery(tx, approver, item),
  subjectLink: () => '/benefits/pension/deaths',
});

const methodSaid = (method: 'refund' | 'instalment') => render(method === 'refund' ? deathSaid.refund() : deathSaid.instalment(), 'zh-CN');

/**
 * 追回登记: money recovered on an overpayment (a refund, or an instalment received) goes to sign-off as the 经办 step;
 * more than is still owed is refused. The answer is the approval item; the overpayment shows it as pending until the
 * final approval records it.
 */
export async function recordRecovery(database: DatabaseHandle, actor: Actor, overpaymentId: bigint, input: RecoveryInput): Promise<ApprovalItemView> {
  const problems = [];
  if (input.recoveryMethod === 'offset') problems.push({ field: 'recoveryMethod', message: deathSaid.offsetByOrder() });
  else if (input.recoveryMethod !== 'refund' && input.recoveryMethod !== 'instalment') problems.push({ field: 'recoveryMethod', message: fieldRules.oneOf({ values: 'refund, instalment' }) });
  if (!isRealDate(input.recoveredOn ?? '')) problems.push({ field: 'recoveredOn', message: fieldRules.required() });
  else if (input.recoveredOn > todayInChina()) problems.push({ field: 'recoveredOn', message: deathSaid.recoveredInFuture({ date: input.recoveredOn }) });
  if (!input.reference?.trim()) problems.push({ field: 'reference', message: deathSaid.referenceNeeded() });
  if (problems.length) throw invalidFields(problems);
  const amount = parseYuan(input.amount, 'amount');
  if (amount <= 0n) throw invalid('amount', fieldRules.required());
  const method = input.recoveryMethod as 'refund' | 'instalment', reference = input.reference.trim();
  return inScope(database, actor, async (tx) => {
    const row = await repository.lockOverpayment(tx, overpaymentId);
    if (!row) throw notFound(deathSaid.overpaymentUnknown({ id: String(overpaymentId) }));
    await checkOutstanding(tx, row, amount);
    const recoveryId = newId();
    return submitForApproval(tx, actor, recoverySignoff, {
      regionCode: row.region_code, subjectKey: `${RECOVERY_SUBJECT}${row.id}:${recoveryId}`, amount,
      title: render(deathSaid.recoveryTitle({ amount: formatYuan(amount), name: row.name, method: methodSaid(method), reference }), 'zh-CN'),
      payload: {
        recoveryId: recoveryId.toString(), overpaymentId: row.id.toString(), personId: row.person_id.toString(), name: row.name, fund: row.fund_code, recoveryMethod: method,
        amount: formatYuan(amount), recoveredOn: input.recoveredOn, reference,
      },
    });
  });
}

/**
 * More than is still owed is refused: when it is recorded, and again when it is approved (another recovery may have
 * come first). What a payroll not yet approved keeps back from the person's pension is owed no more (offsets.ts).
 */
async function checkOutstanding(tx: Tx, row: repository.OverpaymentRow, amount: bigint) {
  const outstanding = row.amount - BigInt(row.recovered);
  if (outstanding <= 0n) throw conflict('overpaymentId', deathSaid.alreadyRecovered());
  if (amount > outstanding) throw conflict('amount', deathSaid.moreThanOutstanding({ amount: formatYuan(amount), outstanding: formatYuan(outstanding) }));
  const { available } = await availableForOffset(tx, row.person_id, row.fund_code);
  if (amount > available) throw conflict('amount', deathSaid.keptBackByPayroll({ amount: formatYuan(amount), available: formatYuan(available < 0n ? 0n : available) }));
  return outstanding;
}

/**
 * The final approval: the recovery recorded (its row, the overpayment closed when covered) and posted in the same
 * transaction, on the day the money arrived (cash basis) into the pension fund's 收入户 — the account the agency
 * receives money in, as a supervision case's recovery (财社〔2017〕144号 第三十九条: the 收入户 takes the fund's income)
 * [check]: Dr 收入户存款 / Cr 基本养老金支出 for the months of that year, Cr 其他收入 for earlier years' (recoveryBooking).
 */
async function applyRecovery(tx: Tx, approver: Actor, { id: itemId, payload, submittedBy }: { id: bigint; payload: RecoveryPayload; submittedBy: string }) {
  const row = await repository.lockOverpayment(tx, BigInt(payload.overpaymentId));
  if (!row) throw notFound(deathSaid.overpaymentUnknown({ id: payload.overpaymentId }));
  const amount = parseYuan(payload.amount), recoveryId = BigInt(payload.recoveryId);
  const outstanding = await checkOutstanding(tx, row, amount);
  await repository.insertRecovery(tx, {
    person_id: row.person_id, id: recoveryId, overpayment_id: row.id, region_code: row.region_code, method: payload.recoveryMethod, amount, recovered_on: payload.recoveredOn,
    reference: payload.reference, recorded_by: submittedBy,
  });
  if (amount === outstanding) await repository.markRecovered(tx, row.person_id, row.id);
  const overpaidMonths = await repository.overpaidMonthsOf(tx, row.person_id, row.id);
  const year = payload.recoveredOn.slice(0, 4), period = payload.recoveredOn.slice(0, 7);
  const booked = overpaymentRecoveryBooking(row.cause, overpaidMonths, BigInt(row.recovered), amount, year);
  const chart = chartFor(Number(year));
  const incomeBank = chart.accounts.find((a) => a.role === 'income_bank')!.code;
  const otherIncome = otherIncomeAccount(chart);
  const { pensionExpense } = payrollAccounts(row.fund_code.slice(0, row.fund_code.lastIndexOf('-')), period);
  const [posted] = await postEntries(tx, approver, [{
    key: `benefit-recovery:${recoveryId}`, fund: row.fund_code, period, date: payload.recoveredOn, source: { type: 'benefit_overpayment', id: String(row.id) },
    memo: render(deathSaid.recoveryMemo({ name: row.name, method: methodSaid(payload.recoveryMethod), reference: payload.reference, item: String(itemId) }), 'zh-CN'),
    lines: [
      { account: incomeBank, debit: amount, reference: payload.reference },
      ...(booked.thisYear > 0n ? [{ account: pensionExpense, credit: booked.thisYear }] : []),
      ...(booked.earlierYears > 0n ? [{ account: otherIncome, credit: booked.earlierYears }] : []),
    ],
  }]);
  const result = {
    recoveryId: payload.recoveryId, overpaymentId: payload.overpaymentId, amount: payload.amount, outstanding: formatYuan(outstanding - amount), entry: posted.entryId,
    expenseReduced: formatYuan(booked.thisYear), otherIncome: formatYuan(booked.earlierYears),
  };
  await recordAudit(tx, approver, { action: 'pension.overpayment.recovery', entityType: 'benefit_overpayment', entityId: row.id, regionCode: row.region_code,
    after: { ...result, method: payload.recoveryMethod, recoveredOn: payload.recoveredOn, reference: payload.reference, recordedBy: submittedBy, approvalItem: String(itemId) } });
  return result;
}

// ── survivors' entitlements (丧葬补助金、抚恤金) ────────────────────────────────────────────────────────────────────

/** An entitlement is paid when the bank pays its order. */
registerPaymentSource('survivor_entitlement', (tx, { sourceId, personId }) => repository.markEntitlementPaid(tx, personId, sourceId).then(() => undefined));

export interface EntitlementView {
  id: string; idNumber: string; name: string; regionCode: string; awardId: string; fund: string; dateOfDeath: string; kind: EntitlementKind; amount: string;
  status: 'pending' | 'paid'; orderReference: string | null; orderStatus: string | null;
}

const entitlementView = (row: repository.EntitlementRow): EntitlementView => ({
  id: row.id.toString(), idNumber: row.id_number, name: row.name, regionCode: row.region_code, awardId: row.award_id.toString(), fund: row.fund_code,
  dateOfDeath: row.date_of_death, kind: row.kind, amount: formatYuan(row.amount), status: row.status, orderReference: row.order_reference, orderStatus: row.order_status,
});

const entitlementOrder: SortKey[] = [{ by: 'e.person_id', direction: 'asc' }, { by: 'e.id', direction: 'asc' }];

/** The survivors' entitlements in the actor's scope with their payment order (ID numbers masked as lists mask them). */
export async function listEntitlements(database: DatabaseHandle, actor: Actor, filter: { status?: 'pending' | 'paid' }, request: ListRequest): Promise<ListAnswer<EntitlementView>> {
  const masking = listMaskingFor(actor);
  return inScope(database, actor, (tx) => listPage(tx, repository.entitlementsQuery(tx, filter), entitlementOrder, request,
    (rows) => rows.map((row) => maskPersonalData(entitlementView(row as repository.EntitlementRow), masking))));
}

export interface EntitlementPaymentInput { payeeName: string; payeeIdNumber: string; bankAccount: string }

/**
 * 遗属待遇支付: orders the payment of an entitlement to the survivor's account (丧葬补助金和抚恤金, the fund of the
 * deceased's award); refused when it is paid or ordered already (the order's sign-off decides the rest).
 */
export async function payEntitlement(database: DatabaseHandle, actor: Actor, entitlementId: bigint, input: EntitlementPaymentInput): Promise<PaymentOrderView> {
  return inScope(database, actor, async (tx) => {
    const entitlement = await repository.lockEntitlement(tx, entitlementId);
    if (!entitlement) throw notFound(deathSaid.entitlementUnknown({ id: String(entitlementId) }));
    if (entitlement.status === 'paid') throw conflict('entitlementId', deathSaid.entitlementPaid());
    const kind = render(entitlement.kind === 'funeral_grant' ? deathSaid.funeralGrant() : deathSaid.survivorPension(), 'zh-CN');
    return queueBenefitPayment(tx, actor, {
      personId: entitlement.person_id, regionCode: entitlement.region_code, fund: entitlement.fund_code, benefitType: 'funeral_and_survivor_grant', amount: entitlement.amount,
      payeeName: input.payeeName, payeeIdNumber: input.payeeIdNumber, bankAccount: input.bankAccount,
      reason: render(deathSaid.entitlementReason({ kind, name: entitlement.name, date: entitlement.date_of_death }), 'zh-CN'),
      source: { type: 'survivor_entitlement', id: entitlement.id },
    });
  });
}
