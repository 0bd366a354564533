/** HTTP for the collection KPIs (/api/collection/kpis). */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { ReportFormatQuery, sendReport } from '../../../platform/reports/http.ts';
import { Period, RegionCode } from '../../../platform/http/schemas.ts';
import { CollectionKpis } from '../collection.schemas.ts';
import { collectionKpis } from './kpi.service.ts';
import { kpiReport } from './kpi.report.ts';

export async function kpiRoutes(app: App) {
  app.get('/api/collection/kpis', { config: { permission: 'kpi.read' },
    schema: {
      tags: ['collection'], summary: '征缴指标 Collection and on-time rates by month and region, arrears by age; format=xlsx|csv|pdf for the file',
      querystring: Type.Object({
        from: Period, to: Period, region: Type.Optional(RegionCode),
        ...ReportFormatQuery,
      }),
      response: { 200: CollectionKpis },
    },
  }, async (request, reply) => {
    const { format, ...query } = request.query;
    return sendReport(reply, kpiReport(await collectionKpis(app.database, actor(request), query)), format);
  });
}
