/** HTTP for 延长缴费 exceptions: POST and GET /api/persons/:personId/pension-extensions. */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { IdText, Month, Period, Timestamp } from '../../../platform/http/schemas.ts';
import { grantPensionExtension, pensionExtensions } from './pension-extension.service.ts';

const PensionExtension = Type.Object({
  id: IdText, personId: IdText, employerId: IdText, creditCode: Type.String(), employerName: Type.String(), enrollmentId: IdText,
  from: Month, to: Type.Union([Month, Type.Null()], { description: 'last month billed; null: until ended' }), reason: Type.String(), grantedBy: Type.String(), grantedAt: Timestamp,
});
const Params = Type.Object({ personId: Type.String({ pattern: '^[0-9]{1,19}$' }) });

export async function pensionExtensionRoutes(app: App) {
  const tags = ['collection'];
  app.post('/api/persons/:personId/pension-extensions', { config: { permission: 'registry.employment.write' },
    schema: {
      tags, summary: '延长缴费: keep billing pension past the statutory retirement age until the minimum contribution years are reached (社会保险法 第十六条)',
      params: Params,
      body: Type.Object({
        from: Period, to: Type.Optional(Type.Union([Period, Type.Null()])), reason: Type.String({ maxLength: 500 }),
        employer: Type.Optional(Type.String({ maxLength: 18, description: 'credit code, when the person has pension enrollments at several employers' })),
      }, { additionalProperties: false }),
      response: { 201: PensionExtension },
    },
  }, async (request, reply) => {
    reply.code(201);
    return grantPensionExtension(app.database, actor(request), { ...request.body, personId: request.params.personId });
  });
  app.get('/api/persons/:personId/pension-extensions', { config: { permission: 'registry.read' },
    schema: {
      tags, summary: 'A person\'s 延长缴费 exceptions and the month they reach the statutory retirement age', params: Params,
      response: { 200: Type.Object({ personId: IdText, retirementMonth: Month, extensions: Type.Array(PensionExtension) }) },
    },
  }, async (request) => pensionExtensions(app.database, actor(request), { personId: request.params.personId }));
}
