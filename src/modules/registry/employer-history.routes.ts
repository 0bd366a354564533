/** HTTP for an employer's dated facts (单位登记事项变更): the history, and a change from a day on. */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../platform/http/server.ts';
import { DateText, Id, Items } from '../../platform/http/schemas.ts';
import { employerTypes } from './registry.tables.ts';
import { changeEmployerFacts, employerFactHistory } from './employer-history.service.ts';

const Choice = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)));
const EmployerFactsRow = Type.Object({
  validFrom: Type.String(), employerType: Type.String(), regionCode: Type.String(), workInjuryClass: Type.Union([Type.Integer(), Type.Null()]),
  workInjuryFloat: Type.String(), changedBy: Type.String(), reason: Type.String(), recordedAt: Type.String(),
});
const tags = ['registry'];

export async function employerHistoryRoutes(app: App) {
  const db = app.database;

  app.get('/api/employers/:id/facts', { config: { permission: 'registry.read' },
    schema: { tags, summary: '单位登记事项变更记录 An employer\'s type, region, work-injury class and floating factor, each set with the day it took effect, newest first', params: Type.Object({ id: Id }), response: { 200: Items(EmployerFactsRow) } },
  }, async (request) => ({ items: await employerFactHistory(db, actor(request), BigInt(request.params.id)) }));

  app.post('/api/employers/:id/facts', { config: { permission: 'registry.employer.create' },
    schema: {
      tags, summary: '单位登记事项变更 Change an employer\'s facts from a day on (today or earlier, not before its registration), with the reason; audited. Answers the history',
      params: Type.Object({ id: Id }),
      body: Type.Object({
        validFrom: DateText, reason: Type.String({ maxLength: 500 }), employerType: Type.Optional(Choice(employerTypes)), regionCode: Type.Optional(Type.String({ maxLength: 6 })),
        workInjuryClass: Type.Optional(Type.Union([Type.Integer(), Type.Null()])), workInjuryFloat: Type.Optional(Type.String({ maxLength: 4 })),
      }, { additionalProperties: false }),
      response: { 200: Items(EmployerFactsRow) },
    },
  }, async (request) => ({ items: await changeEmployerFacts(db, actor(request), BigInt(request.params.id), request.body) }));
}
