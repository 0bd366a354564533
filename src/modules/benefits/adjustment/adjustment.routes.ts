/** HTTP for the annual pension adjustment: preview and submit a region's run (/api/pension/adjustments). */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { RegionCode, Year } from '../../../platform/http/schemas.ts';
import { ApprovalItem } from '../../../platform/signoff/signoff.schemas.ts';
import { previewAdjustment, submitAdjustment } from './adjustment.service.ts';
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
      tags, summary: '养老金调整申请 Keep a region\'s annual adjustment and submit it to 复核 and 审批 (kind pension.adjustment); applied from January of the year on the final approval; once per region and year',
      body: AdjustmentBody,
      response: { 200: Type.Composite([Type.Omit(AdjustmentPreview, ['lines']), Type.Object({ runId: Type.String(), approvalItem: ApprovalItem })]) },
    },
  }, async (request) => {
    const { lines: _none, ...submitted } = await submitAdjustment(db, actor(request), request.body);
    return submitted;
  });
}
