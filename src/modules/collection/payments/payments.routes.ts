/** HTTP for payments (/api/payments…): import the bank's collection file, record one payment, list payments. */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { invalid } from '../../../platform/errors.ts';
import { DateText, Id, Yuan, paging } from '../../../platform/http/schemas.ts';
import { importCollectionFile, listPayments, recordPayment, requestPaymentReversal } from './payments.service.ts';

const CreditCode = Type.String({ minLength: 1, maxLength: 18, description: 'unified social credit code' });
const tags = ['collection'];

export async function paymentRoutes(app: App) {
  const db = app.database;

  app.post('/api/payments/import', { config: { permission: 'payment.record' },
    schema: { tags, summary: '导入银行代收明细 Import the bank\'s collection file (CSV date,creditCode,amount,reference; all rows or none, idempotent)', consumes: ['multipart/form-data'] },
  }, async (request) => {
    const who = actor(request);
    if (!request.isMultipart()) throw invalid('file', 'send the file as multipart/form-data in a field named "file"');
    const file = await request.file();
    if (!file) throw invalid('file', 'is required');
    const content = await file.toBuffer();
    if (file.file.truncated) throw invalid('file', 'is larger than the 200 MB limit');
    return importCollectionFile(db, who, file.filename, content);
  });

  app.post('/api/payments', { config: { permission: 'payment.record' },
    schema: {
      tags, summary: '登记缴款 Record one payment by hand and allocate it',
      body: Type.Object({
        creditCode: CreditCode, date: DateText, amount: Yuan,
        reference: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => reply.code(201).send(await recordPayment(db, actor(request), request.body)));

  app.post('/api/payments/:id/reversal', { config: { permission: 'payment.reverse.request' },
    schema: {
      tags, summary: '冲正申请 Request the reversal of a payment recorded in error: a sign-off item (payment.reversal); on its final approval the allocations are negated, ledger entries reversed, individual accounts debited',
      params: Type.Object({ id: Id }),
      body: Type.Object({ reason: Type.String({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false }),
    },
  }, async (request, reply) => reply.code(201).send(await requestPaymentReversal(db, actor(request), { paymentId: BigInt(request.params.id), reason: request.body.reason })));

  app.get('/api/payments', { config: { permission: ['payment.read', 'portal.employer'] },
    schema: {
      tags, summary: '缴款记录 Payments newest first with their allocations (an employer account sees its own only)',
      querystring: Type.Object({
        employer: Type.Optional(CreditCode), from: Type.Optional(DateText), to: Type.Optional(DateText), ...paging(500),
      }),
    },
  }, async (request) => listPayments(db, actor(request), request.query));
}
