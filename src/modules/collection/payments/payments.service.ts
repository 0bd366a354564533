/**
 * Payments (R3.3): the bank's collection file imported all or nothing and idempotently, or one payment recorded by
 * hand; each payment allocated to the employer's bills (allocation.calc.ts), its money booked to each fund, individual
 * accounts credited once a bill's pension employee part is paid in full, and an overpayment kept as a credit for the
 * next bill.
 *
 * Ledger, on the cash basis (财会〔2017〕28号 总说明五; fund-accounts.ts), one entry per fund and event, dated the day
 * the money is booked: Dr the receiving bank account (收入户, or 财政专户 where the tax authority collects) / Cr 4001
 * 社会保险费收入 for contributions and Cr 4009 其他收入 for the late fee (滞纳金: income when paid, not as it accrues).
 * Money that pays no bill is 暂收款 (Cr 2201) in the employer's holding fund (the fund of its pension scheme) until a
 * bill takes it: then Dr 2201 / Cr 4001 in that fund, or, for another fund's part, the money moves between the two
 * funds' accounts of the kind that holds it (收入户 before the month's sweep, 财政专户 after it).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inActorScope, inScope, widenToPooledFunds, type Actor, type Tx } from '../../../platform/actor.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import { keysetPage, listPage, type ListAnswer, type ListRequest, type SortKey } from '../../../platform/http/lists.ts';
import { getParameters, todayInChina, type ParameterStore } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { addDays, sweptSince, postEntries, reverseEntriesOfSource, type EntryInput, type LineInput } from '../../ledger/index.ts';
import { INCOME_BANK_ACCOUNT, OTHER_INCOME_ACCOUNT, PREMIUM_REVENUE_ACCOUNT, SPECIAL_BANK_ACCOUNT, SUSPENSE_RECEIPTS_ACCOUNT, collectionModel, receivingAccount } from '../fund-accounts.ts';
import { billArrears, lessWaivedLateFee, type BillState } from '../arrears/arrears.calc.ts';
import { billsNotPaidOnTime, employerByCreditCode, employersByCreditCodes, employersByIds, lateFeeWaivers, waivedBy, type EmployerRow, type Waiver } from '../arrears/arrears.repository.ts';
import { lateFeeRules } from '../arrears/arrears.service.ts';
import { checkDate, dateProblem } from '../../../platform/dates.ts';
import { ownEmployerOnly, visibleEmployer } from '../arrears/employer.access.ts';
import { allocate, insuranceOrder, orderBills, partsInOrder, type PartPayment } from './allocation.calc.ts';
import { occupationalAnnuity } from '../billing/billing.calc.ts';
import { creditOccupationalAnnuityAccounts } from '../accounts/occupational-annuity.service.ts';
import { collectionFileSchema, paymentAmount, paymentImportKeys } from './collection-file.schema.ts';
import { confirmImport, moreProblems, runImport, tableReader, type CheckedTable, type ImportDefinition, type ImportFile } from '../../../platform/imports/index.ts';
import * as repository from './payments.repository.ts';
import { PAYMENTS_ACROSS_POOLS } from '../collection.scope.ts';
import { openItemsOfSubjects, registerSignoffKind, submitForApproval } from '../../../platform/signoff/index.ts';
import { passChecks, readOverride, type CheckWarning } from '../../../platform/checks/index.ts';
import { paymentsSaid, subjects } from '../collection.messages.ts';

type NewAllocation = Required<Omit<repository.NewAllocation, 'created_at'>>;

/** What one allocation did for one payment (fen). */
export interface AllocationOutcome { paymentId: bigint; allocated: bigint; credit: bigint }

/** An allocation row with the ledger event it books under (`entryKey`) and whether a credit paid it. */
type AllocationRow = NewAllocation & { booked_on: string; entryKey: string; reference: string | null; fromCredit: boolean };

/**
 * An employer's open bills and credits while payments are allocated, in memory. `loadAll` locks and reads any number
 * of employers with a few statements; `saveAll` writes their allocations, posts them and credits individual accounts,
 * again a few statements for all of them (a collection file of thousands of payers is not thousands of round trips).
 */
class EmployerAllocation {
  private readonly rows: AllocationRow[] = [];
  private credits: repository.CreditHeld[] = [];
  /** When each credit's money arrived and was booked, by payment (kept after the credit is used up: its entries need it). */
  private readonly arrivals = new Map<bigint, { paidOn: string; recordedAt: Date }>();
  private bills: BillState[] = [];
  /** 滞纳金减免 granted to the employer: a payment on a day owes the late fees less those dated up to it. */
  private waivers: Waiver[] = [];

  constructor(private readonly employer: EmployerRow, private readonly store: ParameterStore) {}

  /** Takes the employers' allocation locks (held to the end of the transaction) and reads their bills, credits and waivers. */
  static async loadAll(tx: Tx, employers: EmployerRow[], store = getParameters()): Promise<Map<bigint, EmployerAllocation>> {
    const ids = employers.map((employer) => employer.id);
    await repository.lockEmployerAllocations(tx, ids);
    const bills = await billsNotPaidOnTime(tx, { employerIds: ids });
    const credits = await repository.creditsOf(tx, ids);
    const waivers = await lateFeeWaivers(tx, { employerIds: ids });
    const allocations = new Map(employers.map((employer) => [employer.id, new EmployerAllocation(employer, store)]));
    for (const bill of bills) allocations.get(bill.employerId)!.bills.push(bill);
    for (const allocation of allocations.values()) {
      allocation.credits = credits.get(allocation.employer.id) ?? [];
      allocation.waivers = waivers.get(allocation.employer.id) ?? [];
      for (const credit of allocation.credits) allocation.arrivals.set(credit.paymentId, { paidOn: credit.paidOn, recordedAt: credit.recordedAt });
    }
    return allocations;
  }

