/**
 * Duty assignments (岗位责任) and the focus list (重点关注), issue 14 R7.2: "a focus list of the regions most off track
 * with the staff member responsible for each".
 *
 * An assignment names who answers for the budget execution of a region's funds — of one scheme (the fund's insurance)
 * or of all — from a date. 社会保险经办条例 art. 5 (经办机构 carry out the fund's business) and the 岗位责任制 of the
 * agencies' internal control (人社部《社会保险经办机构内部控制规则》[check]): the person must be staff who reads budget
 * execution, active, of the region or a region above it. History is kept: a new assignment follows the current one and
 * ends its period the day before its own start; none is edited (migration 0060, append-only). Every assignment is
 * audited (execution.duty.assign).
 *
 * The focus list reads the execution report's figures (executionFigures: the same lines, the same ledger query) and
 * ranks the funds of the region and below by the largest deviation of a budget line (duty.calc.ts), with their open
 * alerts and the staff responsible today.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inActorScope, inScope, type Actor, type Role, type Tx } from '../../../platform/actor.ts';
import { requirePermission } from '../../../platform/access/permissions.ts';
import { checkStaff, eligibleStaff } from '../../../platform/access/staff.ts';
import { conflict, invalid } from '../../../platform/errors.ts';
import { checkDate } from '../../../platform/dates.ts';
import { newId } from '../../../platform/ids.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { getParameters, todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { budgetChartFor, schemeTable } from '../../budget/index.ts';
import { progressText } from '../execution.calc.ts';
import { executionFigures, type ReportInput } from '../report.service.ts';
import { ALL_SCHEMES, rankFocus, responsibleFor } from './duty.calc.ts';
import { dutySaid as said } from './duty.messages.ts';
import * as repository from './duty.repository.ts';
import type { AssignmentRow } from './duty.repository.ts';

export interface Responsible { username: string; name: string }
export interface FocusItem {
  region: string; regionName: string | null; fund: string; scheme: string;
  worstLine: { subject: string; name: string; deviation: string } | null;
  openAlerts: { critical: number; warning: number };
  responsible: Responsible | null;
}
export interface FocusList { year: number; month: number; region: string; asOf: string; timeProgress: string; items: FocusItem[] }

/** `sifund execution focus`, GET /api/execution/focus: the funds most off track, each with who answers for it today. */
export async function focusList(database: DatabaseHandle, actor: Actor, input: ReportInput): Promise<FocusList> {
  requirePermission(actor, 'execution.read');
  const today = todayInChina();
  return inScope(database, actor, async (tx) => {
    const figures = await executionFigures(tx, input, today);
    // 人社部、财政部 execution monitoring: the regions furthest off track first (params/execution/focus/size.yaml)
    const size = getParameters().integer('execution.focus.size', today, input.region);
    const ranked = rankFocus(figures.funds.map(({ fund, lines }) => ({ region: fund.region_code, fund: fund.code, insurance: fund.insurance, lines })), figures.progress, size);
    const funds = ranked.map(({ candidate }) => candidate.fund);
    const regions = [...new Set(ranked.map(({ candidate }) => candidate.region))];
    const [alerts, assignments, names] = [await repository.openAlertCounts(tx, funds), await repository.assignmentsInForce(tx, regions, today), await repository.regionNames(tx, regions)];
    const alertsOf = (fund: string, severity: 'critical' | 'warning') => Number(alerts.find((row) => row.fund_code === fund && row.severity === severity)?.count ?? 0);
    return {
      year: figures.year, month: figures.month, region: figures.region, asOf: figures.progress.asOf, timeProgress: progressText(figures.progress),
      items: ranked.map(({ candidate, worstLine }) => {
        const responsible = responsibleFor(assignments, candidate.region, candidate.insurance);
        return {
          region: candidate.region, regionName: names.get(candidate.region) ?? null, fund: candidate.fund, scheme: candidate.insurance,
          worstLine: worstLine && { subject: worstLine.subject, name: worstLine.name, deviation: worstLine.deviation! },
          openAlerts: { critical: alertsOf(candidate.fund, 'critical'), warning: alertsOf(candidate.fund, 'warning') },
          responsible: responsible && { username: responsible.username, name: responsible.name },
        };
      }),
    };
  });
}

export interface AssignmentView {
  id: string; region: string; scheme: string; username: string; name: string; from: string; to: string | null;
  supersededBy: string | null; assignedBy: string; assignedAt: string;
}
export interface EligibleStaff { username: string; name: string; role: Role; region: string }
export interface DutyAssignments { region: string; schemes: string[]; assignments: AssignmentView[]; eligible: EligibleStaff[] }

