/**
 * Final accounts (决算) and year-end settlement (年终清算), issue 14 R7.4 (settlement.calc.ts for the figures).
 *
 * Final accounts: per fund of a region and below, every line of its budget table with 预算数 (the latest approved
 * version: approved + adjusted), 决算数 (the execution report's figures for December: the same query, read again),
 * 完成预算% and 差额, and for the lines with the largest gaps (execution.final_accounts.causes_lines) a narrative built
 * from the monthly analysis' drivers of December. Refused for a year not over unless asked as a draft (to today).
 *
 * Year-end settlement (财社〔2017〕144号 第四十一条: unspent allocations in the 支出户 go back to the 财政专户): per fund,
 * the 支出户's year — what the 财政专户 transferred (Dr 支出户 / Cr 财政专户), what it paid, its balance at 31 December —
 * less what payments signed off and not yet paid still take (the indicators' committed figure: SignoffKind.budgetCommitments,
 * of the year and of later years, since money for January's signed-off payroll may already be in the 支出户). The unspent
 * balance goes back by the settling transfer Dr 财政专户 / Cr 支出户, dated the approval day, posted by the final
 * approval of the sign-off kind execution.year_end_settlement (复核, 审批) with the idempotency key of the fund and
 * year, and the settlement recorded (append-only, one per fund and year).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inActorScope, inScope, scopePrefix, type Actor, type Tx } from '../../../platform/actor.ts';
import { requirePermission } from '../../../platform/access/permissions.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { render } from '../../../platform/messages.ts';
import { formatYuan } from '../../../platform/money.ts';
import { getParameters, todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { openItemsOfSubjects, registerSignoffKind, submitForApproval, type ApprovalItemView } from '../../../platform/signoff/index.ts';
import { accountBalanceNow, postEntries } from '../../ledger/index.ts';
import { executionSaid } from '../execution.messages.ts';
import * as executionRepository from '../execution.repository.ts';
import type { FundRow } from '../execution.repository.ts';
import { executionFigures, tableLinesOf } from '../report.service.ts';
import { driverCounts, lineDrivers } from '../analysis/analysis.service.ts';
import { commitmentDraws } from '../indicators/indicators.service.ts';
import { causeText, finalAccountLines, largestGaps, settlementFigures, yearIsOver, type SettlementFigures } from './settlement.calc.ts';
import { settlementSaid as said } from './settlement.messages.ts';
import * as repository from './settlement.repository.ts';
import { budgetSignoffLevels } from '../../budget/index.ts';

function checkYearAndRegion(input: { year: number; region: string }) {
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw invalid('year', said.yearOutOfRange());
  if (!/^\d{6}$/.test(input.region ?? '')) throw invalid('region', said.regionShape({ value: String(input.region) }));
}

// ——— final accounts ———

export interface FinalAccountsInput { year: number; region: string; draft?: boolean }
export interface FinalAccountLineView {
  subject: string; name: string; side: 'income' | 'expense'; parentSubject: string | null;
  budget: string; actual: string; completionRate: string | null; gap: string;
}
export interface FinalAccounts {
  year: number; region: string; regionName: string | null; draft: boolean;
  /** the figures' date: 31 December, or today for a draft of the current year. */
  asOf: string;
  funds: { fund: string; name: string; region: string; budgetApproved: boolean; lines: FinalAccountLineView[]; causes: { subject: string; text: string }[] }[];
}

/** `sifund execution final-accounts`, GET /api/execution/final-accounts: the final accounts of the region's funds. */
export async function finalAccounts(database: DatabaseHandle, actor: Actor, input: FinalAccountsInput, today = todayInChina()): Promise<FinalAccounts> {
  requirePermission(actor, 'execution.read');
  checkYearAndRegion(input);
  const over = yearIsOver(input.year, today);
  if (!over && !input.draft) throw invalid('year', said.yearNotOver({ year: input.year }));
  if (Number(today.slice(0, 4)) < input.year) throw invalid('year', said.yearNotBegun({ year: input.year }));
  // a year over is its December; a draft of the current year runs to today, as the execution report of this month does
  const month = over ? 12 : Number(today.slice(5, 7));
  const parameterDate = over ? `${input.year}-12-31` : today;
  return inScope(database, actor, async (tx) => {
    const figures = await executionFigures(tx, { year: input.year, month, region: input.region }, today);
    if (!figures.funds.length) throw notFound(executionSaid.noFundInRegion({ region: input.region }));
    const counts = await driverCounts(tx, figures.funds.map(({ fund }) => fund.code), input.year, month);
    return {
      year: input.year, region: input.region, regionName: (await executionRepository.regionName(tx, input.region)) ?? null,
      draft: !over, asOf: figures.progress.asOf,
      funds: figures.funds.map(({ fund, budgetApproved, lines }) => {
        const table = finalAccountLines(lines);
        const causesLines = getParameters().integer('execution.final_accounts.causes_lines', parameterDate, fund.region_code);
        return {
          fund: fund.code, name: fund.name, region: fund.region_code, budgetApproved,
          lines: table.map((line) => ({ ...line, budget: formatYuan(line.budget), actual: formatYuan(line.actual), gap: formatYuan(line.gap) })),
          causes: budgetApproved ? largestGaps(table, causesLines).map((line) => ({ subject: line.subject, text: causeText(line, lineDrivers(counts, fund.code, line.side)) })) : [],
        };
      }),
    };
  });
}