  /**
   * The open parts of every bill, each bill's arrears as of `asOf(bill)`, in payment order (the named bill first):
   * by the parameter, the principal of every bill before any late fee (the default: it stops fees accruing soonest)
   * or each bill's fee after its own principal.
   */
  private openParts(date: string, asOf: (bill: BillState) => string, reference: string | null) {
    const policy = this.store.table('contribution.payment.allocation_order', date, this.employer.region_code);
    const order = insuranceOrder(policy.insurances as string[]);
    const arrears = orderBills(this.bills, reference).map((bill) => {
      const on = asOf(bill);
      const rules = lateFeeRules(this.store, bill.regionCode, addDays(bill.dueDate, 1), on);
      return billArrears(bill, on, rules.rates, rules.rounding);
    });
    const parts = lessWaivedLateFee(arrears, waivedBy(this.waivers, date)).flatMap((bill) => partsInOrder(bill, order));
    return policy.late_fees === 'per_bill' ? parts : [...parts.filter((part) => part.part !== 'late_fee'), ...parts.filter((part) => part.part === 'late_fee')];
  }

  private record(payment: PartPayment & { paymentId: bigint }, paidAsOf: string, bookedOn: string, entry: { key: string; reference: string | null; fromCredit: boolean }) {
    this.bills.find((bill) => bill.billId === payment.billId)!.allocations.push({ insurance: payment.insurance, part: payment.part, amount: payment.amount, date: paidAsOf });
    this.rows.push({
      employer_id: this.employer.id, id: newId(), payment_id: payment.paymentId, bill_id: payment.billId, insurance: payment.insurance,
      part: payment.part, amount: payment.amount, allocated_on: paidAsOf, booked_on: bookedOn, fund_code: payment.fund, region_code: this.employer.region_code,
      entryKey: entry.key, reference: entry.reference, fromCredit: entry.fromCredit,
    });
  }

  private creditRow(paymentId: bigint, amount: bigint, date: string, entryKey: string, fund: string | null) {
    this.rows.push({
      employer_id: this.employer.id, id: newId(), payment_id: paymentId, bill_id: null, insurance: null, part: 'credit', amount,
      allocated_on: date, booked_on: date, fund_code: fund, region_code: this.employer.region_code, entryKey, reference: null, fromCredit: amount < 0n,
    });
  }

  /**
   * Pays open bills from the employer's credits, oldest money first, booked on `date`; `event` names the ledger
   * entries. A credit pays a bill as of the later of the day its money arrived and the bill's due date: money held
   * before the due date pays on time (no late fee), money that came after it pays from the day it came, never
   * earlier (domain.md "Contribution rules the collection side still lacks").
   */
  useCredits(date: string, reference: string | null, event: string): bigint {
    let used = 0n;
    for (const credit of this.credits) {
      const asOf = (bill: BillState) => (credit.paidOn > bill.dueDate ? credit.paidOn : bill.dueDate);
      const { payments } = allocate(credit.amount, this.openParts(date, asOf, reference));
      if (!payments.length) break;
      const key = `credit:${event}:${credit.paymentId}:${credit.fund ?? 'holding'}`;
      const amount = payments.reduce((sum, part) => sum + part.amount, 0n);
      for (const part of payments) {
        this.record({ ...part, paymentId: credit.paymentId }, asOf(this.bills.find((bill) => bill.billId === part.billId)!), date, { key, reference: credit.reference, fromCredit: true });
      }
      this.creditRow(credit.paymentId, -amount, date, key, credit.fund);
      credit.amount -= amount; used += amount;
    }
    this.credits = this.credits.filter((credit) => credit.amount > 0n);
    return used;
  }

  /** Allocates a new payment: earlier credits first, then the payment itself; what is left becomes a credit. */
  pay(payment: repository.PaymentRow): AllocationOutcome {
    this.useCredits(payment.paid_on, payment.reference, String(payment.id));
    const key = `payment:${payment.id}`;
    const { payments, remainder } = allocate(payment.amount, this.openParts(payment.paid_on, () => payment.paid_on, payment.reference));
    for (const part of payments) this.record({ ...part, paymentId: payment.id }, payment.paid_on, payment.paid_on, { key, reference: payment.reference, fromCredit: false });
    if (remainder > 0n) {
      this.creditRow(payment.id, remainder, payment.paid_on, key, null);
      this.credits.push({ paymentId: payment.id, amount: remainder, reference: payment.reference, paidOn: payment.paid_on, recordedAt: payment.recorded_at, fund: null });
      this.arrivals.set(payment.id, { paidOn: payment.paid_on, recordedAt: payment.recorded_at });
    }
    return { paymentId: payment.id, allocated: payment.amount - remainder, credit: remainder };
  }

