/** HTTP for the tax-authority collection model (/api/tax/…): the assessment file, the collection file (preview, confirm), the reconciliation. */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { uploadedFile } from '../../../platform/imports/index.ts';
import { Id, Period, RegionCode } from '../../../platform/http/schemas.ts';
import { sendFile } from '../../../platform/reports/http.ts';
import { confirmTaxCollections, importTaxCollections, taxAssessment, taxReconciliation } from './tax.service.ts';
import { TaxCollectionsPreview, TaxCollectionsResult, TaxReconciliation } from './tax.schemas.ts';

const tags = ['collection'];

export async function taxRoutes(app: App) {
  const db = app.database;

  app.get('/api/tax/assessment', { config: { permission: 'billing.read' },
    schema: {
      tags, summary: '核定信息传递 The assessment file of a period for the tax bureau: one row per bill line of the regions in the tax collection model (CSV, UTF-8 with BOM: period,creditCode,idNumber,insurance,base,employerAmount,employeeAmount)',
      querystring: Type.Object({
        period: Period, region: Type.Optional(RegionCode),
        format: Type.Optional(Type.Literal('csv', { description: 'csv (the only format: the file the tax bureau reads)' })),
      }, { additionalProperties: false }),
      response: { 200: { content: { 'text/csv': { schema: Type.String({ description: 'period,creditCode,idNumber,insurance,base,employerAmount,employeeAmount; UTF-8 with BOM' }) } } } },
    },
  }, async (request, reply) => {
    const assessment = await taxAssessment(db, actor(request), { period: request.query.period, region: request.query.region });
    return sendFile(reply, assessment.fileName, assessment.csv);
  });

  app.post('/api/tax/collections/import', { config: { permission: 'payment.record' },
    schema: {
      tags, consumes: ['multipart/form-data'],
      summary: '导入税务征收明细 Preview the tax bureau\'s collection file (CSV or XLSX; date,period,creditCode,idNumber,insurance,amount,taxVoucher; all rows or none): checks it and shows what it would record; POST /api/tax/collections/import/{importId}/confirm applies it, its money settling the bills. mode=apply applies at once',
      querystring: Type.Object({
        mode: Type.Optional(Type.Union([Type.Literal('preview'), Type.Literal('apply')], { description: 'preview (default) or apply' })),
        encoding: Type.Optional(Type.String({ maxLength: 20, description: 'utf-8, gb18030, gbk or auto (default: detected)' })),
      }),
      response: { 200: Type.Union([TaxCollectionsPreview, TaxCollectionsResult]) },
    },
  }, async (request) => importTaxCollections(db, actor(request), await uploadedFile(request, request.query), request.query.mode ?? 'preview'));

  app.post('/api/tax/collections/import/:importId/confirm', { config: { permission: 'payment.record' },
    schema: {
      tags, summary: '确认导入 Apply a previewed tax collection file (checked again; rows recorded since the preview are left out)',
      params: Type.Object({ importId: Id }),
      body: Type.Optional(Type.Object({ sha256: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$', description: 'the preview\'s file hash' })) }, { additionalProperties: false })),
      response: { 200: TaxCollectionsResult },
    },
  }, async (request) => confirmTaxCollections(db, actor(request), BigInt(request.params.importId), request.body?.sha256));

  app.get('/api/tax/reconciliation', { config: { permission: 'payment.read' },
    schema: {
      tags, summary: '征收对账 Per employer, person and insurance of a period: assessed for the tax bureau against collected by it',
      querystring: Type.Object({ period: Period, region: Type.Optional(RegionCode) }, { additionalProperties: false }),
      response: { 200: TaxReconciliation },
    },
  }, async (request) => taxReconciliation(db, actor(request), { period: request.query.period, region: request.query.region }));
}
