/**
 * Early-warning alerts (R8.1, R8.2): the rules of alerts.calc.ts evaluated per fund as jobs of the kernel's runner
 * (kind execution.alerts, one chunk per fund, each in one transaction), daily from the hour of the parameter
 * execution.alert_evaluation_hour, for the funds whose ledger changed a quiet interval after the change
 * (createChangedEvaluations) and on demand (`sifund alerts evaluate`, POST /api/alerts/evaluations).
 *
 *   raised ──acknowledge (note)──► acknowledged ──resolve (action taken)──► resolved
 *     └──────────── resolve ──────────────────────────────────────────────►┘
 *   raised / acknowledged ── an evaluation no longer finds the condition ──► auto_resolved
 *
 * The indicator_overrun condition (a budget indicator below its warning line or overdrawn, indicators/) is evaluated
 * here too, so that the alert a payment's sign-off raised resolves by itself once the budget is adjusted.
 * An evaluation that finds a condition already open refreshes its figures, month and severity; the partial unique
 * index of migration 0050 keeps one open alert per rule and condition even when two evaluations run at once.
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, scopePrefix, systemActor, type Actor, type Tx } from '../../platform/actor.ts';
import { requirePermission } from '../../platform/access/permissions.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { render, type Said } from '../../platform/messages.ts';
import { getParameters, todayInChina } from '../../platform/params/index.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { listPage, type ListAnswer, type ListRequest, type SortKey } from '../../platform/http/lists.ts';
import { createOrFindJob, getJob, retryJob, runOrAttach, throwIfFailed, type JobContext, type JobDefinition, type JobSchedule, type JobView } from '../../platform/jobs/index.ts';
import { addMonths, periodEnd, type PostingEffect } from '../ledger/index.ts';
import { arrearsAsOf } from '../collection/index.ts';
import { CAPACITY_MONTHS, conditionsOf, type AlertThresholds, type FoundCondition } from './alerts.calc.ts';
import { alertStatuses, openStatuses, type AlertRule, type AlertSeverity, type AlertStatus } from './alerts.statuses.ts';
import { yearToDate } from './execution.calc.ts';
import { executionSaid as said } from './execution.messages.ts';
import { checkReportMonth, executionFiguresOf } from './report.service.ts';
import { indicatorConditions } from './indicators/indicators.service.ts';
import { ownNewAlert } from './duty/duty.service.ts';
import { notifyAlert } from './notifications/notifications.service.ts';
import * as repository from './execution.repository.ts';
import { collectedOfFund, markChanged, takeChangedBefore } from './alerts.repository.ts';
import type { AlertRow } from './execution.repository.ts';

interface EvaluationParameters { year: number; month: number; today: string; thresholds: Record<string, AlertThresholds> }
interface EvaluationChunk { fund: string }
export interface EvaluationResult { period: string; funds: number; open: number }

/** The scheduled evaluations act as this system actor. */
const evaluator = () => systemActor('execution-alerts', ['alerts.manage', 'execution.read']);

/** The levels in force for the fund's region on the day (the deviation threshold is the one params/warning already holds). */
export function alertThresholds(regionCode: string, date: string): AlertThresholds {
  const store = getParameters();
  return {
    warningMonths: store.integer('execution.payment_capacity_warning_months', date, regionCode),
    criticalMonths: store.integer('execution.payment_capacity_critical_months', date, regionCode),
    deviationPoints: store.integer('warning.execution_deviation_points', date, regionCode),
    medicalRange: { reasonableMax: store.integer('warning.medical.months_reasonable_max', date, regionCode), tooMuch: store.integer('warning.medical.months_too_much', date, regionCode) },
    collectionRateDropPoints: store.integer('warning.collection.rate_drop_points', date, regionCode),
    arrearsGrowth: { percent: store.integer('warning.collection.arrears_growth_percent', date, regionCode), minimumFen: Number(store.money('warning.collection.arrears_growth_minimum', date, regionCode)) },
  };
}