  /**
   * Writes the employers' allocations in one insert, posts all their entries (one per fund and event) in one posting,
   * and credits the pension individual and annuity accounts of the bills whose parts they complete in one statement each.
   */
  static async saveAll(tx: Tx, actor: Actor, allocations: Iterable<EmployerAllocation>): Promise<void> {
    const written = [...allocations].filter((allocation) => allocation.rows.length);
    if (!written.length) return;
    await EmployerAllocation.placeCredits(tx, written);
    await repository.insertAllocations(tx, written.flatMap((allocation) => allocation.rows.map(({ entryKey: _key, reference: _reference, fromCredit: _credit, ...row }) => row)));
    const entries: EntryInput[] = [];
    for (const allocation of written) entries.push(...await allocation.ledgerEntries(tx));
    if (entries.length) await postEntries(tx, actor, entries);
    // the bills whose pension employee part, and those whose annuity parts, the rows paid (few employers owe the annuity)
    const pension = new Map<string, PaidBill>(), annuity = new Map<string, PaidBill>();
    for (const allocation of written) {
      for (const row of allocation.rows) {
        const paid = row.insurance === occupationalAnnuity ? annuity : row.insurance === 'pension' && row.part === 'employee' ? pension : null;
        paid?.set(`${row.employer_id}/${row.bill_id}`, { employerId: row.employer_id, billId: row.bill_id!, paymentId: row.payment_id });
      }
    }
    await creditIndividualAccounts(tx, [...pension.values()], [...annuity.values()]);
  }

  /** Credit rows with no fund yet (a new overpayment, or a credit written before funds held them) go to the employer's holding fund. */
  private static async placeCredits(tx: Tx, allocations: EmployerAllocation[]): Promise<void> {
    const unplaced = allocations.filter((allocation) => allocation.rows.some((row) => row.part === 'credit' && row.fund_code === null));
    if (!unplaced.length) return;
    const funds = await repository.holdingFunds(tx, unplaced.map((allocation) => allocation.employer));
    for (const { employer, rows } of unplaced) {
      const fund = funds.get(employer.id);
      if (!fund) throw conflict('creditCode', paymentsSaid.noHoldingFund({ creditCode: employer.credit_code }));
      for (const row of rows) if (row.part === 'credit' && row.fund_code === null) row.fund_code = fund;
    }
  }

  /** The cash-basis entries of the rows (see the file's head): per event, one entry per fund it touches. */
  private async ledgerEntries(tx: Tx): Promise<EntryInput[]> {
    const entries = new Map<string, EntryInput>();
    const lineOf = (row: AllocationRow, fund: string, memo: string, key = row.entryKey) => {
      const id = `${key}/${fund}`;
      const entry: EntryInput = entries.get(id) ?? {
        key, fund, period: row.booked_on.slice(0, 7), date: row.booked_on, memo: `${memo} ${this.employer.credit_code} ${this.employer.name}`,
        source: { type: 'payment', id: String(row.payment_id) }, lines: [],
      };
      entries.set(id, entry);
      return (account: string, side: 'debit' | 'credit', amount: bigint, reference: string | null = null) => {
        const same = entry.lines.find((line) => line.account === account && (side === 'debit' ? line.debit !== undefined : line.credit !== undefined));
        if (same) same[side] = (same[side] ?? 0n) + amount;
        else entry.lines.push({ account, [side]: amount, ...(reference ? { reference } : {}) } as LineInput);
      };
    };
    const incomeAccount = (row: AllocationRow) => (row.part === 'late_fee' ? OTHER_INCOME_ACCOUNT : PREMIUM_REVENUE_ACCOUNT);
    for (const row of this.rows) {
      if (row.fromCredit) continue;
      // money arriving: into the receiving account, as income of the fund it pays, or as 暂收款 of the holding fund
      const bank = receivingAccount(this.employer.region_code, row.booked_on);
      const add = lineOf(row, row.fund_code!, row.part === 'credit' ? '暂收社会保险费' : '收缴社会保险费');
      add(bank, 'debit', row.amount, row.reference);
      add(row.part === 'credit' ? SUSPENSE_RECEIPTS_ACCOUNT : incomeAccount(row), 'credit', row.amount);
    }
    for (const row of this.rows) {
      if (!row.fromCredit || row.part === 'credit') continue;
      // a credit paying a bill: 暂收款 becomes income; across funds the money moves where it is held
      const source = this.creditSourceFund(row);
      const pay = lineOf(row, row.fund_code!, '预缴款抵缴');
      if (source === row.fund_code) {
        pay(SUSPENSE_RECEIPTS_ACCOUNT, 'debit', row.amount);
        pay(incomeAccount(row), 'credit', row.amount);
        continue;
      }
      const held = await this.accountHolding(tx, source, row);
      // its own entry: 暂收款 leaving a bank account is an entry of those two lines only (journal.calc.ts, 收支两条线)
      const release = lineOf(row, source, '预缴款划转', `${row.entryKey}:release`);
      release(SUSPENSE_RECEIPTS_ACCOUNT, 'debit', row.amount);
      release(held, 'credit', row.amount);
      pay(held, 'debit', row.amount);
      pay(incomeAccount(row), 'credit', row.amount);
    }
    return [...entries.values()];
  }

  /** The fund whose 暂收款 a credit-paid row draws on: the fund of the credit row of the same event. */
  private creditSourceFund(row: AllocationRow): string {
    const credit = this.rows.find((other) => other.part === 'credit' && other.entryKey === row.entryKey);
    return credit!.fund_code!;
  }

  private async accountHolding(tx: Tx, fund: string, row: AllocationRow): Promise<string> {
    return accountHoldingCredit(tx, this.employer.region_code, fund, this.arrivals.get(row.payment_id) ?? { paidOn: row.booked_on, recordedAt: new Date() });
  }
}

/**
 * Where a fund keeps the money of a credit (暂收款) that arrived on `paidOn` and was booked at `recordedAt`: the 财政专户
 * once a sweep of its month has moved it (a sweep posted after it was booked), or always where the tax authority
 * collects; else still the 收入户.
 */