// ——— year-end settlement ———

type FiguresText = Record<keyof SettlementFigures, string>;
interface SettlementPayload { region: string; fund: string; year: number; figures: FiguresText }

export const yearEndSettlementSignoff = registerSignoffKind<SettlementPayload>({
  kind: 'execution.year_end_settlement',
  label: '年终清算',
  parameters: 'signoff.year_end_settlement',
  requestPermission: 'budget.draft',
  // the settling transfer moves the year's unspent money back to finance: reviewed and approved as the budget is (财社〔2017〕144号)
  levels: budgetSignoffLevels,
  effect: async (tx, approver, item) => settle(tx, approver, item.id, item.payload, item.submittedBy),
  subjectLink: (payload) => `/execution/final-accounts?year=${payload.year}&region=${payload.region}`,
});

const subjectKey = (fund: string, year: number) => `execution.year_end_settlement:${fund}:${year}`;
const figuresText = (figures: SettlementFigures): FiguresText =>
  Object.fromEntries(Object.entries(figures).map(([key, fen]) => [key, formatYuan(fen)])) as FiguresText;

/** The settlement of a fund's year as the books stand now. */
async function fundSettlement(tx: Tx, fund: FundRow, year: number): Promise<SettlementFigures> {
  const account = await repository.expenseAccountYear(tx, fund.id, year);
  const { expenseBank } = (await repository.bankAccountsOf(tx, fund.id))!;
  // payments signed off and not yet paid: those of the year and those already signed off for a later year
  const committed = (await commitmentDraws(tx, [fund.code])).filter((draw) => draw.fund === fund.code && draw.year >= year).reduce((sum, draw) => sum + draw.amountFen, 0n);
  return settlementFigures(account, await accountBalanceNow(tx, fund.code, expenseBank), committed);
}

/** The funds of the region and below that have a budget table (职业年金 has none: no budget, no settlement). */
async function settledFunds(tx: Tx, region: string, year: number): Promise<FundRow[]> {
  return (await executionRepository.fundsWithin(tx, scopePrefix(region))).filter((fund) => tableLinesOf(year, fund.insurance) !== undefined);
}

export interface SettlementInput { year: number; region: string; fund?: string }

/** Submits the settlement of the fund given, or of every fund of the region not settled nor waiting: one sign-off item each. */
export async function submitSettlements(database: DatabaseHandle, actor: Actor, input: SettlementInput, today = todayInChina()): Promise<ApprovalItemView[]> {
  requirePermission(actor, 'budget.draft');
  checkYearAndRegion(input);
  if (!yearIsOver(input.year, today)) throw invalid('year', said.yearNotOver({ year: input.year }));
  return inScope(database, actor, async (tx) => {
    const funds = await settledFunds(tx, input.region, input.year);
    if (input.fund !== undefined && !funds.some((fund) => fund.code === input.fund)) throw invalid('fund', said.fundNotInRegion({ fund: input.fund, region: input.region }));
    const settled = await repository.settlementsOf(tx, funds.map((fund) => fund.code), input.year);
    const waiting = await openItemsOfSubjects(tx, funds.map((fund) => subjectKey(fund.code, input.year)));
    const chosen = input.fund !== undefined ? funds.filter((fund) => fund.code === input.fund)
      : funds.filter((fund) => !settled.some((row) => row.fund === fund.code) && !waiting.some((item) => item.subject_key === subjectKey(fund.code, input.year)));
    for (const fund of chosen) {
      const done = settled.find((row) => row.fund === fund.code);
      if (done) throw conflict('fund', said.alreadySettled({ fund: fund.code, year: input.year, settledOn: done.settled_on }));
    }
    if (!chosen.length) throw conflict('year', said.noFundToSettle({ region: input.region, year: input.year }));
    const items: ApprovalItemView[] = [];
    for (const fund of chosen) {
      const figures = await fundSettlement(tx, fund, input.year);
      const item = await submitForApproval(tx, actor, yearEndSettlementSignoff, {
        regionCode: fund.region_code, subjectKey: subjectKey(fund.code, input.year), amount: figures.unspent,
        title: render(said.signoffTitle({ fund: fund.code, year: input.year, unspent: formatYuan(figures.unspent) }), 'zh-CN'),
        payload: { region: input.region, fund: fund.code, year: input.year, figures: figuresText(figures) },
      });
      await recordAudit(tx, actor, { action: 'execution.settlement.submit', entityType: 'approval_item', entityId: BigInt(item.id), regionCode: fund.region_code,
        after: { fund: fund.code, year: input.year, ...figuresText(figures) } });
      items.push(item);
    }
    return items;
  });
}

