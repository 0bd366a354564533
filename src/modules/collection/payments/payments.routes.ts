/** HTTP for payments (/api/payments…): import the bank's collection file (preview, then confirm), record one payment, list payments, a payment's receipt. */
import { requestRefund } from './refund.service.ts';
import { Type } from '@sinclair/typebox';
import { OverrideField } from '../../../platform/checks/index.ts';
import { actor, type App } from '../../../platform/http/server.ts';
import { uploadedFile } from '../../../platform/imports/index.ts';
import { DateText, Id, Yuan } from '../../../platform/http/schemas.ts';
import { answerList } from '../../../platform/http/lists.ts';
import { listQuery } from '../../../platform/http/lists.schemas.ts';
import { ApprovalItem } from '../../../platform/signoff/signoff.schemas.ts';
import { CollectionImportPreview, CollectionImportResult, PaymentList, RecordedPayment } from '../collection.schemas.ts';
import { confirmCollectionImport, importCollectionFile, listPayments, paymentRows, recordPayment, requestPaymentReversal } from './payments.service.ts';
import { paymentLine, paymentsReport } from './payments.report.ts';
import { ReportFormatQuery, sendReport } from '../../../platform/reports/http.ts';
import { getPaymentReceipt } from './receipt.service.ts';
import { paymentReceiptReport } from './receipt.report.ts';
import { PaymentReceipt } from './receipt.schemas.ts';

const CreditCode = Type.String({ minLength: 1, maxLength: 18, description: 'unified social credit code' });
const tags = ['collection'];

export async function paymentRoutes(app: App) {
  const db = app.database;

  app.post('/api/payments/import', { config: { permission: 'payment.record' },
    schema: {
      tags, consumes: ['multipart/form-data'],
      summary: '导入银行代收明细 Preview the bank\'s collection file (CSV in UTF-8 or GB18030/GBK, or XLSX; date,creditCode,amount,reference,transactionId or the Chinese titles; all rows or none): checks it and shows the payments, their total and how they will be allocated, recording nothing; POST /api/payments/import/{importId}/confirm then applies it. mode=apply records at once (scripts that need no preview)',
      querystring: Type.Object({
        mode: Type.Optional(Type.Union([Type.Literal('preview'), Type.Literal('apply')], { description: 'preview (default): check and show, record nothing until confirmed; apply: record and allocate at once' })),
        encoding: Type.Optional(Type.String({ maxLength: 20, description: 'utf-8, gb18030, gbk or auto (default: detected)' })),
      }),
      response: { 200: Type.Union([CollectionImportPreview, CollectionImportResult]) },
    },
  }, async (request) => importCollectionFile(db, actor(request), await uploadedFile(request, request.query), request.query.mode ?? 'preview'));

  app.post('/api/payments/import/:importId/confirm', { config: { permission: 'payment.record' },
    schema: {
      tags, summary: '确认导入 Apply a previewed collection file (checked again; payments recorded since the preview are left out)',
      params: Type.Object({ importId: Id }),
      body: Type.Optional(Type.Object({ sha256: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$', description: 'the preview\'s file hash, to confirm exactly the file previewed' })) }, { additionalProperties: false })),
      response: { 200: CollectionImportResult },
    },
  }, async (request) => confirmCollectionImport(db, actor(request), BigInt(request.params.importId), request.body?.sha256));

  app.post('/api/payments', { config: { permission: 'payment.record' },
    schema: {
      tags, summary: '登记缴款 Record one payment by hand and allocate it; a payment of the employer on the same day with the same amount, or under the same reference, already recorded stops it (409 check_warnings, each warning listed) unless override.reason says why it is right',
      body: Type.Object({
        creditCode: CreditCode, date: DateText, amount: Yuan,
        reference: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
        override: OverrideField,
      }, { additionalProperties: false }),
      response: { 201: RecordedPayment },
    },
  }, async (request, reply) => reply.code(201).send(await recordPayment(db, actor(request), request.body)));

  app.post('/api/payments/:id/reversal', { config: { permission: 'payment.reverse.request' },
    schema: {
      tags, summary: '冲正申请 Request the reversal of a payment recorded in error: a sign-off item (payment.reversal); on its final approval the allocations are negated, ledger entries reversed, individual accounts debited',
      params: Type.Object({ id: Id }),
      body: Type.Object({ reason: Type.String({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false }),
      response: { 201: ApprovalItem },
    },
  }, async (request, reply) => reply.code(201).send(await requestPaymentReversal(db, actor(request), { paymentId: BigInt(request.params.id), reason: request.body.reason })));

  app.post('/api/payments/refunds', { config: { permission: 'payment.refund.request' },
    schema: {
      tags, summary: '退费申请 Ask for the refund of part or all of an employer\'s credit (overpayment, or what a credit note left paid): a high-risk sign-off item (payment.refund); on its final approval each fund pays back its 暂收款 from the bank account holding the money',
      body: Type.Object({ creditCode: CreditCode, amount: Yuan, reason: Type.String({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false }),
      response: { 201: ApprovalItem },
    },
  }, async (request, reply) => reply.code(201).send(await requestRefund(db, actor(request), request.body)));

  app.get('/api/payments', { config: { permission: ['payment.read', 'portal.employer'] },
    schema: {
      tags, summary: '缴款记录 Payments newest first with their allocations (an employer account sees its own only); format=xlsx|csv for every matching payment',
      querystring: Type.Object({
        employer: Type.Optional(CreditCode), from: Type.Optional(DateText), to: Type.Optional(DateText),
        minAmount: Type.Optional(Yuan), maxAmount: Type.Optional(Yuan), ...listQuery(500),
      }, { additionalProperties: false }),
      response: { 200: PaymentList },
    },
  }, async (request, reply) => {
    const { limit, after, offset, format, ...filter } = request.query;
    const who = actor(request);
    return answerList(reply, { limit, after, offset, format }, {
      defaultLimit: 50,
      page: (page) => listPayments(db, who, filter, page),
      rows: async (page) => {
        const found = await paymentRows(db, who, filter, page);
        return { items: found.items.map(paymentLine), nextCursor: found.nextCursor };
      },
      report: paymentsReport(filter),
    });
  });

  app.get('/api/payments/:id', { config: { permission: ['payment.read', 'portal.employer'] },
    schema: {
      tags, summary: '缴费凭证 A payment\'s receipt: employer, day received, amount in figures and capitals, what it paid, the payees (each fund\'s 收入户), agency, 经办人, reversal; format=pdf for the printed receipt, xlsx|csv for its lines (an employer account: its own payments only)',
      params: Type.Object({ id: Id }), querystring: Type.Object(ReportFormatQuery), response: { 200: PaymentReceipt },
    },
  }, async (request, reply) => sendReport(reply, paymentReceiptReport(await getPaymentReceipt(db, actor(request), BigInt(request.params.id))), request.query.format));
}