export async function accountHoldingCredit(tx: Tx, regionCode: string, fund: string, arrival: { paidOn: string; recordedAt: Date }): Promise<string> {
  if (collectionModel(regionCode, arrival.paidOn) === 'tax') return SPECIAL_BANK_ACCOUNT;
  return (await sweptSince(tx, fund, arrival.paidOn.slice(0, 7), arrival.recordedAt)) ? SPECIAL_BANK_ACCOUNT : INCOME_BANK_ACCOUNT;
}

/** A bill of an employer and the payment its account credits are recorded against. */
export interface PaidBill { employerId: bigint; billId: bigint; paymentId: bigint }

/**
 * Credits the pension individual accounts (个人账户) for the periods of these bills whose employee pension part is
 * paid in full over all the period's bills (corrections included), by the payment named (国发〔2005〕38号: the
 * employee's 8% goes to the account; credited when paid, not when billed). Safe to call again: only a difference
 * between what is due and what was credited is ever written. The occupational annuity accounts likewise, for
 * `annuityBills` (a collection file names only the bills whose annuity parts it paid).
 */
export async function creditIndividualAccounts(tx: Tx, bills: readonly PaidBill[], annuityBills: readonly PaidBill[] = bills): Promise<number> {
  // 职业年金 (国办发〔2015〕18号 第六条): the annuity parts paid credit the person's occupational annuity account too
  return await repository.reconcileIndividualAccounts(tx, bills) + await creditOccupationalAnnuityAccounts(tx, annuityBills);
}

/**
 * Pays the employer's open bills from its credits (overpayments), booked on `date` (default today). Billing calls this
 * after billing an employer, so a credit pays the next bill as soon as it exists. Returns the amount of credit used.
 */
export async function applyCredits(database: DatabaseHandle, actor: Actor, employerId: bigint, date = todayInChina()): Promise<{ used: string }> {
  checkDate(date, 'date');
  return inScope(database, actor, (tx) => applyCreditsInTransaction(tx, actor, employerId, date));
}

/** applyCredits in the caller's transaction (a reassessment's supplementary bill takes the employer's credit at once). */
export async function applyCreditsInTransaction(tx: Tx, actor: Actor, employerId: bigint, date = todayInChina()): Promise<{ used: string }> {
  const employer = (await employersByIds(tx, [employerId])).get(employerId);
  if (!employer) throw notFound(subjects.employerById({ employerId }));
  const allocation = (await EmployerAllocation.loadAll(tx, [employer])).get(employerId)!;
  const used = allocation.useCredits(date, null, String(newId()));
  await EmployerAllocation.saveAll(tx, actor, [allocation]);
  if (used > 0n) await recordAudit(tx, actor, { action: 'payment.credit.apply', entityType: 'employer', entityId: employerId, regionCode: employer.region_code, after: { date, used: formatYuan(used) } });
  return { used: formatYuan(used) };
}

/**
 * After a credit note (冲减) on a period already paid: what was paid beyond what the period now asks, per insurance
 * and part, stops paying it and becomes the employer's credit — 暂收款 of the fund it was paid into (Dr 4001 / Cr
 * 2201, today), usable by the next bill or refunded — and the period's individual accounts are brought in line with
 * what is now paid (an over-credited account is debited). Returns the amount released.
 */
export async function releaseOverpaidPeriod(tx: Tx, actor: Actor, employerId: bigint, period: string, date = todayInChina()): Promise<bigint> {
  await repository.lockEmployerAllocations(tx, [employerId]);
  const parts = await repository.overpaidParts(tx, employerId, period);
  if (!parts.length) return 0n;
  const employer = (await employersByIds(tx, [employerId])).get(employerId)!;
  const rows: NewAllocation[] = parts.flatMap((part) => [
    { employer_id: employerId, id: newId(), payment_id: part.payment_id, bill_id: part.bill_id, insurance: part.insurance, part: part.part, amount: -part.excess,
      allocated_on: date, booked_on: date, fund_code: part.fund_code, region_code: employer.region_code },
    { employer_id: employerId, id: newId(), payment_id: part.payment_id, bill_id: null, insurance: null, part: 'credit' as const, amount: part.excess,
      allocated_on: date, booked_on: date, fund_code: part.fund_code, region_code: employer.region_code },
  ]);
  await repository.insertAllocations(tx, rows);
  const byFund = new Map<string, { amount: bigint; paymentId: bigint }>();
  for (const part of parts) {
    const fund = byFund.get(part.fund_code) ?? { amount: 0n, paymentId: part.payment_id };
    fund.amount += part.excess;
    byFund.set(part.fund_code, fund);
  }
  await postEntries(tx, actor, [...byFund].map(([fund, { amount, paymentId }]) => ({
    key: `credit-note:${employerId}:${period}:${newId()}`, fund, period: date.slice(0, 7), date, source: { type: 'payment', id: String(paymentId) },
    memo: `${period} 冲减已缴社会保险费转暂收款 ${employer.credit_code} ${employer.name}`,
    lines: [{ account: PREMIUM_REVENUE_ACCOUNT, debit: amount }, { account: SUSPENSE_RECEIPTS_ACCOUNT, credit: amount }],
  })));
  await creditIndividualAccounts(tx, parts.map((part) => ({ employerId, billId: part.bill_id, paymentId: part.payment_id })));
  const released = parts.reduce((sum, part) => sum + part.excess, 0n);
  await recordAudit(tx, actor, { action: 'payment.credit.release', entityType: 'employer', entityId: employerId, regionCode: employer.region_code, after: { period, date, released: formatYuan(released) } });
  return released;
}

