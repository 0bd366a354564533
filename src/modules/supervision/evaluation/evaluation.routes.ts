/** HTTP for the performance evaluation: GET /api/supervision/evaluation?year=YYYY[&pool=AMOUNT][&format=xlsx|csv|pdf]. */
import { actor, type App } from '../../../platform/http/server.ts';
import { sendReport } from '../../../platform/reports/http.ts';
import { evaluateRegions } from './evaluation.service.ts';
import { evaluationReport } from './evaluation.report.ts';
import { Evaluation, EvaluationQuery } from './evaluation.schemas.ts';

export async function evaluationRoutes(app: App) {
  app.get('/api/supervision/evaluation', { config: { permission: 'supervision.read' },
    schema: {
      tags: ['supervision'], querystring: EvaluationQuery, response: { 200: Evaluation },
      summary: '绩效考核 The counties in scope scored on the indicator tree from the year\'s records, ranked, and the 以奖代补 pool split by score to the fen (format=xlsx|csv|pdf: the ranking and each county\'s indicators as a file)',
    },
  }, async (request, reply) => {
    const { format, ...input } = request.query;
    return sendReport(reply, evaluationReport(await evaluateRegions(app.database, actor(request), input)), format);
  });
}
