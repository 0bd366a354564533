/**
 * `sifund demo --history-months N`: the demo city's last N months run through the services an agency uses, oldest
 * month first, each step on its own day (onBusinessDay: the services date what they do "today"):
 *   day 1   the sweep of last month's 收入户 to the 财政专户 (ledger.sweep_day, 财社〔2017〕144号), the month's billing
 *           run (the first month also bills the month before go-live, due in the first month), and the year-end
 *           interest run of the individual accounts in the month pension.account.interest_run_month once the year's
 *           crediting rate is published (劳办发〔1997〕116号);
 *   day 5   the medical fund's monthly pre-allocation to the designated institutions, signed off (复核, 审批), paid on day 10;
 *   day 10  the pension payroll: run, 复核, 审批, the 用款申请 approved by finance, the bank file on day 12 and the bank's
 *           result on day 15, every payee paid;
 *   day 15  the bank's collection file of the employers paying last month's bills on time (on or before the due day);
 *   day 20  the unemployment claims' monthly run; when the unemployment fund's 支出户 lacks what the run books, a 用款
 *           voucher (手工凭证 财政专户 → 支出户, 复核 and 审批) brings the shortfall first;
 *   day 25  the late payers pay principal and late fee as the arrears list (催缴清单) states them that day;
 *   31 Dec  财政补贴收入: where a pension fund's year's expense exceeds its income, finance records the subsidy that
 *           covers the gap as a voucher (Dr 财政专户 / Cr 财政补贴收入) signed by the province's 复核 and 审批 — the
 *           ledger has no subsidy service of its own, so it takes the manual-voucher path (drafts.service.ts).
 * Bank interest on the funds' deposits (利息收入) is not recorded: no parameter gives the deposit rates.
 *
 * Every decision is made by the demo's own staff accounts (demoStaff: op.990100 and op.990000 run, review.* and
 * approve.* sign, finance.990000 approves transfers and drafts subsidies), never one person twice on an item; their
 * actor carries the request id `sifund demo --history-months N`, so every audit record of the history says the demo
 * made it. Payments go through the collection file import (set-based: one file per month and kind), not one call per
 * employer. Employers pay as history.calc.ts draws it from the seed: the same seed replays the same history.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, systemActor, type Actor } from '../../../platform/actor.ts';
import { can, type Permission } from '../../../platform/access/permissions.ts';
import { AppError } from '../../../platform/errors.ts';
import { render } from '../../../platform/messages.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import { getParameters, onBusinessDay } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { decide, getApproval, listApprovals, type ApprovalItemView } from '../../../platform/signoff/signoff.service.ts';
import { DEMO_CITY, DEMO_PROVINCE, demoStaff } from './demo.calc.ts';
import { LATE_PAYMENT_DAY, dayOfMonth, historyMonths, paymentHabit, shiftMonth } from './history.calc.ts';
import * as repository from './demo.repository.ts';

export interface DemoHistoryOptions { months: number; lastMonth: string; seed: number }

export interface DemoHistory {
  goLive: string;
  firstMonth: string;
  lastMonth: string;
  /** Yuan: bills issued, payments recorded (late fees included), pensions paid, medical pre-allocations paid, the
   * unemployment fund's medical contributions, 用款 vouchers to the unemployment 支出户, fiscal subsidies. */
  totals: { billed: string; paid: string; pensionsPaid: string; claimsPaid: string; medicalPrepayments: string; unemploymentMedicalContributions: string; expenseAccountTransfers: string; fiscalSubsidies: string };
  counts: { bills: number; paymentsOnTime: number; paymentsLate: number; employersInArrears: number; payrollBatches: number; payees: number; prepaymentMonths: number; claimMonths: number; subsidies: number; budgets: number };
  /** The individual accounts' interest runs: done per year, or why not. */
  interest: { year: number; done: boolean; note?: string }[];
  /** The budgets of a year and region the December draft could not make, and why. */
  budgetsNotDrafted: { year: number; region: string; reason: string }[];
  /** Seconds per kind of step, over all months. */
  phases: Record<string, number>;
  seconds: number;
}

export interface DemoHistoryHooks { log?: (message: string) => void; onProgress?: (done: number, total: number) => void }

const CREDITING_RATE = 'pension.account.crediting_rate';
const INTEREST_RUN_MONTH = 'pension.account.interest_run_month';
const PENSION_INSURANCES = ['pension', 'public_pension'];
/** The funds the claims are paid from (maternity from the medical fund since the merger). */
const CLAIM_INSURANCES = ['unemployment', 'work_injury', 'medical', 'maternity'];