/**
 * The final approval's effect: the figures read again (the amount returned must be the one submitted: the approvers
 * approved it), the unspent balance returned Dr 财政专户 / Cr 支出户 on the approval day, the settlement recorded with
 * the figures of that moment.
 */
async function settle(tx: Tx, approver: Actor, itemId: bigint, payload: SettlementPayload, submittedBy: string) {
  const fund = (await executionRepository.fundByCode(tx, payload.fund))!;
  const [done] = await repository.settlementsOf(tx, [fund.code], payload.year);
  if (done) throw conflict('fund', said.alreadySettled({ fund: fund.code, year: payload.year, settledOn: done.settled_on }));
  const figures = await fundSettlement(tx, fund, payload.year);
  const now = figuresText(figures);
  if (now.unspent !== payload.figures.unspent) {
    throw conflict('settlement', said.figuresChanged({ fund: fund.code, submitted: payload.figures.unspent, now: now.unspent }));
  }
  const today = todayInChina();
  const id = newId();
  let entryId: bigint | null = null;
  if (figures.unspent > 0n) {
    const accounts = (await repository.bankAccountsOf(tx, fund.id))!;
    const [posted] = await postEntries(tx, approver, [{
      key: `year-end-settlement:${fund.code}:${payload.year}`, fund: fund.code, period: today.slice(0, 7), date: today,
      memo: render(said.entryMemo({ year: payload.year }), 'zh-CN'), source: { type: 'year_end_settlement', id: String(id) },
      lines: [{ account: accounts.specialBank, debit: figures.unspent }, { account: accounts.expenseBank, credit: figures.unspent }],
    }]);
    entryId = BigInt(posted.entryId);
  }
  await repository.insertSettlement(tx, {
    id, region_code: fund.region_code, fund: fund.code, year: payload.year, opening_balance: figures.openingBalance, transferred: figures.transferred,
    other_receipts: figures.otherReceipts, paid: figures.paid, returned_in_year: figures.returnedInYear, closing_balance: figures.closingBalance, current_balance: figures.currentBalance,
    committed: figures.committed, returned: figures.unspent, entry_id: entryId, settled_on: today, approval_item_id: itemId, submitted_by: submittedBy, approved_by: approver.username,
  });
  await recordAudit(tx, approver, { action: 'execution.settlement.approve', entityType: 'year_end_settlement', entityId: id, regionCode: fund.region_code,
    after: { fund: fund.code, year: payload.year, returned: now.unspent, entryId: entryId === null ? null : String(entryId) } });
  return { settlementId: String(id), entryId: entryId === null ? null : String(entryId), returned: now.unspent };
}

export interface SettlementView {
  fund: string; name: string; region: string;
  /** the settlement as the books stand now; null for a year not over. */
  figures: FiguresText | null;
  settlement: (FiguresText & { id: string; settledOn: string; entryId: string | null; approvalItemId: string; submittedBy: string; approvedBy: string }) | null;
  proposal: { approvalItemId: string; status: string; submittedBy: string; figures: FiguresText } | null;
}
export interface Settlements { year: number; region: string; yearOver: boolean; funds: SettlementView[] }

/** GET /api/execution/settlements: per fund of the region and below, its settlement, a submission in sign-off, or the figures now. */
export async function listSettlements(database: DatabaseHandle, actor: Actor, input: { year: number; region: string }, today = todayInChina()): Promise<Settlements> {
  requirePermission(actor, 'execution.read');
  checkYearAndRegion(input);
  const yearOver = yearIsOver(input.year, today);
  if (!inActorScope(actor, input.region)) return { year: input.year, region: input.region, yearOver, funds: [] };
  return inScope(database, actor, async (tx) => {
    const funds = await settledFunds(tx, input.region, input.year);
    const settled = await repository.settlementsOf(tx, funds.map((fund) => fund.code), input.year);
    const waiting = await openItemsOfSubjects(tx, funds.map((fund) => subjectKey(fund.code, input.year)));
    const views: SettlementView[] = [];
    for (const fund of funds) {
      const row = settled.find((candidate) => candidate.fund === fund.code);
      const item = waiting.find((candidate) => candidate.subject_key === subjectKey(fund.code, input.year));
      views.push({
        fund: fund.code, name: fund.name, region: fund.region_code,
        figures: yearOver && !row ? figuresText(await fundSettlement(tx, fund, input.year)) : null,
        settlement: row ? {
          ...figuresText({ openingBalance: row.opening_balance, transferred: row.transferred, otherReceipts: row.other_receipts, paid: row.paid, returnedInYear: row.returned_in_year,
            closingBalance: row.closing_balance, currentBalance: row.current_balance, committed: row.committed, unspent: row.returned }),
          id: String(row.id), settledOn: row.settled_on, entryId: row.entry_id === null ? null : String(row.entry_id), approvalItemId: String(row.approval_item_id),
          submittedBy: row.submitted_by, approvedBy: row.approved_by,
        } : null,
        proposal: item ? { approvalItemId: String(item.id), status: item.status, submittedBy: item.submitted_by, figures: (item.payload as SettlementPayload).figures } : null,
      });
    }
    return { year: input.year, region: input.region, yearOver, funds: views };
  });
}