/**
 * Allocates newly recorded payments, each employer's by date and file line (the employers' locks taken in id order),
 * then saves every employer's allocations together.
 */
async function allocateNew(tx: Tx, actor: Actor, payments: repository.PaymentRow[], employers: Map<bigint, EmployerRow>, options = { save: true }): Promise<AllocationOutcome[]> {
  const payers = [...new Set(payments.map((p) => p.employer_id))].map((id) => employers.get(id)!);
  const allocations = await EmployerAllocation.loadAll(tx, payers);
  const inOrder = [...payments].sort((a, b) => (a.paid_on === b.paid_on ? (a.line_number ?? 0) - (b.line_number ?? 0) : a.paid_on < b.paid_on ? -1 : 1));
  const outcomes = inOrder.map((payment) => allocations.get(payment.employer_id)!.pay(payment));
  if (options.save) await EmployerAllocation.saveAll(tx, actor, allocations.values());
  return outcomes;
}

/** A payment another import brings (the tax bureau's collection file): recorded once by its import key. */
export interface PaymentToRecord { employerId: bigint; date: string; amount: bigint; reference: string | null; source: 'tax'; importKey: string }

/**
 * Records and allocates payments in the caller's transaction (an import on the pipeline, its actor widened to the
 * pooled funds); a payment whose import key is recorded already is left out. Their money books like any payment,
 * into the receiving account of the region's collection model (fund-accounts.ts).
 */
export async function recordPayments(tx: Tx, actor: Actor, payments: PaymentToRecord[]): Promise<AllocationOutcome[]> {
  const employers = await employersByIds(tx, [...new Set(payments.map((payment) => payment.employerId))]);
  const inserted = await repository.insertNewPayments(tx, payments.map((payment, index) => ({
    employer_id: payment.employerId, id: newId(), region_code: employers.get(payment.employerId)!.region_code, paid_on: payment.date, amount: payment.amount,
    reference: payment.reference, source: payment.source, import_key: payment.importKey, file_name: null, line_number: index + 1, recorded_by: actor.username,
  })));
  return allocateNew(tx, actor, inserted, employers);
}

export interface PaymentInput { creditCode: string; date: string; amount: string; reference?: string | null; override?: unknown }

export interface RecordedPaymentView { id: string; creditCode: string; employerName: string; date: string; amount: string; reference: string | null; allocated: string; credit: string }

/**
 * 手工登记到账的自动核验 (control point manual_payment, medium grade: params/supervision/controls.yaml): a payment of the
 * employer on the same day with the same amount, or under the same reference, is recorded already and not reversed —
 * the money may be in twice. Each a warning the operator checks and may carry on over with a reason.
 */
async function manualPaymentWarnings(tx: Tx, employer: EmployerRow, input: { date: string; amount: bigint; reference: string | null }): Promise<CheckWarning[]> {
  const how = (payment: repository.SimilarPayment) => (payment.source === 'bank_file' ? paymentsSaid.sourceBankFile({ file: payment.file_name ?? '' })
    : payment.source === 'tax' ? paymentsSaid.sourceTax() : paymentsSaid.sourceManual({ by: payment.recorded_by }));
  const similar = await repository.similarPayments(tx, { employerId: employer.id, ...input });
  const sameReference = similar.find((payment) => payment.same_reference);
  const sameDay = similar.find((payment) => payment.same_day_amount && payment !== sameReference);
  return [
    ...(sameDay ? [{ check: 'same_day_amount', message: paymentsSaid.sameDayAmount({ date: sameDay.paid_on, amount: formatYuan(sameDay.amount), how: how(sameDay) }) }] : []),
    ...(sameReference ? [{ check: 'reference_recorded', message: paymentsSaid.referenceRecorded({ reference: sameReference.reference!, date: sameReference.paid_on, amount: formatYuan(sameReference.amount), how: how(sameReference) }) }] : []),
  ];
}

/**
 * Records one payment by hand (e.g. a cheque at the counter) and allocates it — past the automatic checks
 * (manualPaymentWarnings): a warning stops it (409 check_warnings) unless `override: {reason}` says why it is right.
 */
export async function recordPayment(database: DatabaseHandle, actor: Actor, input: PaymentInput): Promise<RecordedPaymentView> {
  const date = checkDate(input.date, 'date');
  const amount = paymentAmount(input.amount);
  const reference = input.reference?.trim() || null;
  const override = readOverride(input.override);
  // The employer must be in the actor's scope; allocation then books into every fund of its bills (widenToPooledFunds).
  const employer = await inScope(database, actor, (tx) => employerByCreditCode(tx, input.creditCode.trim().toUpperCase()));
  if (!employer) throw notFound(subjects.employer({ creditCode: input.creditCode }));
  const job = widenToPooledFunds(actor, PAYMENTS_ACROSS_POOLS);
  return inScope(database, job, async (tx) => {
    await passChecks(database, tx, actor, {
      point: 'payment.manual', regionCode: employer.region_code, subject: employer.credit_code, override,
      warnings: await manualPaymentWarnings(tx, employer, { date, amount, reference }),
    });
    const id = newId();
    const [payment] = await repository.insertNewPayments(tx, [{
      employer_id: employer.id, id, region_code: employer.region_code, paid_on: date, amount, reference, source: 'manual',
      import_key: `manual:${id}`, file_name: null, line_number: null, recorded_by: actor.username,
    }]);
    const [outcome] = await allocateNew(tx, job, [payment], new Map([[employer.id, employer]]));
    const view = {
      id: String(id), creditCode: employer.credit_code, employerName: employer.name, date, amount: formatYuan(amount), reference,
      allocated: formatYuan(outcome.allocated), credit: formatYuan(outcome.credit),
    };
    await recordAudit(tx, job, { action: 'payment.record', entityType: 'payment', entityId: id, regionCode: employer.region_code, after: view });
    return view;
  });
}

