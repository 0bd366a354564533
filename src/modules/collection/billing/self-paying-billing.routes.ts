/** HTTP for the self-paying bill (个人缴费核定): start (or resume) the run of a period. */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { Job } from '../../../platform/jobs/jobs.schemas.ts';
import { Period, RegionCode } from '../../../platform/http/schemas.ts';
import { startSelfPayingBilling } from './self-paying-billing.service.ts';

export async function selfPayingBillingRoutes(app: App) {
  app.post('/api/billing/self-paying-runs', { config: { permission: 'billing.run' },
    schema: {
      tags: ['collection'], summary: '个人缴费核定 Bill the self-paying contributors (灵活就业人员, 个体工商户) of a period: a job (kind billing.self_paying) the server works; progress at GET /api/jobs/:id',
      body: Type.Object({ period: Period, region: Type.Optional(RegionCode) }, { additionalProperties: false }), response: { 202: Job },
    },
  }, async (request, reply) => {
    const job = await startSelfPayingBilling(app.database, actor(request), request.body);
    void app.jobs.nudge();
    return reply.code(202).send(job);
  });
}
