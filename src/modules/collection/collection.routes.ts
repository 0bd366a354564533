/** HTTP for contribution collection: billing runs (/api/billing/…) and bills (/api/bills…). */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../platform/http/server.ts';
import { Bill, BillList, BillingSummary } from './collection.schemas.ts';
import { billKinds } from './collection.tables.ts';
import { BillStatusName } from './billing/bill-status.schemas.ts';
import { Job } from '../../platform/jobs/jobs.schemas.ts';
import { ApprovalItem } from '../../platform/signoff/signoff.schemas.ts';
import { Period, RegionCode } from '../../platform/http/schemas.ts';
import { answerList } from '../../platform/http/lists.ts';
import { listQuery } from '../../platform/http/lists.schemas.ts';
import { billingSummary, startBilling } from './billing/billing.service.ts';
import { billRows, listBills } from './billing/bills.service.ts';
import { getBillNotice } from './billing/bill-notice.service.ts';
import { billListLine, billListReport, billNoticeReport } from './billing/bill.report.ts';
import { ReportFormatQuery, sendReport } from '../../platform/reports/http.ts';
import { requestReassessment } from './billing/reassessment.service.ts';

const Strict = { additionalProperties: false } as const;
const tags = ['collection'];

export async function collectionRoutes(app: App) {
  const db = app.database;
  app.post('/api/billing/runs', { config: { permission: 'billing.run' },
    schema: { tags, summary: '缴费核定 Start (or resume) the billing of a period: a job (kind billing.run) the server works; progress at GET /api/jobs/:id', body: Type.Object({ period: Period, region: Type.Optional(RegionCode) }, Strict), response: { 202: Job } },
  }, async (request, reply) => {
    const job = await startBilling(db, actor(request), request.body);
    void app.jobs.nudge();
    return reply.code(202).send(job);
  });
  app.get('/api/billing/summary', { config: { permission: 'billing.read' },
    schema: { tags, summary: 'What the bills of a period add up to', querystring: Type.Object({ period: Period, region: Type.Optional(RegionCode) }), response: { 200: BillingSummary } },
  }, async (request) => billingSummary(db, actor(request), request.query));

  app.post('/api/billing/reassessments', { config: { permission: 'billing.reassess.request' },
    schema: {
      tags, summary: '补缴/更正申请 Request the reassessment of an employer\'s period: a sign-off item (billing.reassessment); its final approval issues the credit note and/or supplementary bill for the difference',
      body: Type.Object({ creditCode: Type.String({ minLength: 18, maxLength: 18 }), period: Period, reason: Type.Optional(Type.String({ maxLength: 500 })) }, Strict),
      response: { 201: ApprovalItem },
    },
  }, async (request, reply) => reply.code(201).send(await requestReassessment(db, actor(request), request.body)));

  app.get('/api/bills', { config: { permission: ['billing.read', 'portal.employer'] },
    schema: {
      tags, summary: '缴费通知单 Bills newest period first, then by number, with their lines (ID numbers masked; an employer account sees its own only); format=xlsx|csv for every matching bill',
      querystring: Type.Object({
        period: Type.Optional(Period), employer: Type.Optional(Type.String({ maxLength: 18, description: 'credit code' })),
        region: Type.Optional(RegionCode), kind: Type.Optional(Type.Union(billKinds.map((kind) => Type.Literal(kind)))),
        status: Type.Optional(BillStatusName),
        lines: Type.Optional(Type.Boolean({ description: 'include the lines (default true)' })),
        ...listQuery(200),
      }, Strict),
      response: { 200: BillList },
    },
  }, async (request, reply) => {
    const { limit, after, offset, format, lines, ...filter } = request.query;
    const who = actor(request);
    const answer = await answerList(reply, { limit, after, offset, format }, {
      defaultLimit: 20,
      page: (page) => listBills(db, who, { ...filter, lines }, page),
      rows: async (page) => {
        const found = await billRows(db, who, filter, page);
        return { items: found.items.map(billListLine), nextCursor: found.nextCursor };
      },
      report: billListReport(filter),
    });
    if (!('items' in answer)) return answer;   // the file, sent
    // The page's bills under the key `bills`, as the API has answered since the collection issue (its acceptance reads it).
    const { items, ...count } = answer;
    return { bills: items, ...count };
  });
  app.get('/api/bills/:number', { config: { permission: ['billing.read', 'portal.employer'] },
    schema: { tags, summary: '缴费通知单 One bill with its lines; format=pdf for the printable notice, xlsx|csv for its lines', params: Type.Object({ number: Type.String({ maxLength: 40 }) }), querystring: Type.Object(ReportFormatQuery), response: { 200: Bill } },
  }, async (request, reply) => {
    const notice = await getBillNotice(db, actor(request), request.params.number, { printed: request.query.format === 'pdf' });
    return sendReport(reply, billNoticeReport(notice), request.query.format);
  });
}
