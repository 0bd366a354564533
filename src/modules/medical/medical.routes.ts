/** HTTP for medical settlement (/api/medical/…): validate, call one service function, answer. */
import type { App } from '../../platform/http/server.ts';
import { YearEndPreviewBody, YearEndSettlement } from './medical.schemas.ts';
import { previewYearEndSettlement } from './settlement/year-end.service.ts';

const tags = ['medical'];

export async function medicalRoutes(app: App) {
  app.post('/api/medical/settlements/year-end/preview', {
    config: { permission: 'medical.read' },
    schema: {
      tags, summary: '年终清算试算 Year-end settlement of institutions under total budget control (computes, stores nothing)',
      body: YearEndPreviewBody, response: { 200: YearEndSettlement },
    },
  }, async (request) => previewYearEndSettlement(request.body));
}
