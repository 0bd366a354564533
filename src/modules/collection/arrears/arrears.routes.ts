/** HTTP for arrears (/api/arrears…): an employer's arrears and late fees on a date, and the dunning list. */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { dunningList, employerArrears } from './arrears.service.ts';
import { dunningReport } from './arrears.report.ts';
import { ReportFormatQuery, sendReport } from '../../../platform/reports/http.ts';
import { DateText, RegionCode } from '../../../platform/http/schemas.ts';
import { DunningList, EmployerArrears } from '../collection.schemas.ts';

const tags = ['collection'];

export async function arrearsRoutes(app: App) {
  const db = app.database;

  app.get('/api/arrears', { config: { permission: ['arrears.read', 'portal.employer'] },
    schema: {
      tags, summary: '欠费与滞纳金 An employer\'s arrears and late fees on a date (an employer account: its own only)',
      querystring: Type.Object({ employer: Type.String({ minLength: 1, maxLength: 18, description: 'credit code' }), asOf: Type.Optional(DateText) }),
      response: { 200: EmployerArrears },
    },
  }, async (request) => employerArrears(db, actor(request), { creditCode: request.query.employer, asOf: request.query.asOf }));

  app.get('/api/arrears/dunning', { config: { permission: 'arrears.read' },
    schema: {
      tags, summary: '催缴清单 Employers in arrears, biggest first, with the ageing of arrears and their total count; format=xlsx|csv|pdf for the file (every employer; limit and offset page the JSON only)',
      querystring: Type.Object({
        asOf: Type.Optional(DateText), region: Type.Optional(RegionCode),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })), offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })), ...ReportFormatQuery,
      }),
      response: { 200: DunningList },
    },
  }, async (request, reply) => {
    const { format = 'json', ...query } = request.query;
    const list = await dunningList(db, actor(request), format === 'json' ? query : { ...query, limit: 'all', offset: 0 });
    return sendReport(reply, dunningReport(list), format);
  });
}
