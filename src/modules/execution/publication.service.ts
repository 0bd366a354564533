/**
 * Public disclosure (R9.7; 社会保险经办条例 art. 50: fund income, expense and balance, periodically): a report of a
 * region's funds for the year to a month is a decision — `sifund execution publish` (POST /api/execution/publications)
 * submits it to the sign-off engine (kind execution.report_publication, levels from params/signoff/report_publication)
 * with its figures frozen in the item, so that the approver approves exactly what goes public; the approval's effect
 * publishes it in the same transaction. A report is never changed: publishing the same region and month again
 * supersedes the earlier one. The body holds fund-level figures only (fund code and name, income, expense, balance),
 * never a person or an employer. GET /api/public/reports answers anyone, without sign-in.
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, systemActor, type Actor } from '../../platform/actor.ts';
import { requirePermission } from '../../platform/access/permissions.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { render } from '../../platform/messages.ts';
import { formatYuan } from '../../platform/money.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { registerSignoffKind, submitForApproval, type ApprovalItemView } from '../../platform/signoff/index.ts';
import { yearToDate } from './execution.calc.ts';
import { executionSaid as said } from './execution.messages.ts';
import { executionFigures, type ReportInput } from './report.service.ts';
import * as repository from './execution.repository.ts';

/** The published figures of one fund (yuan strings). */
export interface PublicFundFigures { fund: string; name: string; income: string; expense: string; surplus: string; balance: string }
export interface PublicReportBody { region: string; regionName: string | null; period: string; asOf: string; funds: PublicFundFigures[] }

interface PublicationPayload { region: string; period: string; title: string; body: PublicReportBody }

export const reportPublicationSignoff = registerSignoffKind<PublicationPayload>({
  kind: 'execution.report_publication',
  label: '基金收支情况公开',
  parameters: 'signoff.report_publication',
  requestPermission: 'report.publish',
  levels: [{ name: 'approve', label: '审批', permission: 'report.publish' }],
  effect: async (tx, approver, item) => {
    const { region, period, title, body } = item.payload;
    const earlier = await repository.currentReport(tx, region, period);
    const id = newId();
    await repository.insertPublishedReport(tx, {
      id, region_code: region, period, title, body: JSON.stringify(body), supersedes_id: earlier?.id ?? null, approval_item_id: item.id, published_by: approver.username,
    });
    await recordAudit(tx, approver, { action: 'execution.report.publish', entityType: 'published_report', entityId: String(id), regionCode: region, after: { period, title, supersedes: earlier ? String(earlier.id) : null } });
    return { publishedReportId: String(id) };
  },
  subjectLink: (payload) => `/public/reports?region=${payload.region}&period=${payload.period}`,
});

/** The figures a report of the region and month publishes: per fund the year's income and expense to the month, and the balance at its end. */
export async function publicFigures(database: DatabaseHandle, actor: Actor, input: ReportInput): Promise<PublicReportBody> {
  return inScope(database, actor, async (tx) => {
    const figures = await executionFigures(tx, input);
    if (!figures.funds.length) throw notFound(said.noFundInRegion({ region: input.region }));
    const { to } = yearToDate(input.year, input.month);
    const positions = new Map((await repository.fundPositions(tx, figures.funds.map(({ fund }) => fund.id), to, to)).map((row) => [row.fund_id, row.balance]));
    return {
      region: input.region, regionName: (await repository.regionName(tx, input.region)) ?? null, period: to, asOf: figures.progress.asOf,
      funds: figures.funds.map(({ fund, lines }) => {
        const total = (side: 'income' | 'expense') => lines.filter((line) => line.side === side && line.parentSubject === null).reduce((sum, line) => sum + line.actual, 0n);
        return { fund: fund.code, name: fund.name, income: formatYuan(total('income')), expense: formatYuan(total('expense')), surplus: formatYuan(total('income') - total('expense')), balance: formatYuan(positions.get(fund.id) ?? 0n) };
      }),
    };
  });
}

/** Submits the report of the region and month for publication; it goes public when approved. */
export async function submitPublication(database: DatabaseHandle, actor: Actor, input: ReportInput): Promise<ApprovalItemView> {
  requirePermission(actor, 'report.publish');
  const body = await publicFigures(database, actor, input);
  const title = render(said.reportTitle({ region: body.regionName ?? input.region, year: input.year, month: input.month }), 'zh-CN');
  return inScope(database, actor, (tx) => submitForApproval(tx, actor, reportPublicationSignoff, {
    regionCode: input.region, title, subjectKey: `execution.report:${input.region}:${body.period}`, payload: { region: input.region, period: body.period, title, body },
  }));
}

export interface PublicReportSummary { id: string; region: string; period: string; title: string; publishedAt: string; supersedes: string | null; supersededBy: string | null }
export interface PublicReport extends PublicReportSummary { body: PublicReportBody }

/** The public pages read as a system actor of national scope holding no permission: published reports are public. */
const publicReader = () => systemActor('public-reports');

type ReportRow = NonNullable<Awaited<ReturnType<typeof repository.publishedReportById>>>;
const summaryOf = (row: ReportRow): PublicReportSummary => ({
  id: String(row.id), region: row.region_code, period: row.period, title: row.title, publishedAt: row.published_at.toISOString(),
  supersedes: row.supersedes_id === null ? null : String(row.supersedes_id), supersededBy: row.superseded_by === null ? null : String(row.superseded_by),
});

/** GET /api/public/reports: every published report, newest period first (a superseded one names its correction). */
export const listPublicReports = (database: DatabaseHandle): Promise<PublicReportSummary[]> =>
  inScope(database, publicReader(), async (tx) => (await repository.publishedReports(tx)).map(summaryOf));

/** GET /api/public/reports/:id: one report with its figures. */
export async function getPublicReport(database: DatabaseHandle, id: bigint): Promise<PublicReport> {
  const row = await inScope(database, publicReader(), (tx) => repository.publishedReportById(tx, id));
  if (!row) throw notFound(said.publishedReport({ id }));
  return { ...summaryOf(row), body: (typeof row.body === 'string' ? JSON.parse(row.body) : row.body) as PublicReportBody };
}