const monthsFrom = (first: string, last: string) => (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(last.slice(5, 7)) - Number(first.slice(5, 7)) + 1;

export interface CapacityPosition { balance: bigint; recentExpense: bigint; expenseMonths: number }

/**
 * Per fund, what the payment capacity rule reads at the end of `period`: the accumulated balance and the expense of
 * the last CAPACITY_MONTHS months (fewer since the fund's first posting); a fund without postings has none.
 */
export async function capacityPositions(tx: Tx, fundIds: bigint[], period: string): Promise<Map<bigint, CapacityPosition>> {
  const positions = await repository.fundPositions(tx, fundIds, addMonths(period, -(CAPACITY_MONTHS - 1)), period);
  return new Map(positions.map((position) => [position.fund_id, {
    balance: position.balance, recentExpense: position.expense, expenseMonths: Math.min(CAPACITY_MONTHS, monthsFrom(position.first_period, period)),
  }]));
}

/** The same day of last year (29 February → 28 February). */
export const sameDayLastYear = (date: string): string => {
  const day = `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;
  return day.endsWith('-02-29') ? day.replace(/29$/, '28') : day;
};

/** The fund's arrears principal on `asOf`: its part of the bills then past due and unpaid (collection/arrears, as the dunning list counts them). */
async function arrearsOfFund(tx: Tx, fund: repository.FundRow, asOf: string): Promise<bigint> {
  const bills = await arrearsAsOf(tx, { regionPrefix: scopePrefix(fund.region_code) }, asOf);
  return bills.filter((bill) => bill.daysOverdue > 0).flatMap((bill) => bill.items).filter((item) => item.fund === fund.code)
    .reduce((sum, item) => sum + item.employee + item.employer, 0n);
}

/**
 * The collection figures of the fund's rules: on the as-of day (the month's end, or today while the month runs) and
 * the same day of last year, the principal billed for January to the month and paid of it, and the arrears principal.
 */
async function collectionFigures(tx: Tx, fund: repository.FundRow, year: number, month: number, today: string) {
  const { from, to } = yearToDate(year, month);
  const lastYear = yearToDate(year - 1, month);
  const asOf = periodEnd(to) < today ? periodEnd(to) : today;
  const billsOf = { code: fund.code, regionPrefix: scopePrefix(fund.region_code) };
  return {
    collected: await collectedOfFund(tx, billsOf, from, to, asOf), collectedLastYear: await collectedOfFund(tx, billsOf, lastYear.from, lastYear.to, sameDayLastYear(asOf)),
    arrears: await arrearsOfFund(tx, fund, asOf), arrearsLastYear: await arrearsOfFund(tx, fund, sameDayLastYear(asOf)),
  };
}

/** What the rules find for one fund in the month (its budget table's lines, its balance and recent expense, its collection). */
async function conditionsOfFund(tx: Tx, fund: repository.FundRow, parameters: EvaluationParameters): Promise<FoundCondition[]> {
  const { year, month, today } = parameters;
  const figures = await executionFiguresOf(tx, [fund], { year, month, region: fund.region_code }, today);
  const execution = figures.funds[0];
  if (!execution) return [];   // a scheme with no budget table (职业年金) has no alert rules
  const { to } = yearToDate(year, month);
  const position = (await capacityPositions(tx, [fund.id], to)).get(fund.id);
  // the rule's lines by their names in the standard layout: 社会保险费收入 and 社会保险待遇支出 (budget chart 2018)
  const actual = (side: 'income' | 'expense', subject: string) => execution.lines.find((line) => line.side === side && line.subject === subject)?.actual ?? 0n;
  return [...conditionsOf({
    fund: fund.code, insurance: fund.insurance, contributionIncome: actual('income', 'premium_income'), benefitExpense: actual('expense', 'benefit_expense'),
    balance: position?.balance ?? 0n, recentExpense: position?.recentExpense ?? 0n, expenseMonths: position?.expenseMonths ?? 0,
    progress: figures.progress, lines: execution.lines, ...await collectionFigures(tx, fund, year, month, today),
  }, parameters.thresholds[fund.code]), ...await indicatorConditions(tx, fund, year, today)];
}

const figuresJson = (condition: FoundCondition) => JSON.stringify(condition.figures);

/** Raises, refreshes and auto-resolves the fund's alerts to what the rules found now. */
async function applyConditions(tx: Tx, actor: Actor, fund: repository.FundRow, period: string, found: FoundCondition[]) {
  const open = await repository.openAlertsOfFund(tx, fund.code);
  const openByKey = new Map(open.map((alert) => [`${alert.rule}|${alert.condition_key}`, alert]));
  for (const condition of found) {
    const existing = openByKey.get(`${condition.rule}|${condition.conditionKey}`);
    if (existing) {
      openByKey.delete(`${condition.rule}|${condition.conditionKey}`);
      await repository.refreshAlert(tx, existing.id, { severity: condition.severity, period, figures: figuresJson(condition) });
      if (existing.severity !== condition.severity) {
        await recordAudit(tx, actor, { action: 'execution.alert.severity', entityType: 'execution_alert', entityId: String(existing.id), regionCode: fund.region_code, before: { severity: existing.severity }, after: { severity: condition.severity, figures: condition.figures } });
      }
      continue;
    }
    const id = newId();
    const raised = await repository.insertAlert(tx, {
      id, rule: condition.rule, condition_key: condition.conditionKey, fund_code: fund.code, region_code: fund.region_code, severity: condition.severity, period, figures: figuresJson(condition),
    });
    // 岗位责任: the staff responsible for the fund's region and scheme today owns the new alert (duty/duty.service.ts)
    if (raised) await ownNewAlert(tx, id, fund, todayInChina());
    if (raised) await recordAudit(tx, actor, { action: 'execution.alert.raise', entityType: 'execution_alert', entityId: String(id), regionCode: fund.region_code, after: { rule: condition.rule, severity: condition.severity, period, figures: condition.figures } });
    if (raised) await notifyAlert(tx, 'alert.raised', id);   // the webhooks (notifications/), in this transaction
  }
  for (const gone of openByKey.values()) {
    await repository.autoResolveAlert(tx, gone.id, period);
    await recordAudit(tx, actor, { action: 'execution.alert.auto_resolve', entityType: 'execution_alert', entityId: String(gone.id), regionCode: fund.region_code, before: { status: gone.status }, after: { status: 'auto_resolved', period } });
    await notifyAlert(tx, 'alert.auto_resolved', gone.id);
  }
}

async function evaluateFund(tx: Tx, context: JobContext<EvaluationParameters>, { payload }: { chunk: number; payload: EvaluationChunk }) {
  const fund = await repository.fundByCode(tx, payload.fund);
  if (!fund) return;
  const period = yearToDate(context.parameters.year, context.parameters.month).to;
  await applyConditions(tx, context.actor, fund, period, await conditionsOfFund(tx, fund, context.parameters));
}

async function finishEvaluation(database: DatabaseHandle, context: JobContext<EvaluationParameters>): Promise<EvaluationResult> {
  const open = await inScope(database, context.actor, (tx) => repository.countOpenAlerts(tx, scopePrefix(context.job.region_code)));
  return { period: yearToDate(context.parameters.year, context.parameters.month).to, funds: Object.keys(context.parameters.thresholds).length, open };
}

export const alertEvaluationJob: JobDefinition<EvaluationParameters, EvaluationChunk> = {
  kind: 'execution.alerts', label: '基金运行预警评估', permission: 'alerts.manage', runChunk: evaluateFund, finish: finishEvaluation,
};

/**
 * Creates an evaluation of the funds in the actor's scope (of those of `only`, when given) for the month (default: the
 * month of `today`, to today).
 */
async function createEvaluation(tx: Tx, actor: Actor, input: { year?: number; month?: number }, today: string, key: string, only?: readonly string[]) {
  const year = input.year ?? Number(today.slice(0, 4));
  const month = input.month ?? Number(today.slice(5, 7));
  checkReportMonth({ year, month }, today);
  const funds = (await repository.fundsWithin(tx, scopePrefix(actor.regionCode))).filter((fund) => !only || only.includes(fund.code));
  const thresholds = Object.fromEntries(funds.map((fund) => [fund.code, alertThresholds(fund.region_code, today)]));
  return createOrFindJob(tx, actor, alertEvaluationJob, {
    key, regionCode: actor.regionCode, parameters: { year, month, today, thresholds }, chunks: funds.map((fund) => ({ fund: fund.code })),
  });
}

/** POST /api/alerts/evaluations: an evaluation of its own (the ledger changes between two runs of a day), worked by the server. */
export async function startEvaluation(database: DatabaseHandle, actor: Actor, input: { year?: number; month?: number }): Promise<JobView> {
  requirePermission(actor, 'alerts.manage');
  const { job } = await inScope(database, actor, (tx) => createEvaluation(tx, actor, input, todayInChina(), `${todayInChina()}/${actor.regionCode ?? '*'}/${newId()}`));
  return getJob(database, actor, job.id);
}

/** `sifund alerts evaluate`: an evaluation worked here to its end. */
export async function evaluateAlerts(database: DatabaseHandle, actor: Actor, input: { year?: number; month?: number }): Promise<EvaluationResult & { job: string }> {
  const started = await startEvaluation(database, actor, input);
  const job = throwIfFailed(await runOrAttach(database, actor, BigInt(started.id)));
  return { job: job.id, ...(job.result as EvaluationResult) };
}

/** The day's scheduled evaluation, once the hour of the parameter has come (China time); a failed one is retried the next day. */
export async function createDueEvaluations(database: DatabaseHandle, now: Date): Promise<bigint[]> {
  const actor = evaluator();
  const today = todayInChina(now);
  const hourInChina = (now.getUTCHours() + 8) % 24;
  if (hourInChina < getParameters().integer('execution.alert_evaluation_hour', today)) return [];
  const { job } = await inScope(database, actor, (tx) => createEvaluation(tx, actor, {}, today, `daily/${today}`));
  if (job.status === 'queued' || job.status === 'running') return [job.id];
  if (job.status === 'failed' && job.finished_at && todayInChina(job.finished_at) < today) return [BigInt((await retryJob(database, actor, job.id)).id)];
  return [];
}

export const alertSchedule: JobSchedule = { name: 'execution.daily-alerts', createDueJobs: createDueEvaluations };

/**
 * Evaluation when the ledger changes (issue 14 R8.1: "evaluated when the ledger changes (debounced)"). Each batch a
 * posting writes marks its funds in its own transaction (markChanged: one insert … on conflict do nothing, the
 * ledger's posting effect); a fund's mark keeps the time of its first change. Once a mark is older than the quiet
 * interval (execution.alert_reevaluation_delay_seconds), one evaluation of today's month takes every such mark:
 * the postings of a burst within the interval make one evaluation per fund, not one per posting; a posting after the
 * marks were taken makes a new mark, so its change is never missed.
 */
export const markFundsChanged: PostingEffect = markChanged;

/** The evaluation of the funds whose marks are older than the quiet interval on `now`, taking the marks; none when there is none. */
export async function createChangedEvaluations(database: DatabaseHandle, now: Date): Promise<bigint[]> {
  const actor = evaluator();
  const today = todayInChina(now);
  const quietSeconds = getParameters().integer('execution.alert_reevaluation_delay_seconds', today);
  const job = await inScope(database, actor, async (tx) => {
    const funds = await takeChangedBefore(tx, new Date(now.getTime() - quietSeconds * 1000));
    return funds.length ? (await createEvaluation(tx, actor, {}, today, `changed/${now.toISOString()}/${newId()}`, funds)).job : null;
  });
  return job ? [job.id] : [];
}

/** Asked every 10 seconds: a mark waits its quiet interval and at most that much longer. */
export const changedAlertSchedule: JobSchedule = { name: 'execution.changed-alerts', everyMs: 10_000, createDueJobs: createChangedEvaluations };

// ——— the lifecycle ———

export interface AlertView {
  id: string; rule: AlertRule; title: string; severity: AlertSeverity; region: string; fund: string; status: AlertStatus; period: string;
  values: Record<string, unknown>; raisedAt: string; lastEvaluatedAt: string;
  acknowledgedAt: string | null; acknowledgedBy: string | null; acknowledgeNote: string | null;
  resolvedAt: string | null; resolvedBy: string | null; resolutionNote: string | null; owner: string | null;
}

const ruleTitles: Record<AlertRule, () => Said> = {
  current_deficit: said.currentDeficit, payment_capacity: said.paymentCapacity, execution_deviation: said.executionDeviation, indicator_overrun: said.indicatorOverrun,
  medical_balance_range: said.medicalBalanceRange, collection_rate: said.collectionRate, arrears_growth: said.arrearsGrowth,
};
const statusSaid: Record<AlertStatus, () => Said> = { raised: said.raised, acknowledged: said.acknowledged, resolved: said.resolved, auto_resolved: said.autoResolved };

const alertView = (row: AlertRow): AlertView => ({
  id: String(row.id), rule: row.rule, title: render(ruleTitles[row.rule](), 'zh-CN'), severity: row.severity, region: row.region_code, fund: row.fund_code,
  status: row.status, period: row.period, values: (typeof row.figures === 'string' ? JSON.parse(row.figures) : row.figures) as Record<string, unknown>,
  raisedAt: row.raised_at.toISOString(), lastEvaluatedAt: row.last_evaluated_at.toISOString(),
  acknowledgedAt: row.acknowledged_at?.toISOString() ?? null, acknowledgedBy: row.acknowledged_by, acknowledgeNote: row.acknowledge_note,
  resolvedAt: row.resolved_at?.toISOString() ?? null, resolvedBy: row.resolved_by, resolutionNote: row.resolution_note, owner: row.owner,
});

/** A status filter: one status, or `open` for raised and acknowledged. */
export function statusesOf(status: string | undefined): readonly AlertStatus[] | undefined {
  if (status === undefined) return undefined;
  if (status === 'open') return openStatuses;
  if (!(alertStatuses as readonly string[]).includes(status)) throw invalid('status', said.statusUnknown());
  return [status as AlertStatus];
}

const newestFirst: SortKey[] = [{ by: 'raised_at', direction: 'desc' }, { by: 'id', direction: 'desc' }];

/** The alerts in the actor's scope (and under `region` when given), newest first. */
export async function listAlerts(database: DatabaseHandle, actor: Actor, filter: { region?: string; status?: string; fund?: string }, request: ListRequest): Promise<ListAnswer<AlertView>> {
  requirePermission(actor, 'execution.read');
  const query = { regionPrefix: filter.region ? scopePrefix(filter.region) : undefined, statuses: statusesOf(filter.status), fund: filter.fund };
  return inScope(database, actor, (tx) => listPage(tx, repository.alertsQuery(tx, query), newestFirst, request, (rows) => (rows as AlertRow[]).map(alertView)));
}

function checkNote(note: string | undefined): string {
  const text = note?.trim() ?? '';
  if (text.length < 1 || text.length > 2000) throw invalid('note', said.noteRequired());
  return text;
}

/** Acknowledges a raised alert with a note (who looks after it, what is known). */
export async function acknowledgeAlert(database: DatabaseHandle, actor: Actor, id: bigint, note: string | undefined): Promise<AlertView> {
  return changeAlert(database, actor, id, note, 'acknowledge');
}

/** Resolves an open alert with the action taken. */
export async function resolveAlert(database: DatabaseHandle, actor: Actor, id: bigint, note: string | undefined): Promise<AlertView> {
  return changeAlert(database, actor, id, note, 'resolve');
}

async function changeAlert(database: DatabaseHandle, actor: Actor, id: bigint, note: string | undefined, action: 'acknowledge' | 'resolve'): Promise<AlertView> {
  requirePermission(actor, 'alerts.manage');
  const text = checkNote(note);
  return inScope(database, actor, async (tx) => {
    const alert = await repository.alertById(tx, id, true);
    if (!alert) throw notFound(said.alert({ id }));
    const changed = action === 'acknowledge' ? await repository.acknowledgeAlert(tx, id, actor.username, text) : await repository.resolveAlert(tx, id, actor.username, text);
    if (Number(changed.numUpdatedRows) !== 1) {
      throw conflict('status', said.alertNotOpen({ id, status: statusSaid[alert.status](), action: action === 'acknowledge' ? said.acknowledgeAction() : said.resolveAction() }));
    }
    await recordAudit(tx, actor, {
      action: action === 'acknowledge' ? 'execution.alert.acknowledge' : 'execution.alert.resolve', entityType: 'execution_alert', entityId: String(id), regionCode: alert.region_code,
      before: { status: alert.status }, after: { status: action === 'acknowledge' ? 'acknowledged' : 'resolved', note: text },
    });
    await notifyAlert(tx, action === 'acknowledge' ? 'alert.acknowledged' : 'alert.resolved', id);
    return alertView((await repository.alertById(tx, id))!);
  });
}
