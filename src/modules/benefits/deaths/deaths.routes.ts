/** HTTP for the death registry import, the overpayments and survivors' entitlements it opens (/api/pension/deaths, /overpayments, /entitlements). */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { Id } from '../../../platform/http/schemas.ts';
import { listQuery } from '../../../platform/http/lists.schemas.ts';
import { uploadedFile } from '../../../platform/imports/index.ts';
import { importDeaths, listEntitlements, listOverpayments, payEntitlement, recordRecovery } from './deaths.service.ts';
import { ApprovalItem } from '../../../platform/signoff/signoff.schemas.ts';
import { DeathImport, EntitlementList, EntitlementPaymentBody, OverpaymentList, RecoveryBody, entitlementStatusValues, overpaymentStatusValues } from './deaths.schemas.ts';
import { PaymentOrder } from '../payroll/payroll.schemas.ts';
import type { OverpaymentStatus } from './deaths.tables.ts';

const tags = ['benefits'];

export async function deathRoutes(app: App) {
  const db = app.database;

  app.post('/api/pension/deaths', { config: { permission: 'pension.death.import' },
    schema: {
      tags, consumes: ['multipart/form-data'],
      summary: '死亡信息比对导入 Import the death registry (idNumber,dateOfDeath): all rows or none; pensions suspended from the month after death, months paid after it opened for recovery, the survivors\' funeral grant and survivor pension recorded',
      querystring: Type.Object({ encoding: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: false }),
      response: { 200: DeathImport },
    },
  }, async (request) => importDeaths(db, actor(request), await uploadedFile(request, request.query)));

  app.get('/api/pension/overpayments', { config: { permission: 'benefits.read' },
    schema: {
      tags, summary: '待遇追回 Overpaid benefits in scope with what is recovered and still owed',
      querystring: Type.Object({ ...listQuery(), status: Type.Optional(Type.Union(overpaymentStatusValues.map((s) => Type.Literal(s)))) }, { additionalProperties: false }),
      response: { 200: OverpaymentList },
    },
  }, async (request) => listOverpayments(db, actor(request), { status: request.query.status as OverpaymentStatus | undefined },
    { limit: request.query.limit ?? 50, after: request.query.after, offset: request.query.offset }));

  app.post('/api/pension/overpayments/:id/recoveries', { config: { permission: 'pension.recovery.record' },
    schema: {
      tags, summary: '追回登记 Record money recovered on an overpayment (refund or instalment) for sign-off (kind benefit.recovery: 复核, 审批); the final approval records it, posts it to the fund ledger and closes the overpayment when covered; more than outstanding is refused',
      params: Type.Object({ id: Id }), body: RecoveryBody, response: { 201: ApprovalItem },
    },
  }, async (request, reply) => reply.code(201).send(await recordRecovery(db, actor(request), BigInt(request.params.id), request.body)));

  app.get('/api/pension/entitlements', { config: { permission: 'benefits.read' },
    schema: {
      tags, summary: '遗属待遇 Survivors\' funeral grants and survivor pensions recorded on deaths, with their payment order',
      querystring: Type.Object({ ...listQuery(), status: Type.Optional(Type.Union(entitlementStatusValues.map((s) => Type.Literal(s)))) }, { additionalProperties: false }),
      response: { 200: EntitlementList },
    },
  }, async (request) => listEntitlements(db, actor(request), { status: request.query.status },
    { limit: request.query.limit ?? 50, after: request.query.after, offset: request.query.offset }));

  app.post('/api/pension/entitlements/:id/payment', { config: { permission: 'benefit.payment.request' },
    schema: {
      tags, summary: '遗属待遇支付 Order the payment of an entitlement to the survivor\'s account: 复核 and 审批 (kind benefit.payment_order), the deceased\'s open overpayments offset, the rest paid in the next bank file',
      params: Type.Object({ id: Id }), body: EntitlementPaymentBody, response: { 200: PaymentOrder },
    },
  }, async (request) => payEntitlement(db, actor(request), BigInt(request.params.id), request.body));
}
