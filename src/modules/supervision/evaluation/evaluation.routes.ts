/**
 * HTTP for the performance evaluation: GET /api/supervision/evaluation?year=YYYY[&level=county|city][&pool=AMOUNT][&format=xlsx|csv|pdf],
 * and the indicators entered by hand: POST /api/supervision/evaluation/entries, GET …/entries?year=&region= (their history).
 */
import { actor, type App } from '../../../platform/http/server.ts';
import { sendReport } from '../../../platform/reports/http.ts';
import { enterIndicator, entryHistory, evaluateRegions } from './evaluation.service.ts';
import { evaluationReport } from './evaluation.report.ts';
import { EnteredValue, EntriesQuery, EntryBody, EntryHistory, Evaluation, EvaluationQuery } from './evaluation.schemas.ts';

export async function evaluationRoutes(app: App) {
  app.get('/api/supervision/evaluation', { config: { permission: 'supervision.read' },
    schema: {
      tags: ['supervision'], querystring: EvaluationQuery, response: { 200: Evaluation },
      summary: '绩效考核 The counties (or with level=city the cities) in scope scored on the indicator tree from the year\'s records, ranked, and the 以奖代补 pool split by score to the fen (format=xlsx|csv|pdf: the ranking and each county\'s indicators as a file)',
    },
  }, async (request, reply) => {
    const { format, ...input } = request.query;
    return sendReport(reply, evaluationReport(await evaluateRegions(app.database, actor(request), input)), format);
  });

  app.post('/api/supervision/evaluation/entries', { config: { permission: 'supervision.evaluate' },
    schema: {
      tags: ['supervision'], body: EntryBody, response: { 201: EnteredValue },
      summary: '指标录入 Enter the value of an indicator the records cannot show, for a county or city and a year, with its evidence; a correction is a later entry (the latest counts), kept under your name',
    },
  }, async (request, reply) => reply.code(201).send(await enterIndicator(app.database, actor(request), request.body)));

  app.get('/api/supervision/evaluation/entries', { config: { permission: 'supervision.read' },
    schema: { tags: ['supervision'], querystring: EntriesQuery, response: { 200: EntryHistory }, summary: '指标录入记录 Every value entered for a region\'s year, newest first' },
  }, async (request) => entryHistory(app.database, actor(request), request.query));
}
