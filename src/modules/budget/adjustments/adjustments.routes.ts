/** HTTP for the budget adjustments (预算调整): thin — validate, call the service, answer. */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { Id, Items, RegionCode, Year } from '../../../platform/http/schemas.ts';
import { getAdjustment, lineHistory, listAdjustments, requestAdjustment } from './adjustments.service.ts';
import { AdjustmentInput, BudgetAdjustment, BudgetLineHistory } from './adjustments.schemas.ts';

const tags = ['budget'];

export async function adjustmentRoutes(app: App) {
  const db = app.database;

  app.post('/api/budget/versions/:id/adjustments', { config: { permission: 'budget.draft' },
    schema: {
      tags, summary: '发起预算调整 Request an adjustment of the latest approved version: lines with new amounts (or changes) and reasons, and an explanation; submitted to 复核 and 审批 (kind budget.adjustment), whose approval creates a new version',
      params: Type.Object({ id: Id }, { additionalProperties: false }), body: AdjustmentInput, response: { 200: BudgetAdjustment },
    },
  }, async (request) => requestAdjustment(db, actor(request), BigInt(request.params.id), request.body));

  app.get('/api/budget/adjustments', { config: { permission: 'budget.read' },
    schema: { tags, summary: '预算调整列表 The adjustment requests of a region\'s budget for a year, newest first, with their sign-off status',
      querystring: Type.Object({ year: Year, region: RegionCode }, { additionalProperties: false }), response: { 200: Items(BudgetAdjustment) } },
  }, async (request) => ({ items: await listAdjustments(db, actor(request), request.query) }));

  app.get('/api/budget/adjustments/:id', { config: { permission: 'budget.read' },
    schema: { tags, summary: '预算调整 One adjustment request with its lines', params: Type.Object({ id: Id }, { additionalProperties: false }), response: { 200: BudgetAdjustment } },
  }, async (request) => getAdjustment(db, actor(request), BigInt(request.params.id)));

  app.get('/api/budget/versions/:id/lines/:fund/:subject/history', { config: { permission: 'budget.read' },
    schema: {
      tags, summary: '预算项目调整记录 A line through every approved version of its budget: amount, change, the adjustment\'s reason and who signed it',
      params: Type.Object({ id: Id, fund: Type.String({ maxLength: 40 }), subject: Type.String({ maxLength: 80 }) }, { additionalProperties: false }),
      response: { 200: BudgetLineHistory },
    },
  }, async (request) => lineHistory(db, actor(request), { versionId: BigInt(request.params.id), fund: request.params.fund, subject: request.params.subject }));
}
