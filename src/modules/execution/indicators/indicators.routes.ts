/** HTTP of the budget indicators: GET /api/execution/indicators (format=xlsx|csv|pdf for the file). */
import { actor, type App } from '../../../platform/http/server.ts';
import { sendReport } from '../../../platform/reports/http.ts';
import { IndicatorList, IndicatorQuery } from './indicators.schemas.ts';
import { indicatorsReport } from './indicators.report.ts';
import { listIndicators } from './indicators.service.ts';

export async function indicatorRoutes(app: App) {
  app.get('/api/execution/indicators', { config: { permission: 'execution.read' },
    schema: {
      tags: ['execution'], querystring: IndicatorQuery, response: { 200: IndicatorList },
      summary: '预算指标 Budget indicator accounts of the region\'s funds and below: approved, adjusted, allocated, committed, paid, available (empty without an approved budget)',
    },
  }, async (request, reply) => {
    const { format, ...input } = request.query;
    return sendReport(reply, indicatorsReport(input, await listIndicators(app.database, actor(request), input)), format);
  });
}
