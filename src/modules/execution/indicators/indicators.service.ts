/**
 * Budget indicators (预算指标, R7.1; indicators.calc.ts for the figures): the accounts of a region's funds for a year,
 * and the budget control the sign-off engine runs in the final approval's transaction of every kind that spends.
 *
 * - approved and adjusted come from the budget versions (first and latest approved of the fund's pooling region);
 * - paid is the execution report's ledger query (report.service actualsByFund) over the whole year;
 * - committed is what the spending kinds' signed-off, unpaid items still take (SignoffKind.budgetCommitments), on the
 *   year the kinds say the money will be paid in;
 * - allocated is the monthly allocation plan of the latest approved version (allocation/allocation.service.ts) summed
 *   to the month asked: by default today's month in the current year, December for a past year, nothing for a later one.
 * A fund whose region has no approved budget for the year has no indicators, and its payments are not checked: the
 * budget control starts once a budget is approved (financial practice: no indicator, no control to apply).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, scopePrefix, widenToPooledFunds, withinScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { requirePermission } from '../../../platform/access/permissions.ts';
import { conflict, invalid } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { formatYuan } from '../../../platform/money.ts';
import { getParameters, todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { signoffKinds, type BudgetDraw } from '../../../platform/signoff/index.ts';
import { approvedBudget, type ApprovedLine, type ExecutedOfLines } from '../../budget/index.ts';
import * as executionRepository from '../execution.repository.ts';
import { ownNewAlert } from '../duty/duty.service.ts';
import { notifyAlert } from '../notifications/notifications.service.ts';
import type { FundRow } from '../execution.repository.ts';
import type { FoundCondition } from '../alerts.calc.ts';
import { actualsByFund, tableLinesOf } from '../report.service.ts';
import { checkDraws, indicatorAccounts, overrunSeverity, type DrawFinding, type IndicatorAccount, type IndicatorRule } from './indicators.calc.ts';
import { indicatorSaid as said } from './indicators.messages.ts';
import { allocatedThrough } from '../allocation/allocation.service.ts';
import * as repository from './indicators.repository.ts';

/** The rules in force for the fund on the day (params/execution/indicator_warning_percent, indicator_overrun_action). */
export function indicatorRule(fund: FundRow, date: string): IndicatorRule {
  const store = getParameters();
  const actions = store.table('execution.indicator_overrun_action', date, fund.region_code);
  const overrun = String(actions[fund.insurance] ?? actions.default);
  if (overrun !== 'warn' && overrun !== 'block') throw new Error(`execution.indicator_overrun_action: ${fund.insurance} must be warn or block, got ${overrun}`);
  return { warningPercent: store.integer('execution.indicator_warning_percent', date, fund.region_code), overrun };
}

/** What the spending kinds' signed-off, unpaid items still take, draw by draw (fund, ledger subject, fen, the year it is paid in). */
export async function commitmentDraws(tx: Tx, fundCodes: string[]): Promise<BudgetDraw[]> {
  const draws: BudgetDraw[] = [];
  for (const kind of signoffKinds()) if (kind.budgetCommitments) draws.push(...await kind.budgetCommitments(tx, fundCodes));
  return draws;
}

/** What the spending kinds' signed-off, unpaid items still take in the year, per fund and ledger subject. */
async function committedByFund(tx: Tx, funds: FundRow[], year: number): Promise<Map<string, Map<string, bigint>>> {
  const committed = new Map<string, Map<string, bigint>>(funds.map((fund) => [fund.code, new Map()]));
  for (const draw of await commitmentDraws(tx, funds.map((fund) => fund.code))) {
    const fund = committed.get(draw.fund);
    if (!fund || draw.year !== year) continue;
    fund.set(draw.subject, (fund.get(draw.subject) ?? 0n) + draw.amountFen);
  }
  return committed;
}

/** The month the allocated figure runs to by default: today's in the current year, December for a past year, 0 for a later one. */
export function allocationMonthOf(year: number, today: string): number {
  const thisYear = Number(today.slice(0, 4));
  return year < thisYear ? 12 : year > thisYear ? 0 : Number(today.slice(5, 7));
}

