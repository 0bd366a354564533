/** HTTP for arrears (/api/arrears…): an employer's arrears and late fees on a date, and the dunning list. */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { dunningList, employerArrears } from './arrears.service.ts';
import { dunningXlsx } from './arrears.xlsx.ts';
import { sendXlsx } from '../../../platform/http/xlsx.ts';
import { DateText, RegionCode } from '../../../platform/http/schemas.ts';

const tags = ['collection'];

export async function arrearsRoutes(app: App) {
  const db = app.database;

  app.get('/api/arrears', { config: { permission: ['arrears.read', 'portal.employer'] },
    schema: {
      tags, summary: '欠费与滞纳金 An employer\'s arrears and late fees on a date (an employer account: its own only)',
      querystring: Type.Object({ employer: Type.String({ minLength: 1, maxLength: 18, description: 'credit code' }), asOf: Type.Optional(DateText) }),
    },
  }, async (request) => employerArrears(db, actor(request), { creditCode: request.query.employer, asOf: request.query.asOf }));

  app.get('/api/arrears/dunning', { config: { permission: 'arrears.read' },
    schema: {
      tags, summary: '催缴清单 Employers in arrears, biggest first, with the ageing of arrears; format=xlsx for the sheet',
      querystring: Type.Object({
        asOf: Type.Optional(DateText), region: Type.Optional(RegionCode),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })), format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])),
      }),
    },
  }, async (request, reply) => {
    const list = await dunningList(db, actor(request), request.query);
    return request.query.format === 'xlsx' ? sendXlsx(reply, `催缴清单-${list.regionCode}-${list.asOf}.xlsx`, await dunningXlsx(list)) : list;
  });
}
