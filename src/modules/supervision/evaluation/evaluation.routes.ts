/** HTTP for the performance evaluation: GET /api/supervision/evaluation?year=YYYY[&pool=AMOUNT]. */
import { actor, type App } from '../../../platform/http/server.ts';
import { evaluateRegions } from './evaluation.service.ts';
import { Evaluation, EvaluationQuery } from './evaluation.schemas.ts';

export async function evaluationRoutes(app: App) {
  app.get('/api/supervision/evaluation', { config: { permission: 'supervision.read' },
    schema: {
      tags: ['supervision'], querystring: EvaluationQuery, response: { 200: Evaluation },
      summary: '绩效考核 The counties in scope scored on the indicator tree from the year\'s records, ranked, and the 以奖代补 pool split by score to the fen',
    },
  }, async (request) => evaluateRegions(app.database, actor(request), { year: request.query.year, pool: request.query.pool }));
}
