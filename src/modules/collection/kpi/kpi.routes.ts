/** HTTP for the collection KPIs (/api/collection/kpis). */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { sendXlsx } from '../../../platform/http/xlsx.ts';
import { Period, RegionCode } from '../../../platform/http/schemas.ts';
import { collectionKpis } from './kpi.service.ts';
import { kpiXlsx } from './kpi.xlsx.ts';

export async function kpiRoutes(app: App) {
  app.get('/api/collection/kpis', { config: { permission: 'kpi.read' },
    schema: {
      tags: ['collection'], summary: '征缴指标 Collection and on-time rates by month and region, arrears by age; format=xlsx for the sheet',
      querystring: Type.Object({
        from: Period, to: Period, region: Type.Optional(RegionCode),
        format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])),
      }),
    },
  }, async (request, reply) => {
    const kpis = await collectionKpis(app.database, actor(request), request.query);
    return request.query.format === 'xlsx' ? sendXlsx(reply, `征缴指标-${kpis.regionCode}-${kpis.from}-${kpis.to}.xlsx`, await kpiXlsx(kpis)) : kpis;
  });
}