export interface ImportResultView {
  fileName: string; rows: number; recorded: number; alreadyRecorded: number; amount: string; allocated: string; credit: string;
}

/** What confirming a collection file would do: per employer and in total, from the rows not recorded before. */
export interface CollectionPreview {
  fileName: string; rows: number; toRecord: number; alreadyRecorded: number; amount: string; allocated: string; credit: string;
  employers: { creditCode: string; name: string; payments: number; amount: string; allocated: string; credit: string }[];
}

interface CollectionRows { fileName: string; rows: number; payments: repository.PaymentRow[]; employers: Map<bigint, EmployerRow>; alreadyRecorded: number }

/**
 * The collection file on the import pipeline: every row checked first (date, known employer in the importer's own
 * scope, amount above zero), one bad row refuses the file listing every bad row; payments recorded before (same
 * identity, collection-file.schema.ts) are left out; the rest are recorded and allocated. Allocation books into
 * every fund of the employer's bills, so the transaction runs widened to the pooled funds.
 */
function collectionImport(recordedBy: string): ImportDefinition<CheckedTable, CollectionRows, ImportResultView> {
  return {
    kind: 'payments',
    read: tableReader(collectionFileSchema),
    transactionActor: (actor) => widenToPooledFunds(actor, PAYMENTS_ACROSS_POOLS),
    async check(tx, actor, file, read) {
      const fileName = read.fileName;
      const problems = moreProblems(file);
      const valid = file.rows.filter((r) => r.valid);
      const own = { ...actor, widenedScope: undefined };
      const codes = [...new Set(valid.map((r) => String(r.values.creditCode).toUpperCase()))];
      const byCode = new Map((await employersByCreditCodes(tx, codes)).filter((e) => inActorScope(own, e.region_code)).map((e) => [e.credit_code, e]));
      const good: { row: number; date: string; employer: EmployerRow; amount: bigint; reference: string | null; transactionId: string | null }[] = [];
      for (const { row, values } of valid) {
        const creditCode = String(values.creditCode).toUpperCase();
        const employer = byCode.get(creditCode);
        const amount = values.amount as bigint;
        if (!employer) problems.add(row, 'creditCode', 'known_employer', paymentsSaid.unknownEmployer({ creditCode }));
        if (amount <= 0n) problems.add(row, 'amount', 'above_zero', paymentsSaid.aboveZero({ amount: formatYuan(amount) }));
        const date = values.date as string;
        const dateRule = dateProblem(date);
        if (dateRule) problems.add(row, 'date', 'date_range', dateRule);
        if (employer && amount > 0n && !dateRule) good.push({ row, date, employer, amount, reference: (values.reference as string | undefined) ?? null, transactionId: (values.transactionId as string | undefined) ?? null });
      }
      const keys = paymentImportKeys(good.map((g) => ({ date: g.date, creditCode: g.employer.credit_code, amount: g.amount, transactionId: g.transactionId })));
      const recorded = await repository.recordedImportKeys(tx, keys);
      const payments = good.flatMap((g, k) => (recorded.has(keys[k]) ? [] : [{
        employer_id: g.employer.id, id: newId(), region_code: g.employer.region_code, paid_on: g.date, amount: g.amount, reference: g.reference,
        source: 'bank_file' as const, import_key: keys[k], file_name: fileName, line_number: g.row, recorded_by: recordedBy, recorded_at: new Date(),
      }]));
      return {
        prepared: { fileName, rows: file.rows.length, payments, employers: new Map(good.map((g) => [g.employer.id, g.employer])), alreadyRecorded: good.length - payments.length },
        problems: problems.list,
      };
    },
    async preview(tx, actor, prepared) {
      // The allocation computed as confirming would (same bills, same order), then left unsaved.
      const outcomes = await allocateNew(tx, actor, prepared.payments, prepared.employers, { save: false });
      const outcomeOf = new Map(outcomes.map((o) => [o.paymentId, o]));
      const byEmployer = new Map<bigint, { payments: number; amount: bigint; allocated: bigint; credit: bigint }>();
      for (const payment of prepared.payments) {
        const total = byEmployer.get(payment.employer_id) ?? { payments: 0, amount: 0n, allocated: 0n, credit: 0n };
        const outcome = outcomeOf.get(payment.id)!;
        byEmployer.set(payment.employer_id, { payments: total.payments + 1, amount: total.amount + payment.amount, allocated: total.allocated + outcome.allocated, credit: total.credit + outcome.credit });
      }
      const sum = (pick: (o: AllocationOutcome) => bigint) => outcomes.reduce((total, o) => total + pick(o), 0n);
      const preview: CollectionPreview = {
        fileName: prepared.fileName, rows: prepared.rows, toRecord: prepared.payments.length, alreadyRecorded: prepared.alreadyRecorded,
        amount: formatYuan(prepared.payments.reduce((total, p) => total + p.amount, 0n)), allocated: formatYuan(sum((o) => o.allocated)), credit: formatYuan(sum((o) => o.credit)),
        employers: [...byEmployer].map(([id, t]) => {
          const employer = prepared.employers.get(id)!;
          return { creditCode: employer.credit_code, name: employer.name, payments: t.payments, amount: formatYuan(t.amount), allocated: formatYuan(t.allocated), credit: formatYuan(t.credit) };
        }),
      };
      return { ...preview };
    },
    async apply(tx, actor, prepared) {
      const inserted = await repository.insertNewPayments(tx, prepared.payments.map(({ recorded_at: _at, ...payment }) => payment));
      const outcomes = await allocateNew(tx, actor, inserted, prepared.employers);
      const sum = (pick: (o: AllocationOutcome) => bigint) => outcomes.reduce((total, o) => total + pick(o), 0n);
      const result = {
        fileName: prepared.fileName, rows: prepared.rows, recorded: inserted.length, alreadyRecorded: prepared.rows - inserted.length,
        amount: formatYuan(inserted.reduce((total, p) => total + p.amount, 0n)), allocated: formatYuan(sum((o) => o.allocated)), credit: formatYuan(sum((o) => o.credit)),
      };
      if (inserted.length) await recordAudit(tx, actor, { action: 'payment.import', entityType: 'payment_file', entityId: prepared.fileName, after: result });
      return { applied: inserted.length, result };
    },
  };
}

