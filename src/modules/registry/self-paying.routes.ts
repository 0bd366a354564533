/** HTTP for self-paying contributors (个人缴费登记): register, change the base level or insurances, stop, read. */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../platform/http/server.ts';
import { Nullable, Period, RegionCode } from '../../platform/http/schemas.ts';
import { contributorKinds, selfPayingInsurances } from './self-paying.calc.ts';
import { changeSelfPaying, registerSelfPaying, selfPayingContributor } from './self-paying.service.ts';

const Choice = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)));
const BaseRatio = Type.String({ maxLength: 4, description: 'the chosen base as a share of the average wage, e.g. "0.60" … "3.00"' });
const PayerCode = Type.String({ minLength: 18, maxLength: 18, description: '个人缴费编号 (GR…)' });
const SelfPayingView = Type.Object({
  payerCode: Type.String(), personId: Type.String(), idNumber: Type.String(), name: Type.String(), contributorKind: Type.String(),
  businessCreditCode: Nullable(Type.String()), regionCode: Type.String(), registeredBy: Type.String(), registeredAt: Type.String(),
  terms: Type.Array(Type.Object({
    fromMonth: Type.String(), baseRatio: Nullable(Type.String()), insurances: Type.Array(Type.String()), reason: Type.String(), recordedBy: Type.String(), recordedAt: Type.String(),
  })),
});
const tags = ['registry'];

export async function selfPayingRoutes(app: App) {
  const db = app.database;

  app.post('/api/self-paying-contributors', { config: { permission: 'registry.self_paying.register' },
    schema: {
      tags, summary: '个人缴费登记 Register a person as a self-paying contributor (灵活就业人员 or 个体工商户): the region, the insurances and the base level (60%–300% of the average wage) from a month on; answers the payer code bills and payments carry',
      body: Type.Object({
        idNumber: Type.String({ maxLength: 18 }), contributorKind: Choice(contributorKinds), businessCreditCode: Type.Optional(Type.String({ maxLength: 18 })),
        regionCode: Type.Optional(RegionCode), fromMonth: Period, baseRatio: BaseRatio, insurances: Type.Optional(Type.Array(Choice(selfPayingInsurances), { maxItems: 2 })),
        reason: Type.Optional(Type.String({ maxLength: 500 })),
      }, { additionalProperties: false }),
      response: { 201: SelfPayingView },
    },
  }, async (request, reply) => reply.code(201).send(await registerSelfPaying(db, actor(request), request.body)));

  app.get('/api/self-paying-contributors/:payerCode', { config: { permission: 'registry.read' },
    schema: { tags, summary: '个人缴费登记信息 A self-paying contributor with the base levels and insurances from each month, newest first', params: Type.Object({ payerCode: PayerCode }), response: { 200: SelfPayingView } },
  }, async (request) => selfPayingContributor(db, actor(request), request.params.payerCode));

  app.post('/api/self-paying-contributors/:payerCode/changes', { config: { permission: 'registry.self_paying.register' },
    schema: {
      tags, summary: '缴费档次变更、停保 Change the base level or insurances from a month on, or stop paying (insurances []), with the reason; audited',
      params: Type.Object({ payerCode: PayerCode }),
      body: Type.Object({
        fromMonth: Period, baseRatio: Type.Optional(BaseRatio), insurances: Type.Optional(Type.Array(Choice(selfPayingInsurances), { maxItems: 2 })), reason: Type.String({ maxLength: 500 }),
      }, { additionalProperties: false }),
      response: { 200: SelfPayingView },
    },
  }, async (request) => changeSelfPaying(db, actor(request), request.params.payerCode, request.body));
}
