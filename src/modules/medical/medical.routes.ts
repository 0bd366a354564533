/** HTTP for medical settlement (/api/medical/…): validate, call one service function, answer. */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../platform/http/server.ts';
import { DateText, Period, RegionCode, Year } from '../../platform/http/schemas.ts';
import { uploadedFile } from '../../platform/imports/index.ts';
import { Job } from '../../platform/jobs/jobs.schemas.ts';
import {
  DipProjection, IndicatorList, InstitutionImportAnswer, InstitutionList, institutionKindValues, institutionStatusValues, PrepaymentRun, QuotaAllocation, QuotaAllocationBody, QuotaImportAnswer, SettlementImportAnswer, YearEndPreviewBody, YearEndRun, YearEndSettlement,
} from './medical.schemas.ts';
import { previewYearEndSettlement } from './settlement/year-end.service.ts';
import { payYearEndSettlement, recordRepayment, runYearEndSettlement, yearEndRunView } from './settlement/year-end-run.service.ts';
import { importInstitutions, importQuotas, importSettlements } from './institutions/institutions.import.ts';
import { payPrepayment, prepaymentView, startPrepayment } from './prepayment/prepayment.service.ts';
import { institutionIndicators } from './indicators/indicators.service.ts';
import { dipProjection } from './dip/dip.service.ts';
import { allocationView, previewQuotaAllocation, submitQuotaAllocation } from './quotas/allocation.service.ts';
import { institutionsReport, listInstitutions } from './institutions/institutions.service.ts';
import { sendListExport } from '../../platform/http/lists.ts';
import { listQuery } from '../../platform/http/lists.schemas.ts';

const tags = ['medical'];
const Strict = { additionalProperties: false } as const;
const EncodingQuery = Type.Object({ encoding: Type.Optional(Type.String({ maxLength: 20 })) }, Strict);
const MonthBody = Type.Object({ month: Period, region: Type.Optional(RegionCode) }, Strict);
const YearQuery = Type.Object({ year: Year, region: Type.Optional(RegionCode) }, Strict);