/** The demo's staff as actors, each carrying the history's request id into the audit trail. */
async function staffActors(database: DatabaseHandle, requestId: string): Promise<Map<string, Actor>> {
  const actors = new Map<string, Actor>();
  for (const staff of demoStaff()) {
    const user = await repository.findUserId(database, staff.username);
    if (!user) throw new Error(`demo staff account ${staff.username} is missing`);
    actors.set(staff.username, { userId: BigInt(user.id), username: staff.username, role: staff.role, regionCode: staff.regionCode, requestId });
  }
  return actors;
}

/** Approves a sign-off item through every level it needs, each level by the first signer not yet used who may sign it. */
async function signOff(database: DatabaseHandle, itemId: string, signers: Actor[], comment: string): Promise<ApprovalItemView> {
  const unused = [...signers];
  let view = await getApproval(database, signers[0], BigInt(itemId));
  while (view.status === 'pending') {
    const permission = view.nextLevel!.permission as Permission;
    const index = unused.findIndex((signer) => can(signer, permission));
    if (index < 0) throw new Error(`sign-off item ${itemId} (${view.kind}): no demo signer left holds ${permission}`);
    const [signer] = unused.splice(index, 1);
    view = await decide(database, signer, BigInt(itemId), 'approve', comment);
  }
  if (view.status !== 'approved') throw new Error(`sign-off item ${itemId} (${view.kind}) ended ${view.status}`);
  return view;
}

const refused = (error: unknown, status: number, key?: string): error is AppError =>
  error instanceof AppError && error.status === status && (key === undefined || (typeof error.said !== 'string' && error.said.key === key));

const csvFile = (fileName: string, header: string, rows: string[]) => ({ fileName, content: Buffer.from(`${header}\n${rows.join('\n')}\n`, 'utf8') });