/** The indicator accounts of the funds for the year, per fund code; a fund without an approved budget has none. */
export async function indicatorAccountsOf(tx: Tx, funds: FundRow[], year: number, allocationMonth = allocationMonthOf(year, todayInChina())): Promise<Map<string, IndicatorAccount[]>> {
  const tabled = funds.flatMap((fund) => {
    const table = tableLinesOf(year, fund.insurance);
    return table ? [{ fund, table }] : [];
  });
  const budgets = new Map<string, { first: ApprovedLine[]; latest: ApprovedLine[] } | null>();
  for (const region of new Set(tabled.map(({ fund }) => fund.region_code))) {
    const latest = await approvedBudget(tx, { year, region });
    budgets.set(region, latest && { latest, first: (await approvedBudget(tx, { year, region, first: true }))! });
  }
  const budgeted = tabled.filter(({ fund }) => budgets.get(fund.region_code)?.latest.some((line) => line.fund === fund.code && line.side === 'expense'));
  const accounts = new Map<string, IndicatorAccount[]>();
  if (!budgeted.length) return accounts;
  const paid = await actualsByFund(tx, budgeted.map(({ fund }) => fund), `${year}-01`, `${year}-12`);
  const committed = await committedByFund(tx, budgeted.map(({ fund }) => fund), year);
  for (const { fund, table } of budgeted) {
    const budget = budgets.get(fund.region_code)!;
    const expenseOf = (lines: ApprovedLine[]) => lines.filter((line) => line.fund === fund.code && line.side === 'expense');
    const paidBySubject = new Map([...paid.get(fund.id)!].filter(([key]) => key.startsWith('expense|')).map(([key, fen]) => [key.slice('expense|'.length), fen]));
    const allocated = await allocatedThrough(tx, budget.latest[0].versionId, fund.code, allocationMonth);
    accounts.set(fund.code, indicatorAccounts(fund.code, table, expenseOf(budget.first), expenseOf(budget.latest), paidBySubject, committed.get(fund.code)!, allocated));
  }
  return accounts;
}

/**
 * What each expense line of the funds has executed in the year — paid and committed, as their indicators have them —
 * per `fund|subject`: a budget adjustment may not lower a line below it (registered with the budget module).
 */
export const executedOfLines: ExecutedOfLines = async (tx, input) => {
  const funds = (await executionRepository.fundsWithin(tx, scopePrefix(input.region))).filter((fund) => input.funds.includes(fund.code));
  const accounts = await indicatorAccountsOf(tx, funds, input.year);
  return new Map([...accounts.values()].flat().map((account) => [`${account.fund}|${account.subject}`, { paid: account.paid, committed: account.committed }]));
};

export interface IndicatorView {
  fund: string; subject: string; name: string; parentSubject: string | null;
  approved: string; adjusted: string; allocated: string; committed: string; paid: string; available: string;
  /** available below the warning line (or overdrawn): what the page colours. */
  belowWarning: boolean;
}

const yuanFigures = (account: IndicatorAccount) => ({
  approved: formatYuan(account.approved), adjusted: formatYuan(account.adjusted), allocated: formatYuan(account.allocated),
  committed: formatYuan(account.committed), paid: formatYuan(account.paid), available: formatYuan(account.available),
});

/** `sifund execution indicators`, GET /api/execution/indicators: the accounts of the region's funds and those below. */
export async function listIndicators(database: DatabaseHandle, actor: Actor, input: { year: number; region: string; month?: number }): Promise<IndicatorView[]> {
  requirePermission(actor, 'execution.read');
  if (!Number.isInteger(input.year) || input.year < 1990 || input.year > 2100) throw invalid('year', said.yearOutOfRange());
  if (input.month !== undefined && (!Number.isInteger(input.month) || input.month < 1 || input.month > 12)) throw invalid('month', said.monthOutOfRange());
  const today = todayInChina();
  return inScope(database, actor, async (tx) => {
    const funds = await executionRepository.fundsWithin(tx, scopePrefix(input.region));
    const accounts = await indicatorAccountsOf(tx, funds, input.year, input.month ?? allocationMonthOf(input.year, today));
    return funds.flatMap((fund) => {
      const warningPercent = accounts.has(fund.code) ? indicatorRule(fund, today).warningPercent : 0;
      return (accounts.get(fund.code) ?? []).map((account) => ({
        fund: fund.code, subject: account.subject, name: account.name, parentSubject: account.parentSubject, ...yuanFigures(account),
        belowWarning: overrunSeverity(account, warningPercent) !== null,
      }));
    });
  });
}

/** The alert evaluation's indicator_overrun conditions of one fund: a line already below its warning line or overdrawn. */
export async function indicatorConditions(tx: Tx, fund: FundRow, year: number, date: string): Promise<FoundCondition[]> {
  const accounts = (await indicatorAccountsOf(tx, [fund], year)).get(fund.code) ?? [];
  if (!accounts.length) return [];
  const { warningPercent } = indicatorRule(fund, date);
  return accounts.flatMap((account): FoundCondition[] => {
    const severity = overrunSeverity(account, warningPercent);
    return severity ? [{ rule: 'indicator_overrun', conditionKey: `${fund.code}/${account.subject}`, severity, figures: { subject: account.subject, name: account.name, ...yuanFigures(account), warningPercent } }] : [];
  });
}