/**
 * Imports the bank's collection file: `apply` records and allocates it (all rows or none), `preview` checks it and
 * shows what applying would do, keeping the file for `confirmCollectionImport`. The same file again answers with its
 * first result; a payment recorded by an earlier file is not recorded again.
 */
export async function importCollectionFile(database: DatabaseHandle, actor: Actor, file: ImportFile, mode: 'apply' | 'preview' = 'apply') {
  return runImport(database, actor, collectionImport(actor.username), file, mode);
}

/** Applies a previewed collection file (checked again: payments recorded since the preview are left out). */
export async function confirmCollectionImport(database: DatabaseHandle, actor: Actor, importId: bigint, sha256?: string) {
  return confirmImport(database, actor, collectionImport(actor.username), importId, sha256);
}


type ReversalPayload = { paymentId: string; employerId: string; reason: string };

/**
 * 冲正: reverses a payment that should not have been recorded (a bounced transfer, a payment booked to the wrong
 * employer). A sign-off item: one person requests it, a second (and a third from the kind's amount threshold)
 * approves; on the final approval its allocations are negated on their own dates — for arrears and late fees the
 * money never arrived — its ledger entries are reversed today, and individual accounts of periods no longer paid in
 * full are debited, all in the approval's transaction. The payment row stays; a second reversal is refused.
 */
export const paymentReversalSignoff = registerSignoffKind<ReversalPayload>({
  kind: 'payment.reversal',
  label: '缴费到账冲正',
  parameters: 'signoff.payment_reversal',
  requestPermission: 'payment.reverse.request',
  levels: [
    { name: 'review', label: '复核', permission: 'payment.reverse.review' },
    { name: 'approve', label: '审批', permission: 'payment.reverse.approve' },
  ],
  // the reversal books into every fund the payment paid, above the approver's region
  decisionActor: (approver) => widenToPooledFunds(approver, PAYMENTS_ACROSS_POOLS),
  effect: (tx, approver, item) => applyPaymentReversal(tx, approver, item.id, item.payload),
  subjectLink: (payload) => `/collection/payments?payment=${payload.paymentId}`,
});

async function applyPaymentReversal(tx: Tx, actor: Actor, approvalItemId: bigint, request: ReversalPayload) {
  const employerId = BigInt(request.employerId), paymentId = BigInt(request.paymentId);
  await repository.lockEmployerAllocations(tx, [employerId]);
  const payment = await repository.findPaymentOfEmployer(tx, employerId, paymentId);
  if (!payment) throw notFound(subjects.payment({ paymentId }));
  const already = await repository.findReversal(tx, employerId, paymentId);
  if (already) throw conflict('paymentId', paymentsSaid.alreadyReversed({ paymentId, reversedOn: already.reversed_on }));
  const today = todayInChina();
  const allocations = await repository.allocationsOfPayment(tx, employerId, paymentId);
  await repository.insertAllocations(tx, allocations.map((a) => ({
    employer_id: employerId, id: newId(), payment_id: paymentId, bill_id: a.bill_id, insurance: a.insurance, part: a.part,
    amount: -a.amount, allocated_on: a.allocated_on, booked_on: today, fund_code: a.fund_code, region_code: a.region_code,
  })));
  const entries = await reverseEntriesOfSource(tx, actor, { type: 'payment', id: String(paymentId) }, { keyPrefix: `payment-reversal:${paymentId}`, date: today, memo: `冲正 ${request.reason}` });
  await repository.insertReversal(tx, {
    employer_id: employerId, payment_id: paymentId, region_code: payment.region_code, reason: request.reason, reversed_on: today, reversed_by: actor.username, approval_item_id: approvalItemId,
  });
  const bills = [...new Set(allocations.filter((a) => a.bill_id !== null).map((a) => a.bill_id!))];
  await creditIndividualAccounts(tx, bills.map((billId) => ({ employerId, billId, paymentId })));
  const view = {
    paymentId: String(paymentId), creditCode: payment.credit_code, amount: formatYuan(payment.amount), reversedOn: today, reason: request.reason,
    allocationsReversed: allocations.length, entriesReversed: entries.length,
  };
  await recordAudit(tx, actor, { action: 'payment.reverse', entityType: 'payment', entityId: paymentId, regionCode: payment.region_code, after: { ...view, approvalItem: approvalItemId.toString() } });
  return view;
}