/** Replays the history (after generateDemo's load, pensioners, institutions and claims). */
export async function runDemoHistory(database: DatabaseHandle, options: DemoHistoryOptions, hooks: DemoHistoryHooks = {}): Promise<DemoHistory> {
  const { runBilling, billRows, importCollectionFile, dunningList, runInterest } = await import('../../collection/index.ts');
  const { runPayroll, bankFile, importBankResult, runClaimMonth } = await import('../../benefits/index.ts');
  const { runPrepayment, payPrepayment } = await import('../../medical/index.ts');
  const { createVersion, submitVersion } = await import('../../budget/index.ts');
  const { chartFor, createDraft, incomeExpenditureStatement, listFunds, sweepIncomeAccount } = await import('../../ledger/index.ts');
  const log = hooks.log ?? (() => {});
  const started = performance.now();
  const phases: Record<string, number> = {};
  const timed = async <T>(phase: string, day: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try { return await onBusinessDay(day, work); } finally { phases[phase] = Math.round(((phases[phase] ?? 0) + (performance.now() - t0) / 1000) * 1000) / 1000; }
  };

  const months = historyMonths(options.lastMonth, options.months);
  const goLive = `${months[0]}-01`;
  const staff = await staffActors(database, `sifund demo --history-months ${options.months}`);
  const who = (username: string) => staff.get(username)!;
  const cityOperator = who(`op.${DEMO_CITY.code}`), provinceOperator = who(`op.${DEMO_PROVINCE.code}`), finance = who(`finance.${DEMO_PROVINCE.code}`);
  const citySigners = [who(`review.${DEMO_CITY.code}`), who(`approve.${DEMO_CITY.code}`)];
  const provinceSigners = [who(`review.${DEMO_PROVINCE.code}`), who(`approve.${DEMO_PROVINCE.code}`)];
  const funds = await listFunds(database, finance);

  const totals = { billed: 0n, paid: 0n, pensionsPaid: 0n, claimsPaid: 0n, medicalPrepayments: 0n, unemploymentMedicalContributions: 0n, expenseAccountTransfers: 0n, fiscalSubsidies: 0n };
  const counts = { bills: 0, paymentsOnTime: 0, paymentsLate: 0, employersInArrears: 0, payrollBatches: 0, payees: 0, prepaymentMonths: 0, claimMonths: 0, subsidies: 0, budgets: 0 };
  const interest: DemoHistory['interest'] = [];
  const budgetsNotDrafted: DemoHistory['budgetsNotDrafted'] = [];
  const arrearsEmployers = new Set<string>();
  /** Employers that pay the bills of a period late: drawn when the period's on-time file is written, paid on day 25. */
  const latePayers = new Set<string>();

  const bill = async (period: string, day: string) => {
    await timed('billing', day, () => runBilling(database, cityOperator, { period, region: DEMO_CITY.code }));
  };

  /** The collection file of the bills of `period` paid on time, imported on their due day; the late payers noted. */
  const payOnTime = async (period: string) => {
    const bills: { creditCode: string; number: string; total: bigint; dueDate: string }[] = [];
    let after: string | undefined;
    do {
      const page = await billRows(database, cityOperator, { period, region: DEMO_CITY.code }, { limit: 1000, after });
      for (const row of page.items) bills.push({ creditCode: row.credit_code, number: row.number, total: BigInt(row.total), dueDate: row.due_date });
      after = page.nextCursor ?? undefined;
    } while (after);
    counts.bills += bills.length;
    totals.billed += bills.reduce((sum, b) => sum + b.total, 0n);
    latePayers.clear();
    const rows: string[] = [];
    let dueDay = '';
    for (const b of bills) {
      if (b.total <= 0n) continue;
      const habit = paymentHabit(options.seed, b.creditCode, period, b.dueDate);
      if (habit.kind === 'arrears') { arrearsEmployers.add(b.creditCode); continue; }
      if (habit.kind === 'late') { latePayers.add(b.creditCode); continue; }
      rows.push(`${habit.paidOn},${b.creditCode},${formatYuan(b.total)},${b.number}`);
      if (b.dueDate > dueDay) dueDay = b.dueDate;
      totals.paid += b.total;
    }
    if (!rows.length) return;
    counts.paymentsOnTime += rows.length;
    await timed('payments', dueDay, () => importCollectionFile(database, cityOperator, csvFile(`demo-collection-${period}.csv`, 'date,creditCode,amount,reference', rows)));
  };

  /** The late payers of `period` pay what the arrears list says they owe on `day`: principal and late fee. */
  const payLate = async (period: string, day: string) => {
    if (!latePayers.size) return;
    await timed('latePayments', day, async () => {
      const owed = await dunningList(database, cityOperator, { asOf: day, region: DEMO_CITY.code, limit: 'all' });
      const rows = owed.items.filter((item) => latePayers.has(item.creditCode)).map((item) => {
        const amount = parseYuan(item.principal) + parseYuan(item.lateFee);
        totals.paid += amount;
        return `${day},${item.creditCode},${formatYuan(amount)},逾期补缴 ${period}`;
      });
      counts.paymentsLate += rows.length;
      if (rows.length) await importCollectionFile(database, cityOperator, csvFile(`demo-collection-late-${period}.csv`, 'date,creditCode,amount,reference', rows));
    });
  };

  const sweep = async (period: string, day: string) => {
    await timed('sweeps', day, async () => { for (const fund of funds) await sweepIncomeAccount(database, finance, fund.code, period); });
  };

  const prepay = async (month: string) => {
    const view = await timed('medicalPrepayment', dayOfMonth(month, 5), async () => {
      try { return await runPrepayment(database, cityOperator, { month, region: DEMO_CITY.code }); } catch (error) { if (refused(error, 404)) return null; throw error; }
    });
    if (!view) return;
    await timed('medicalPrepayment', dayOfMonth(month, 5), async () => { if (view.approvalItemId) await signOff(database, view.approvalItemId, citySigners, '演示数据：同意预拨'); });
    const paid = await timed('medicalPrepayment', dayOfMonth(month, 10), () => payPrepayment(database, cityOperator, { month, region: DEMO_CITY.code }));
    totals.medicalPrepayments += parseYuan(paid.total);
    counts.prepaymentMonths++;
  };

  const payroll = async (month: string) => {
    const run = await timed('payroll', dayOfMonth(month, 10), async () => {
      try { return await runPayroll(database, provinceOperator, { period: month, region: DEMO_PROVINCE.code }); } catch (error) { if (refused(error, 404)) return null; throw error; }
    });
    if (!run) return;
    await timed('payroll', dayOfMonth(month, 10), async () => {
      for (const batch of run.summary.batches) if (batch.approvalItemId) await signOff(database, batch.approvalItemId, provinceSigners, '演示数据：同意发放');
      // the 用款申请 the sign-off filed (only what the 支出户 lacks, if anything), approved by finance
      const transfers = await listApprovals(database, finance, { status: 'pending', kind: 'fund.transfer', limit: 100 });
      for (const item of transfers.items) await signOff(database, item.id, [finance], '演示数据：同意拨付');
    });
    const file = await timed('payroll', dayOfMonth(month, 12), () => bankFile(database, provinceOperator, { period: month, region: DEMO_PROVINCE.code }));
    const references = file.content.toString('utf8').replace(/^\uFEFF/, '').split('\r\n').slice(1).filter(Boolean).map((line) => line.slice(0, line.indexOf(',')));
    if (references.length) {
      await timed('payroll', dayOfMonth(month, 15), () => importBankResult(database, provinceOperator,
        csvFile(`demo-bank-result-${month}.csv`, 'reference,status,reason', references.map((reference) => `${reference},paid,`))));
    }
    totals.pensionsPaid += parseYuan(file.total);
    counts.payrollBatches += run.summary.batches.length;
    counts.payees += references.length;
  };

  /** The claims' month; a 支出户 short of the medical contributions first gets the shortfall from the 财政专户 by a signed voucher. */
  const claimMonth = async (month: string) => {
    const day = dayOfMonth(month, 20);
    await timed('claims', day, async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          const result = await runClaimMonth(database, cityOperator, month);
          totals.unemploymentMedicalContributions += parseYuan(result.medicalContributions);
          if (result.claimants > 0) counts.claimMonths++;
          return;
        } catch (error) {
          if (attempt > 0 || !refused(error, 409, 'benefits.claim.expenseAccountShort') || typeof error.said === 'string') throw error;
          const { fund, balance, amount } = error.said.params as { fund: string; balance: string; amount: string };
          const shortfall = parseYuan(amount) - parseYuan(balance);
          const chart = chartFor(Number(month.slice(0, 4)));
          const account = (role: string) => chart.accounts.find((a) => a.role === role)!.code;
          const draft = await createDraft(database, cityOperator, fund, {
            period: month, date: day, memo: `用款：${month} 失业保险金月度处理代缴职工基本医疗保险费（演示数据）`,
            lines: [{ account: account('expense_bank'), debit: formatYuan(shortfall) }, { account: account('special_bank'), credit: formatYuan(shortfall) }],
          });
          await signOff(database, draft.id, citySigners, '演示数据：同意用款');
          totals.expenseAccountTransfers += shortfall;
        }
      }
    });
  };

  /**
   * Day 22: finance approves the claims' 用款申请 (what their funds' 支出户 could not pay), and each claim fund's bank file
   * pays its funded orders (the claims' one-off amounts and the month's unemployment benefit), the bank paying all.
   */
  const payClaims = async (month: string) => {
    const day = dayOfMonth(month, 22);
    await timed('claims', day, async () => {
      const transfers = await listApprovals(database, finance, { status: 'pending', kind: 'fund.transfer', limit: 100 });
      for (const item of transfers.items) await signOff(database, item.id, [finance], '演示数据：同意拨付');
      for (const fund of funds.filter((f) => CLAIM_INSURANCES.includes(f.insurance))) {
        const file = await bankFile(database, cityOperator, { period: month, fund: fund.code }).catch((error: unknown) => {
          if (refused(error, 404)) return null;
          throw error;
        });
        if (!file || !file.rows) continue;
        const references = file.content.toString('utf8').replace(/^\uFEFF/, '').split('\r\n').slice(1).filter(Boolean).map((line) => line.slice(0, line.indexOf(',')));
        await importBankResult(database, cityOperator, csvFile(`demo-bank-result-${fund.code}-${month}.csv`, 'reference,status,reason', references.map((reference) => `${reference},paid,`)));
        totals.claimsPaid += parseYuan(file.total);
      }
    });
  };

  /** 31 December: the subsidy that covers a pension fund's year's deficit. */
  const fiscalSubsidies = async (year: number) => {
    const day = `${year}-12-31`;
    await timed('yearEnd', day, async () => {
      const chart = chartFor(year);
      const special = chart.accounts.find((a) => a.role === 'special_bank')!.code;
      const subsidy = chart.accounts.find((a) => a.subject === 'fiscal_subsidy_income')!.code;
      for (const fund of funds.filter((f) => PENSION_INSURANCES.includes(f.insurance))) {
        const statement = await incomeExpenditureStatement(database, finance, fund.code, String(year));
        const deficit = parseYuan(statement.totalExpenditure.yearToDate) - parseYuan(statement.totalIncome.yearToDate);
        if (deficit <= 0n) continue;
        const draft = await createDraft(database, finance, fund.code, {
          period: `${year}-12`, date: day, memo: `${year}年财政补贴收入：弥补当年基金收支缺口（演示数据）`,
          lines: [{ account: special, debit: formatYuan(deficit) }, { account: subsidy, credit: formatYuan(deficit) }],
        });
        await signOff(database, draft.id, provinceSigners, '演示数据：同意入账');
        totals.fiscalSubsidies += deficit;
        counts.subsidies++;
      }
    });
  };

  /**
   * 28 December: next year's budget of the city (its medical, unemployment and work-injury funds) and of the province
   * (its pension funds), each drafted from the ledger's actuals by the city's or province's 经办, submitted and signed
   * off by 复核 and 审批 (the budget module's workflow), so the year starts with an approved budget to execute.
   */
  const nextYearBudget = async (year: number) => {
    const day = `${year - 1}-12-28`;
    await timed('budget', day, async () => {
      for (const [region, drafter, signers] of [[DEMO_CITY.code, cityOperator, citySigners], [DEMO_PROVINCE.code, provinceOperator, provinceSigners]] as const) {
        // a fund below the region without a single actual month (a small city's 机关事业 pension fund) stops the
        // draft, as it would stop the 经办: the region goes without a budget, and the summary says so
        const version = await createVersion(database, drafter, { year, region }).catch((error: unknown) => {
          if (!refused(error, 409, 'budget.draft.noActuals')) throw error;
          budgetsNotDrafted.push({ year, region, reason: render(error.said, 'zh-CN') });
          return null;
        });
        if (!version) continue;
        const submitted = await submitVersion(database, drafter, BigInt(version.id), '演示数据：按历史收支编制');
        await signOff(database, submitted.approvalItemId!, [...signers], '演示数据：同意');
        counts.budgets++;
      }
    });
  };

  /** The individual accounts' interest of `year`, once its crediting rate is published (dated in the year). */
  const interestRun = async (year: number, day: string) => {
    const rate = getParameters().find(CREDITING_RATE, `${year}-12-31`, DEMO_PROVINCE.code);
    if (!rate || !rate.since.startsWith(`${year}-`)) { interest.push({ year, done: false, note: `${CREDITING_RATE} of ${year} not in the parameter files` }); return; }
    await timed('interest', day, () => runInterest(database, who(`approve.${DEMO_PROVINCE.code}`), year));
    interest.push({ year, done: true });
  };

  hooks.onProgress?.(0, months.length);
  for (const [index, month] of months.entries()) {
    const previous = shiftMonth(month, -1);
    const first = dayOfMonth(month, 1);
    if (index > 0) await sweep(previous, first);
    if (index === 0) await bill(previous, first);
    await bill(month, first);
    const interestMonth = getParameters().integer(INTEREST_RUN_MONTH, first, DEMO_PROVINCE.code);
    const year = Number(month.slice(0, 4));
    if (Number(month.slice(5, 7)) === interestMonth && year - 1 >= Number(goLive.slice(0, 4))) await interestRun(year - 1, first);
    await prepay(month);
    await payroll(month);
    await payOnTime(previous);
    await claimMonth(month);
    await payClaims(month);
    await payLate(previous, dayOfMonth(month, LATE_PAYMENT_DAY));
    if (month.endsWith('-12')) {
      // drafted from the complete months before December: none when the history starts in December
      if (goLive < `${month}-01`) await nextYearBudget(year + 1);
      await fiscalSubsidies(year);
    }
    log(`history ${month}: done`);
    hooks.onProgress?.(index + 1, months.length);
  }
  counts.employersInArrears = arrearsEmployers.size;

  const history: DemoHistory = {
    goLive, firstMonth: months[0], lastMonth: months[months.length - 1],
    totals: Object.fromEntries(Object.entries(totals).map(([name, fen]) => [name, formatYuan(fen)])) as DemoHistory['totals'],
    counts, interest, budgetsNotDrafted, phases, seconds: Math.round(performance.now() - started) / 1000,
  };
  const actor = systemActor('demo');
  await inScope(database, actor, (tx) => recordAudit(tx, actor, {
    action: 'demo.history', entityType: 'demo', entityId: `seed:${options.seed}`, regionCode: DEMO_CITY.code,
    after: { goLive, firstMonth: history.firstMonth, lastMonth: history.lastMonth, totals: history.totals, counts },
  }));
  return history;
}

