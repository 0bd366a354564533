/** HTTP for pension awards (/api/pension/awards) and the monthly payroll (/api/payroll/…). */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { Id, Period, RegionCode } from '../../../platform/http/schemas.ts';
import { listQuery } from '../../../platform/http/lists.schemas.ts';
import { uploadedFile } from '../../../platform/imports/index.ts';
import { ReportFormatQuery, sendFile, sendReport } from '../../../platform/reports/http.ts';
import { answerList, everyPage, sendListExport } from '../../../platform/http/lists.ts';
import { ApprovalItem } from '../../../platform/signoff/signoff.schemas.ts';
import { Job } from '../../../platform/jobs/jobs.schemas.ts';
import { awardRows, listAwards, requestAward } from '../awards/awards.service.ts';
import { awardLine, awardsReport } from '../awards/awards.report.ts';
import { changeAwardStatus, type StopCause } from '../awards/award-status.service.ts';
import { requestAccountChange } from '../awards/award-account.service.ts';
import { awardDetail } from '../awards/award-detail.service.ts';
import { personBenefits } from '../awards/person-benefits.service.ts';
import { PersonBenefits } from '../awards/person-benefits.schemas.ts';
import { batchDetail, batchLinesPage, batchRows, getBatch, listBatches, payrollByRegion, payrollSummary, startPayroll } from './payroll.service.ts';
import { batchLinesReport, batchRow, batchesReport, lineRow, payrollSummaryReport } from './payroll.report.ts';
import { bankFile, importBankResult } from './payroll.bank.ts';
import type { AwardStatus } from '../awards/awards.tables.ts';
import type { LineStatus } from './payroll.tables.ts';
import { AccountChange, AccountChangeBody, AwardDetail, AwardList, AwardRequestBody, AwardResumeBody, AwardStatusChange, AwardStopBody, BankResult, BatchDetail, BatchList, PayrollSummary, awardStatuses, lineStatuses } from './payroll.schemas.ts';

const tags = ['benefits'];
const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const paged = (query: { limit?: number; after?: string; offset?: number }) => ({ limit: query.limit ?? 50, after: query.after, offset: query.offset });

