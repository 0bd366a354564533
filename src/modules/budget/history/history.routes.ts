/** HTTP for the past final accounts (/api/budget/history): thin — validate, call the service, answer. */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { RegionCode } from '../../../platform/http/schemas.ts';
import { uploadedFile } from '../../../platform/imports/index.ts';
import { budgetHistory, importFinalAccounts } from './history.service.ts';
import { historyAnswer } from './history.report.ts';
import { BudgetHistory, HistoryImport } from './history.schemas.ts';

const tags = ['budget'];

export async function historyRoutes(app: App) {
  const db = app.database;

  app.get('/api/budget/history', { config: { permission: 'budget.read' },
    schema: {
      tags, summary: '历年决算 The past final accounts of the region\'s funds (pooling region the region or below it): per fund the imported years (latest version) with lines, totals and base data',
      querystring: Type.Object({ region: RegionCode, fund: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false }),
      response: { 200: BudgetHistory },
    },
  }, async (request) => historyAnswer(await budgetHistory(db, actor(request), request.query)));

  app.post('/api/budget/history/imports', { config: { permission: 'budget.draft' },
    schema: {
      tags, consumes: ['multipart/form-data'], querystring: Type.Object({ encoding: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: false }),
      response: { 200: HistoryImport },
      summary: '历年决算导入 Import past final accounts in the standard layout (年度,险种,统筹区,科目编码,科目名称,决算数 / year,scheme,region,subject,name,amount): all rows or none',
    },
  }, async (request) => importFinalAccounts(db, actor(request), await uploadedFile(request, request.query)));
}
