/**
 * 月度基金收支分析 generated when a month closes (R7.5 "generated automatically when a month closes"). The ledger closes a
 * month per fund (period.service.ts); the analysis of a region covers every fund of its subtree, so it is built once
 * all of them have closed the month:
 *  - in the transaction that closes a fund's month (the ledger's hook registerPeriodCloseEffect), when every fund of
 *    the fund's region's subtree has the month closed, a job (kind execution.monthly_analysis, key `<region>/<month>`)
 *    is queued — once: a month reopened and closed again finds the same job;
 *  - the job builds the analysis with the analysis module's own builder (analysisReport) and stores it
 *    (monthly_analysis, one per region and month), then does the same for each region above whose whole subtree has
 *    the month closed now, and emits `analysis.generated` for every analysis it stored (notifications.service.ts).
 * A stored analysis is listed and downloaded again as it stood (JSON, XLSX, CSV, PDF through the analysis' report).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, scopePrefix, systemActor, type Actor, type Tx } from '../../../platform/actor.ts';
import { requirePermission } from '../../../platform/access/permissions.ts';
import { notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { listPage, type ListAnswer, type ListRequest, type SortKey } from '../../../platform/http/lists.ts';
import { createOrFindJob, type JobContext, type JobDefinition } from '../../../platform/jobs/index.ts';
import type { PeriodCloseEffect } from '../../ledger/index.ts';
import { analysisReport, type AnalysisReport } from '../analysis/analysis.service.ts';
import { analysisSummary } from '../analysis/analysis.report.ts';
import { emitEvent } from './notifications.service.ts';
import * as repository from './notifications.repository.ts';
import { notificationSaid as said } from './notifications.messages.ts';

/** The analyses are built by the system, in the national scope (a region above the closing fund's is read too). */
const analyst = () => systemActor('execution-monthly-analysis', ['execution.read']);

interface AnalysisParameters { region: string; period: string }
export interface AnalysisJobResult { generated: { region: string; period: string; id: string }[] }

/** What `analysis.generated` carries: where, which month, the headline figures and where to download it. */
const analysisBody = (id: bigint, report: AnalysisReport, generatedAt: Date) => ({
  id: String(id), region: report.region, regionName: report.regionName, year: report.year, month: report.month,
  generatedAt: generatedAt.toISOString(), headline: report.headline, download: `/api/execution/analyses/${id}?format=pdf`,
});

/** Builds and stores the region's analysis of the month unless it is stored; emits analysis.generated when it stored it. */
async function generate(database: DatabaseHandle, actor: Actor, region: string, period: string, jobId: bigint) {
  const [year, month] = period.split('-').map(Number);
  const report = await analysisReport(database, actor, { year, month, region });
  return inScope(database, actor, async (tx) => {
    const id = await repository.insertMonthlyAnalysis(tx, { id: newId(), region_code: region, period, report: JSON.stringify(report), job_id: jobId });
    if (id === null) return null;
    const generatedAt = (await repository.monthlyAnalysisReport(tx, id))!.generated_at;
    await recordAudit(tx, actor, { action: 'execution.analysis.generate', entityType: 'monthly_analysis', entityId: String(id), regionCode: region, after: { region, period, job: String(jobId) } });
    await emitEvent(tx, 'analysis.generated', region, { analysis: analysisBody(id, report, generatedAt) });
    return { region, period, id: String(id) };
  });
}

async function generateAnalyses(database: DatabaseHandle, context: JobContext<AnalysisParameters>): Promise<AnalysisJobResult> {
  const { period } = context.parameters;
  const generated: AnalysisJobResult['generated'] = [];
  // the job's region (complete when the job was queued), then each region above while its whole subtree is closed
  let region: string | null = context.parameters.region;
  while (region !== null) {
    const stored = await generate(database, context.actor, region, period, context.job.id);
    if (stored) generated.push(stored);
    const parent: string | null = await inScope(database, context.actor, (tx) => repository.parentRegion(tx, region!));
    region = parent !== null && await inScope(database, context.actor, (tx) => repository.fundsWithMonthOpen(tx, scopePrefix(parent), period)) === 0 ? parent : null;
  }
  return { generated };
}

export const monthlyAnalysisJob: JobDefinition<AnalysisParameters, never> = {
  kind: 'execution.monthly_analysis', label: '月度基金收支分析（月结后自动生成）', permission: 'period.close', finish: generateAnalyses,
};

/** The ledger's period close hook: queues the analysis of the fund's region once its whole subtree has the month closed. */
export const queueMonthlyAnalysis: PeriodCloseEffect = async (tx: Tx, _actor, closed) => {
  if (await repository.fundsWithMonthOpen(tx, scopePrefix(closed.regionCode), closed.period) > 0) return;
  await createOrFindJob(tx, analyst(), monthlyAnalysisJob, {
    key: `${closed.regionCode}/${closed.period}`, regionCode: closed.regionCode, parameters: { region: closed.regionCode, period: closed.period }, chunks: [],
  });
};

// ——— the stored analyses ———

export interface MonthlyAnalysisView { id: string; region: string; period: string; generatedAt: string; job: string }
const view = (row: repository.MonthlyAnalysisRow): MonthlyAnalysisView => ({
  id: String(row.id), region: row.region_code, period: row.period, generatedAt: row.generated_at.toISOString(), job: String(row.job_id),
});
const newestFirst: SortKey[] = [{ by: 'period', direction: 'desc' }, { by: 'id', direction: 'desc' }];

/** The analyses generated at month close in the actor's scope (of one region when given), newest month first. */
export async function listMonthlyAnalyses(database: DatabaseHandle, actor: Actor, filter: { region?: string }, request: ListRequest): Promise<ListAnswer<MonthlyAnalysisView>> {
  requirePermission(actor, 'execution.read');
  return inScope(database, actor, (tx) => listPage(tx, repository.monthlyAnalysesQuery(tx, scopePrefix(actor.regionCode), filter.region), newestFirst, request, (rows) => rows.map(view)));
}

/** One stored analysis as it was generated (for its report: XLSX, CSV, PDF). */
export async function storedAnalysis(database: DatabaseHandle, actor: Actor, id: bigint): Promise<AnalysisReport> {
  requirePermission(actor, 'execution.read');
  const row = await inScope(database, actor, (tx) => repository.monthlyAnalysisReport(tx, id));
  if (!row) throw notFound(said.analysis({ id }));
  const stored = (typeof row.report === 'string' ? JSON.parse(row.report) : row.report) as Omit<AnalysisReport, 'summary'> & { summary?: string[] };
  // an analysis stored before the 综述 existed: told from its own stored figures, the same way
  return { ...stored, summary: stored.summary ?? analysisSummary(stored) };
}