export async function medicalRoutes(app: App) {
  const db = app.database;
  app.post('/api/medical/settlements/year-end/preview', {
    config: { permission: 'medical.read' },
    schema: {
      tags, summary: '年终清算试算 Year-end settlement of institutions under total budget control (computes, stores nothing)',
      body: YearEndPreviewBody, response: { 200: YearEndSettlement },
    },
  }, async (request) => previewYearEndSettlement(request.body));

  app.get('/api/medical/institutions', {
    config: { permission: 'medical.read' },
    schema: {
      tags, summary: '定点医疗机构 The pooling region\'s institutions with their quotas by year, and the year\'s quota beside the fund-payable settled so far, month by month (总额预算执行)',
      querystring: Type.Object({
        year: Year, region: Type.Optional(RegionCode), kind: Type.Optional(Type.Union(institutionKindValues.map((k) => Type.Literal(k)))),
        status: Type.Optional(Type.Union(institutionStatusValues.map((s) => Type.Literal(s)))), ...listQuery(1000),
      }, Strict),
      response: { 200: InstitutionList },
    },
  }, async (request, reply) => {
    const { format, limit, offset = 0, after: _cursor, ...input } = request.query;
    const list = await listInstitutions(db, actor(request), input);
    if (format === 'xlsx' || format === 'csv') return sendListExport(reply, format, institutionsReport(list));
    return { ...list, items: list.items.slice(offset, limit === undefined ? undefined : offset + limit) };
  });

  const imports = [
    ['institutions', '定点医药机构登记 Register designated institutions (institution,name,regionCode,institutionKind,bankAccount)', importInstitutions, InstitutionImportAnswer],
    ['quotas', '年度总额指标导入 Import annual quotas (institution,year,annualQuota,reserveShare)', importQuotas, QuotaImportAnswer],
    ['settlements', '月度结算数据导入 Import monthly settlement data (institution,month,dipGroup,cases,cost,visits,patients,inpatientDays,totalCost,fundPayable)', importSettlements, SettlementImportAnswer],
  ] as const;
  for (const [name, summary, run, answer] of imports) {
    app.post(`/api/medical/${name}/import`, {
      config: { permission: 'medical.manage' },
      schema: { tags, consumes: ['multipart/form-data'], summary: `${summary}: CSV (UTF-8 or GBK) or XLSX, all rows or none, the same file twice applied once`, querystring: EncodingQuery, response: { 200: answer } },
    }, async (request) => run(db, actor(request), await uploadedFile(request, request.query)));
  }

  app.post('/api/medical/quotas/allocation/preview', {
    config: { permission: 'medical.read' },
    schema: {
      tags, summary: '总额指标分配试算 The quotas the approved budget gives each active institution now (住院 to hospitals, 门诊 to pharmacies, less the adjustment reserve, by history × level factor), with the adjustments given; stores nothing',
      body: QuotaAllocationBody, response: { 200: QuotaAllocation },
    },
  }, async (request) => previewQuotaAllocation(db, actor(request), request.body));
  app.post('/api/medical/quotas/allocation', {
    config: { permission: 'medical.manage' },
    schema: {
      tags, summary: '总额指标分配 Submit the allocation to sign-off (复核, 审批); its final approval writes the quotas in force (source budget)',
      body: QuotaAllocationBody, response: { 200: QuotaAllocation },
    },
  }, async (request) => submitQuotaAllocation(db, actor(request), request.body));
  app.get('/api/medical/quotas/allocation', {
    config: { permission: 'medical.read' },
    schema: { tags, summary: '总额指标分配结果 The pooling region\'s latest allocation of the year, with its status', querystring: YearQuery, response: { 200: QuotaAllocation } },
  }, async (request) => allocationView(db, actor(request), request.query));

  app.post('/api/medical/prepayments/run', {
    config: { permission: 'medical.settle' },
    schema: { tags, summary: '月度预拨计算 Start the pre-allocation of a month (a job, idempotent): quota × (1 − reserve) ÷ 12 per institution, then sign-off', body: MonthBody, response: { 200: Job } },
  }, async (request) => startPrepayment(db, actor(request), request.body));
  app.get('/api/medical/prepayments', {
    config: { permission: 'medical.read' },
    schema: { tags, summary: '月度预拨 A month\'s pre-allocation with its lines', querystring: MonthBody, response: { 200: PrepaymentRun } },
  }, async (request) => prepaymentView(db, actor(request), request.query));
  app.post('/api/medical/prepayments/pay', {
    config: { permission: 'medical.settle' },
    schema: {
      tags, summary: '月度预拨支付 Pay a signed-off month from the 支出户 (Dr 医疗待遇支出 / Cr 支出户), refused when the 支出户 cannot cover it',
      body: Type.Object({ month: Period, region: Type.Optional(RegionCode), paidOn: Type.Optional(DateText) }, Strict), response: { 200: PrepaymentRun },
    },
  }, async (request) => payPrepayment(db, actor(request), request.body));

  app.post('/api/medical/year-end/run', {
    config: { permission: 'medical.settle' },
    schema: { tags, summary: '年终清算 Settle a year from the stored quotas, actuals and prepayments by the region\'s rule set and submit it to sign-off (run again: the stored result)', body: YearQuery, response: { 200: YearEndRun } },
  }, async (request) => runYearEndSettlement(db, actor(request), request.body));
  app.get('/api/medical/year-end', {
    config: { permission: 'medical.read' },
    schema: { tags, summary: '年终清算结果 A year\'s stored settlement', querystring: YearQuery, response: { 200: YearEndRun } },
  }, async (request) => yearEndRunView(db, actor(request), request.query));
  app.post('/api/medical/year-end/pay', {
    config: { permission: 'medical.settle' },
    schema: {
      tags, summary: '年终清算拨付 Pay the institutions owed money from the 支出户 once the settlement is signed off',
      body: Type.Object({ year: Year, region: Type.Optional(RegionCode), paidOn: Type.Optional(DateText) }, Strict), response: { 200: YearEndRun },
    },
  }, async (request) => payYearEndSettlement(db, actor(request), request.body));
  app.post('/api/medical/year-end/repayments', {
    config: { permission: 'medical.settle' },
    schema: {
      tags, summary: '清算追回款到账 An institution repaid what the settlement recovers: 暂付款 cleared into the 支出户',
      body: Type.Object({ year: Year, institution: Type.String({ minLength: 1, maxLength: 40 }), repaidOn: Type.Optional(DateText) }, Strict), response: { 200: YearEndRun },
    },
  }, async (request) => recordRepayment(db, actor(request), request.body));

  app.get('/api/medical/indicators', {
    config: { permission: 'medical.read' },
    schema: {
      tags, summary: '监测指标 Per-case cost, bed-day cost, personal-burden rate, visits per person and cost growth per institution and month, flagged above the agreed values',
      querystring: Type.Object({
        from: Period, to: Type.Optional(Period), region: Type.Optional(RegionCode), institution: Type.Optional(Type.String({ maxLength: 40 })), flaggedOnly: Type.Optional(Type.Boolean()),
      }, Strict),
      response: { 200: IndicatorList },
    },
  }, async (request) => institutionIndicators(db, actor(request), request.query));
  app.get('/api/medical/dip/projection', {
    config: { permission: 'medical.read' },
    schema: { tags, summary: '年终点值预测 The year-end DIP point value foreseen from the months settled so far, with its range', querystring: YearQuery, response: { 200: DipProjection } },
  }, async (request) => dipProjection(db, actor(request), request.query));
}
