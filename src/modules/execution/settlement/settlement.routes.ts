/**
 * HTTP of the final accounts (决算: GET, as JSON, XLSX, CSV or PDF) and the year-end settlement (年终清算: GET the
 * settlements of a region's funds, POST a settlement to sign-off).
 */
import { actor, type App } from '../../../platform/http/server.ts';
import { Items } from '../../../platform/http/schemas.ts';
import { sendReport } from '../../../platform/reports/http.ts';
import { ApprovalItem } from '../../../platform/signoff/signoff.schemas.ts';
import { finalAccountsDocument } from './settlement.report.ts';
import { FinalAccountsQuery, FinalAccountsView, SettlementQuery, SettlementRequest, SettlementsView } from './settlement.schemas.ts';
import { finalAccounts, listSettlements, submitSettlements } from './settlement.service.ts';

const tags = ['execution'];

export async function settlementRoutes(app: App) {
  app.get('/api/execution/final-accounts', { config: { permission: 'execution.read' },
    schema: {
      tags, querystring: FinalAccountsQuery, response: { 200: FinalAccountsView },
      summary: '决算 The final accounts of a year per fund of the region and below: budget, actual, completion rate and gap per line, the causes of the largest gaps (?format=json|xlsx|csv|pdf)',
    },
  }, async (request, reply) => {
    const { format, ...input } = request.query;
    return sendReport(reply, finalAccountsDocument(await finalAccounts(app.database, actor(request), input)), format);
  });

  app.get('/api/execution/settlements', { config: { permission: 'execution.read' },
    schema: {
      tags, querystring: SettlementQuery, response: { 200: SettlementsView },
      summary: '年终清算 Per fund of the region and below: its year-end settlement, a submission in sign-off, or the figures as the books stand',
    },
  }, async (request) => listSettlements(app.database, actor(request), request.query));

  app.post('/api/execution/settlements', { config: { permission: 'budget.draft' },
    schema: {
      tags, body: SettlementRequest, response: { 201: Items(ApprovalItem) },
      summary: '提交年终清算 Submit the settlement of a fund (or of every fund not settled) for sign-off (kind execution.year_end_settlement): the approval returns the 支出户\'s unspent balance to the 财政专户',
    },
  }, async (request, reply) => reply.code(201).send({ items: await submitSettlements(app.database, actor(request), request.body) }));
}
