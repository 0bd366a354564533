/** HTTP for the annual pension adjustment: preview and submit a region's run (/api/pension/adjustments). */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { RegionCode, Year } from '../../../platform/http/schemas.ts';
import { Job } from '../../../platform/jobs/jobs.schemas.ts';
import { previewAdjustment, startAdjustment } from './adjustment.service.ts';
import { AdjustmentPreview } from './adjustment.schemas.ts';

const tags = ['benefits'];
const AdjustmentBody = Type.Object({ region: RegionCode, year: Year }, { additionalProperties: false });

export async function adjustmentRoutes(app: App) {
  const db = app.database;

  app.post('/api/pension/adjustments/preview', { config: { permission: 'pension.adjustment.request' },
    schema: {
      tags, summary: '养老金调整试算 Preview a region\'s annual adjustment: the increase of every pension (the first `limit` lines) by the province\'s rules, the totals and the share against the national level; nothing written',
      body: AdjustmentBody, querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })) }, { additionalProperties: false }),
      response: { 200: AdjustmentPreview },
    },
  }, async (request) => previewAdjustment(db, actor(request), request.body, request.query.limit ?? 100));

  app.post('/api/pension/adjustments', { config: { permission: 'pension.adjustment.request' },
    schema: {
      tags, summary: '养老金调整申请 Start a region\'s annual adjustment (a job, kind pension.adjustment: the increases worked out chunk by chunk of awards and kept, then submitted to 复核 and 审批; progress and, when completed, the run — its totals, rules and sign-off item — at GET /api/jobs/:id); applied from January of the year on the final approval; once per region and year',
      body: AdjustmentBody, response: { 202: Job },
    },
  }, async (request, reply) => reply.code(202).send(await startAdjustment(db, actor(request), request.body)));
}