const findingFigures = (finding: DrawFinding, warningPercent: number) => ({
  level: finding.level, subject: finding.account.subject, name: finding.account.name, ...yuanFigures(finding.account),
  requested: formatYuan(finding.requested), remaining: formatYuan(finding.account.available - finding.requested), warningPercent,
});

/**
 * Raises the indicator_overrun alert of a line a payment warned on, or refreshes the open one (never a second open
 * alert for the same line): orange (overdrawn) is critical, yellow a warning.
 */
async function raiseOverrun(tx: Tx, actor: Actor, fund: FundRow, figures: ReturnType<typeof findingFigures>, today: string) {
  const conditionKey = `${fund.code}/${figures.subject}`;
  const severity = figures.level === 'yellow' ? 'warning' : 'critical';
  const period = today.slice(0, 7);
  const open = (await executionRepository.openAlertsOfFund(tx, fund.code)).find((alert) => alert.rule === 'indicator_overrun' && alert.condition_key === conditionKey);
  if (open) {
    await executionRepository.refreshAlert(tx, open.id, { severity: open.severity === 'critical' ? 'critical' : severity, period, figures: JSON.stringify(figures) });
    return;
  }
  const id = newId();
  if (await executionRepository.insertAlert(tx, { id, rule: 'indicator_overrun', condition_key: conditionKey, fund_code: fund.code, region_code: fund.region_code, severity, period, figures: JSON.stringify(figures) })) {
    await ownNewAlert(tx, id, fund, today);   // 岗位责任: the staff responsible for the fund owns it (duty/)
    await recordAudit(tx, actor, { action: 'execution.alert.raise', entityType: 'execution_alert', entityId: String(id), regionCode: fund.region_code, after: { rule: 'indicator_overrun', severity, period, figures } });
    await notifyAlert(tx, 'alert.raised', id);
  }
}

/**
 * The budget control (registered with the sign-off engine by the execution module): the draws of an item checked
 * against its funds' indicators of the draw's year, each fund's checks serialised. A red finding refuses the approval
 * (409 naming the fund, the line, available and requested); yellow and orange raise an alert and come back as the
 * item's budgetWarnings.
 */
export async function budgetControl(tx: Tx, decider: Actor, item: { id: bigint; kind: string; regionCode: string }, draws: BudgetDraw[]): Promise<Record<string, unknown>[]> {
  // a county's decision draws on the city's or the province's pooled fund: its budget and alerts are read and raised there
  const actor = widenToPooledFunds(decider, BUDGET_CONTROL_ACROSS_POOLS);
  return withinScope(tx, actor, () => checkDrawsOfItem(tx, actor, item, draws));
}

/** Why the budget control reaches above the decider's region (the audit trail's scope note). */
const BUDGET_CONTROL_ACROSS_POOLS = '预算指标控制：支付占用统筹基金的预算指标 (a payment draws on its pooled fund\'s budget indicator)';

async function checkDrawsOfItem(tx: Tx, actor: Actor, item: { id: bigint; kind: string; regionCode: string }, draws: BudgetDraw[]): Promise<Record<string, unknown>[]> {
  const today = todayInChina();
  const warnings: Record<string, unknown>[] = [];
  const groups = new Map<string, BudgetDraw[]>();
  for (const draw of draws) groups.set(`${draw.fund}|${draw.year}`, [...(groups.get(`${draw.fund}|${draw.year}`) ?? []), draw]);
  for (const group of groups.values()) {
    const fund = await executionRepository.fundByCode(tx, group[0].fund);
    if (!fund) continue;
    await repository.lockIndicatorsOfFund(tx, fund.code);
    const accounts = (await indicatorAccountsOf(tx, [fund], group[0].year)).get(fund.code);
    if (!accounts) continue;   // no approved budget for the year: no indicator to draw on
    const rule = indicatorRule(fund, today);
    const findings = checkDraws(accounts, group, rule);
    // a 其中 row names the payment's line more exactly than its parent line: it is named first
    const red = findings.filter((finding) => finding.level === 'red').sort((a, b) => Number(a.account.parentSubject === null) - Number(b.account.parentSubject === null))[0];
    if (red) {
      throw conflict('amount', said.blocked({
        fund: fund.code, name: red.account.name, subject: red.account.subject, available: formatYuan(red.account.available), requested: formatYuan(red.requested),
      }));
    }
    for (const finding of findings) {
      const figures = findingFigures(finding, rule.warningPercent);
      await raiseOverrun(tx, actor, fund, figures, today);
      warnings.push({ fund: fund.code, ...figures });
    }
  }
  if (warnings.length) {
    await recordAudit(tx, actor, { action: 'execution.indicator.warn', entityType: 'approval_item', entityId: item.id, regionCode: item.regionCode, after: { kind: item.kind, warnings } });
  }
  return warnings;
}
