/** GET /api/execution/analysis: the monthly fund income and expenditure analysis, as JSON, XLSX, CSV or PDF. */
import { actor, type App } from '../../../platform/http/server.ts';
import { sendReport } from '../../../platform/reports/http.ts';
import { analysisDocument } from './analysis.report.ts';
import { AnalysisQuery, AnalysisView } from './analysis.schemas.ts';
import { analysisReport } from './analysis.service.ts';

export async function analysisRoutes(app: App) {
  const db = app.database;
  app.get('/api/execution/analysis', { config: { permission: 'execution.read' },
    schema: {
      tags: ['execution'], querystring: AnalysisQuery, response: { 200: AnalysisView },
      summary: '基金收支分析 The month\'s fund income and expenditure of the region: against budget and last year, the largest deviations and their drivers, open alerts (?format=json|xlsx|csv|pdf)',
    },
  }, async (request, reply) => {
    const { format, ...input } = request.query;
    return sendReport(reply, analysisDocument(await analysisReport(db, actor(request), input)), format);
  });
}