export async function payrollRoutes(app: App) {
  const db = app.database;

  app.post('/api/pension/awards', { config: { permission: 'pension.award.request' },
    schema: { tags, summary: '养老金待遇核定申请 Submit a pension award from a quote: waits for 复核 and 审批 in the inbox (kind pension.award)', body: AwardRequestBody, response: { 200: ApprovalItem } },
  }, async (request) => requestAward(db, actor(request), request.body));

  app.get('/api/pension/awards', { config: { permission: 'benefits.read' },
    schema: {
      tags, summary: '养老金待遇 Pension awards in scope, by person; format=xlsx|csv for every matching award (养老金待遇名册)',
      querystring: Type.Object({
        ...listQuery(), status: Type.Optional(literals(awardStatuses)), fund: Type.Optional(Type.String({ maxLength: 40 })),
        idNumber: Type.Optional(Type.String({ minLength: 18, maxLength: 18, description: '公民身份号码: the award of one person' })),
      }, { additionalProperties: false }),
      response: { 200: AwardList },
    },
  }, async (request, reply) => {
    const { limit, after, offset, format, ...query } = request.query;
    const who = actor(request), filter = { ...query, status: query.status as AwardStatus | undefined };
    return answerList(reply, { limit, after, offset, format }, {
      defaultLimit: 50,
      page: (page) => listAwards(db, who, filter, page),
      rows: async (page) => {
        const found = await awardRows(db, who, filter, page);
        return { items: found.items.map(awardLine), nextCursor: found.nextCursor };
      },
      report: awardsReport(filter),
    });
  });

  app.get('/api/pension/awards/:id', { config: { permission: 'benefits.read' },
    schema: {
      tags, summary: '待遇详情 A pension award with its dated amounts, its events (suspended, resumed, stopped, amount changed), its latest 36 months of payroll with the bank\'s answer, and the overpayments opened on it',
      params: Type.Object({ id: Id }), response: { 200: AwardDetail },
    },
  }, async (request) => awardDetail(db, actor(request), BigInt(request.params.id)));

  app.get('/api/benefits/persons/:id', { config: { permission: 'benefits.read' },
    schema: {
      tags, summary: '人员待遇 One person\'s statutory retirement month (2024 reform), pension awards, overpayments with what is recovered, and claims',
      params: Type.Object({ id: Id }), response: { 200: PersonBenefits },
    },
  }, async (request) => personBenefits(db, actor(request), BigInt(request.params.id)));

  app.post('/api/pension/awards/:id/resume', { config: { permission: 'pension.award.status' },
    schema: {
      tags, summary: '恢复发放 Resume a suspended pension from a month with a reason: at once, or through 复核 and 审批 when benefits.award_status.resume says signoff',
      params: Type.Object({ id: Id }), body: AwardResumeBody, response: { 200: AwardStatusChange },
    },
  }, async (request) => changeAwardStatus(db, actor(request), BigInt(request.params.id), { action: 'resume', ...request.body }));

  app.post('/api/pension/awards/:id/stop', { config: { permission: 'pension.award.status' },
    schema: {
      tags, summary: '终止发放 Stop a pension from a month (death without a registry record, moved away, other) with a reason; months paid from it on open an overpayment; through sign-off when benefits.award_status.stop says signoff',
      params: Type.Object({ id: Id }), body: AwardStopBody, response: { 200: AwardStatusChange },
    },
  }, async (request) => changeAwardStatus(db, actor(request), BigInt(request.params.id), { action: 'stop', ...request.body, cause: request.body.cause as StopCause }));

  app.post('/api/pension/awards/:id/account-changes', { config: { permission: 'pension.award.status' },
    schema: {
      tags, summary: '养老金发放账户变更 Ask to pay the pension into another account, with the reason: through 复核 and 审批; the approval moves the account, and the next bank file (a returned month included) pays there',
      params: Type.Object({ id: Id }), body: AccountChangeBody, response: { 200: AccountChange },
    },
  }, async (request) => requestAccountChange(db, actor(request), BigInt(request.params.id), request.body));

  app.post('/api/payroll/run', { config: { permission: 'payroll.run' },
    schema: {
      tags, summary: '养老金发放计算 Start the payroll of a month: a job per pension fund (idempotent); the server works it and submits each batch to sign-off',
      body: Type.Object({ period: Period, region: Type.Optional(RegionCode) }, { additionalProperties: false }),
      response: { 200: Type.Object({ jobs: Type.Array(Job) }) },
    },
  }, async (request) => ({ jobs: await startPayroll(db, actor(request), request.body) }));

  app.get('/api/payroll/summary', { config: { permission: 'benefits.read' },
    schema: {
      tags, summary: '发放汇总 Payees, total and status of a month\'s payroll; format=xlsx|csv|pdf for 养老金发放汇总表 (payees and total per fund and region, the batches)',
      querystring: Type.Object({ period: Period, region: Type.Optional(RegionCode), ...ReportFormatQuery }, { additionalProperties: false }),
      response: { 200: PayrollSummary },
    },
  }, async (request, reply) => {
    const { format, ...input } = request.query;
    const summary = await payrollSummary(db, actor(request), input);
    if (!format || format === 'json') return summary;
    return sendReport(reply, payrollSummaryReport(summary, await payrollByRegion(db, actor(request), input), input.region), format);
  });

  app.get('/api/payroll/batches', { config: { permission: 'benefits.read' },
    schema: {
      tags, summary: '发放批次 Payroll batches with their totals, newest month first; format=xlsx|csv for every matching batch (养老金发放批次)',
      querystring: Type.Object({ ...listQuery(), period: Type.Optional(Period), fund: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false }),
      response: { 200: BatchList },
    },
  }, async (request, reply) => {
    const { limit, after, offset, format, ...filter } = request.query;
    const who = actor(request);
    return answerList(reply, { limit, after, offset, format }, {
      defaultLimit: 50,
      page: (page) => listBatches(db, who, filter, page),
      rows: async (page) => {
        const found = await batchRows(db, who, filter, page);
        return { items: found.items.map(batchRow), nextCursor: found.nextCursor };
      },
      report: batchesReport(filter),
    });
  });

  app.get('/api/payroll/batches/:id', { config: { permission: 'benefits.read' },
    schema: {
      tags, summary: '发放明细 A batch and a page of its lines (by reference); format=xlsx|csv for every line of the batch (养老金发放明细)', params: Type.Object({ id: Id }),
      querystring: Type.Object({ ...listQuery(), status: Type.Optional(literals(lineStatuses)) }, { additionalProperties: false }),
      response: { 200: BatchDetail },
    },
  }, async (request, reply) => {
    const { format, status, ...page } = request.query;
    const who = actor(request), batchId = BigInt(request.params.id), filter = { status: status as LineStatus | undefined };
    if (!format || format === 'json') return batchDetail(db, who, batchId, filter, paged(page));
    const pages = everyPage(async (next) => {
      const found = await batchLinesPage(db, who, batchId, filter, next);
      return { items: found.items.map(lineRow), nextCursor: found.nextCursor };
    });
    return sendListExport(reply, format, { ...batchLinesReport(await getBatch(db, who, batchId), filter.status), pages });
  });

  app.get('/api/payroll/bank-file', { config: { permission: 'payroll.bank' },
    schema: {
      tags, summary: '银行代发文件 The bank payment file of a month (CSV, UTF-8 with BOM: reference,idNumber,name,bankAccount,amount); 409 naming the missing step (未复核, 未审批, 未拨付) until every batch is signed off and funded',
      querystring: Type.Object({ period: Period, region: Type.Optional(RegionCode), fund: Type.Optional(Type.String({ maxLength: 60, description: 'one fund, also one without a payroll (its funded payment orders)' })) }, { additionalProperties: false }),
      response: { 200: { content: { 'text/csv': { schema: Type.String({ description: 'reference,idNumber,name,bankAccount,amount; UTF-8 with BOM' }) } } } },
    },
  }, async (request, reply) => {
    const file = await bankFile(db, actor(request), request.query);
    return sendFile(reply, file.fileName, file.content);
  });

  app.post('/api/payroll/bank-result', { config: { permission: 'payroll.bank' },
    schema: {
      tags, consumes: ['multipart/form-data'],
      summary: '银行回盘导入 Import the bank\'s result file (reference,status,reason; status paid or returned): all rows or none; paid lines book the expense from the 支出户',
      querystring: Type.Object({ encoding: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: false }),
      response: { 200: BankResult },
    },
  }, async (request) => importBankResult(db, actor(request), await uploadedFile(request, request.query)));
}
