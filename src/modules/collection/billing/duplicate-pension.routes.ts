/** HTTP for the duplicate-pension report (重复参保): GET /api/collection/duplicate-pensions. */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { DateOnly, IdText, Month, Period, RegionCode } from '../../../platform/http/schemas.ts';
import { duplicatePensions } from './duplicate-pension.service.ts';

const DuplicatePensionReport = Type.Object({
  period: Month, region: RegionCode,
  persons: Type.Array(Type.Object({
    personId: IdText, idNumber: Type.String({ description: 'masked by the list policy' }), name: Type.String(),
    retirementMonth: Type.String({ description: 'YYYY-MM: the month the person reaches the statutory retirement age (no pension billed from it on)' }),
    employments: Type.Array(Type.Object({
      employerId: IdText, creditCode: Type.String(), employerName: Type.String(), employerStatus: Type.String(), employmentId: IdText, hiredOn: DateOnly,
      billed: Type.Boolean({ description: 'billing bills pension for the period by this employment: the earliest at an active employer, before the retirement month' }),
    })),
  })),
});

export async function duplicatePensionRoutes(app: App) {
  app.get('/api/collection/duplicate-pensions', { config: { permission: 'billing.read' },
    schema: {
      tags: ['collection'],
      summary: '重复参保 Persons enrolled in pension at more than one employer over the period\'s cut-off day, each employment and the one billed (the earliest at an active employer)',
      querystring: Type.Object({ period: Period, region: Type.Optional(RegionCode) }, { additionalProperties: false }),
      response: { 200: DuplicatePensionReport },
    },
  }, async (request) => duplicatePensions(app.database, actor(request), request.query));
}
