/** HTTP for what the budget draft reads (/api/budget/actuals): thin — validate, call the service, answer. */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { RegionCode, Year } from '../../../platform/http/schemas.ts';
import { lineActuals } from './draft.service.ts';
import { BudgetLineActuals } from './draft.schemas.ts';

export async function draftRoutes(app: App) {
  const db = app.database;

  app.get('/api/budget/actuals', { config: { permission: 'budget.read' },
    schema: {
      tags: ['budget'], summary: '预算项目历年执行数 Each line of the region\'s fund tables (the year\'s subject chart) per calendar year from the cash-basis ledger, up to the last complete month',
      querystring: Type.Object({ year: Year, region: RegionCode }, { additionalProperties: false }), response: { 200: BudgetLineActuals },
    },
  }, async (request) => lineActuals(db, actor(request), request.query));
}