/** Requests the reversal of a payment in the actor's scope: the sign-off item waits in the reviewers' inbox. */
export async function requestPaymentReversal(database: DatabaseHandle, actor: Actor, input: { paymentId: bigint; reason: string }) {
  const reason = input.reason?.trim() ?? '';
  if (reason.length < 2 || reason.length > 500) throw invalid('reason', paymentsSaid.reasonLength());
  return inScope(database, actor, async (tx) => {
    const payment = await repository.findPaymentById(tx, input.paymentId);
    if (!payment) throw notFound(subjects.payment({ paymentId: input.paymentId }));
    const already = await repository.findReversal(tx, payment.employer_id, payment.id);
    if (already) throw conflict('paymentId', paymentsSaid.alreadyReversed({ paymentId: payment.id, reversedOn: already.reversed_on }));
    return submitForApproval(tx, actor, paymentReversalSignoff, {
      regionCode: payment.region_code, title: `冲正 ${payment.credit_code} ${payment.paid_on} ${formatYuan(payment.amount)} 元`, subjectKey: `payment:${payment.id}`,
      amount: payment.amount, payload: { paymentId: payment.id.toString(), employerId: payment.employer_id.toString(), reason }, comment: reason,
    });
  });
}

export interface PaymentAllocationView { billNumber: string; period: string; insurance: string; part: string; amount: string }
export interface PaymentView {
  id: string; creditCode: string; employerName: string; date: string; amount: string; reference: string | null; source: string;
  /** 交易流水号: the bank's transaction number, when the collection file gave one. */
  transactionId: string | null;
  allocated: string; credit: string; allocations: PaymentAllocationView[];
  /** 冲正: set when the payment was reversed. */
  reversed: { date: string; reason: string; by: string } | null;
  /** 冲正审核中: the open sign-off item of a requested reversal (pending or returned to its drafter). */
  reversalRequest: { approvalItemId: string; status: string } | null;
}

export interface PaymentListQuery { employer?: string; from?: string; to?: string; minAmount?: string; maxAmount?: string }

/** Newest first; the id (time-ordered, unique per employer and in practice overall) breaks ties. */
const paymentOrder: SortKey[] = [{ by: 'payment.paid_on', direction: 'desc' }, { by: 'payment.id', direction: 'desc' }];

/** The filter of the payments an actor may list: an employer account its own only (another employer is not found). */
async function paymentFilter(tx: Tx, actor: Actor, query: PaymentListQuery): Promise<repository.PaymentFilter> {
  const only = ownEmployerOnly(actor);
  const employerId = query.employer ? (await visibleEmployer(tx, actor, query.employer)).id : only ?? undefined;
  return {
    employerId,
    from: query.from === undefined ? undefined : checkDate(query.from, 'from'),
    to: query.to === undefined ? undefined : checkDate(query.to, 'to'),
    minAmount: query.minAmount === undefined ? undefined : parseYuan(query.minAmount, 'minAmount'),
    maxAmount: query.maxAmount === undefined ? undefined : parseYuan(query.maxAmount, 'maxAmount'),
  };
}

/** Payments as the list shows them: where their money went, and a reversal done or asked for. */
async function paymentViews(tx: Tx, payments: repository.PaymentListRow[]): Promise<PaymentView[]> {
  const allocations = await repository.allocationsOfPayments(tx, payments);
  const requests = await openItemsOfSubjects(tx, payments.map((p) => `payment:${p.id}`));
  return payments.map((payment) => {
    const own = allocations.filter((a) => a.payment_id === payment.id);
    const parts = own.filter((a) => a.part !== 'credit');
    return {
      id: String(payment.id), creditCode: payment.credit_code, employerName: payment.employer_name, date: payment.paid_on,
      amount: formatYuan(payment.amount), reference: payment.reference, source: payment.source, transactionId: payment.transaction_id,
      allocated: formatYuan(parts.reduce((sum, a) => sum + a.amount, 0n)),
      credit: formatYuan(own.filter((a) => a.part === 'credit').reduce((sum, a) => sum + a.amount, 0n)),
      allocations: parts.map((a) => ({ billNumber: a.bill_number!, period: a.period!, insurance: a.insurance!, part: a.part, amount: formatYuan(a.amount) })),
      reversed: payment.reversed_on ? { date: payment.reversed_on, reason: payment.reversal_reason!, by: payment.reversed_by! } : null,
      reversalRequest: requests.filter((r) => r.subject_key === `payment:${payment.id}`).map((r) => ({ approvalItemId: r.id.toString(), status: r.status }))[0] ?? null,
    };
  });
}

/**
 * A page of payments, newest first, with their count and what every matching payment adds up to (`amountTotal`;
 * null when the count stopped at the cap: a sum over more than 10,000 rows is left to the export's totals row).
 */
export async function listPayments(database: DatabaseHandle, actor: Actor, query: PaymentListQuery, request: ListRequest): Promise<ListAnswer<PaymentView> & { amountTotal: string | null }> {
  return inScope(database, actor, async (tx) => {
    const filter = await paymentFilter(tx, actor, query);
    const page = await listPage(tx, repository.paymentsQuery(tx, filter), paymentOrder, request, (rows) => paymentViews(tx, rows));
    return { ...page, amountTotal: page.totalCapped ? null : formatYuan(await repository.sumOfPayments(tx, filter)) };
  });
}

/** The payments past the cursor as the export's rows (without allocations), uncounted. */
export async function paymentRows(database: DatabaseHandle, actor: Actor, query: PaymentListQuery, request: ListRequest) {
  return inScope(database, actor, async (tx) => keysetPage(repository.paymentsQuery(tx, await paymentFilter(tx, actor, query)), paymentOrder, request));
}