const assignmentView = (row: AssignmentRow): AssignmentView => ({
  id: String(row.id), region: row.region_code, scheme: row.scheme, username: row.username, name: row.name, from: row.valid_from, to: row.valid_to,
  supersededBy: row.superseded_by === null ? null : String(row.superseded_by), assignedBy: row.assigned_by, assignedAt: row.assigned_at.toISOString(),
});

/** The schemes an assignment may name: every scheme with a budget table in this year's chart, and 'all'. */
export function assignableSchemes(today = todayInChina()): string[] {
  const chart = budgetChartFor(Number(today.slice(0, 4)));
  return [ALL_SCHEMES, ...Object.keys(chart.schemes).filter((scheme) => schemeTable(chart, scheme) !== undefined)];
}

async function checkRegion(tx: Tx, actor: Actor, region: unknown): Promise<string> {
  if (typeof region !== 'string' || !/^\d{6}$/.test(region) || !await repository.regionExists(tx, region)) throw invalid('region', said.regionUnknown({ region: String(region) }));
  if (!inActorScope(actor, region)) throw invalid('region', said.regionOutsideScope({ region }));
  return region;
}

/** `sifund execution duty list`, GET /api/execution/duty-assignments: the region's assignments with their history, and who may be assigned. */
export async function listDutyAssignments(database: DatabaseHandle, actor: Actor, input: { region: string }): Promise<DutyAssignments> {
  requirePermission(actor, 'execution.read');
  return inScope(database, actor, async (tx) => {
    const region = await checkRegion(tx, actor, input.region);
    const eligible = await eligibleStaff(tx, region, 'execution.read');
    return {
      region, schemes: assignableSchemes(),
      assignments: (await repository.assignmentsOfRegion(tx, region)).map(assignmentView),
      eligible: eligible.map((staff) => ({ username: staff.username, name: staff.name, role: staff.role, region: staff.region_code! })),
    };
  });
}

export interface AssignInput { region: string; scheme: string; username: string; from?: string }

/** `sifund execution duty assign`, POST /api/execution/duty-assignments: a new responsible from a date (default today). */
export async function assignDuty(database: DatabaseHandle, actor: Actor, input: AssignInput): Promise<AssignmentView> {
  requirePermission(actor, 'execution.duty.manage');
  const schemes = assignableSchemes();
  if (!schemes.includes(input.scheme)) throw invalid('scheme', said.schemeUnknown({ schemes: schemes.join(', '), value: String(input.scheme) }));
  if (typeof input.username !== 'string' || input.username.trim() === '') throw invalid('username', fieldRules.required());
  const from = checkDate(input.from ?? todayInChina(), 'from');
  return inScope(database, actor, async (tx) => {
    const region = await checkRegion(tx, actor, input.region);
    // only staff who read budget execution may answer for it, of the region or above it
    const staff = await checkStaff(tx, { username: input.username.trim(), region, permission: 'execution.read', field: 'username' });
    const current = await repository.latestAssignment(tx, region, input.scheme);
    if (current?.username === staff.username) throw conflict('username', said.alreadyResponsible({ username: staff.username, region, scheme: input.scheme }));
    if (current && from <= current.valid_from) throw invalid('from', said.fromNotAfterCurrent({ username: current.username, current: current.valid_from }));
    const id = newId();
    const written = await repository.insertAssignment(tx, {
      id, region_code: region, scheme: input.scheme, user_id: staff.id, username: staff.username, name: staff.name, valid_from: from, supersedes_id: current?.id ?? null, assigned_by: actor.username,
    });
    if (!written) throw conflict('region', said.concurrentAssignment({ region, scheme: input.scheme }));
    await recordAudit(tx, actor, {
      action: 'execution.duty.assign', entityType: 'duty_assignment', entityId: String(id), regionCode: region,
      before: current ? { username: current.username, from: current.valid_from } : null,
      after: { scheme: input.scheme, username: staff.username, from },
    });
    return assignmentView((await repository.assignmentsOfRegion(tx, region)).find((row) => row.id === id)!);
  });
}

/**
 * Gives a newly raised alert its owner: the staff responsible for the fund's region and insurance on `date` (the
 * assignment in force; none: the alert has no owner, as before).
 */
export async function ownNewAlert(tx: Tx, alertId: bigint, fund: { region_code: string; insurance: string }, date: string): Promise<void> {
  const responsible = responsibleFor(await repository.assignmentsInForce(tx, [fund.region_code], date), fund.region_code, fund.insurance);
  if (responsible) await repository.setAlertOwner(tx, alertId, responsible.username);
}
