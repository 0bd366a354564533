/** HTTP for dunning (/api/dunning/…): notices and their delivery, instalment agreements and late-fee waivers (sign-off items). */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { DateText, Id, Yuan } from '../../../platform/http/schemas.ts';
import { ReportFormatQuery, sendReport } from '../../../platform/reports/http.ts';
import { ApprovalItem } from '../../../platform/signoff/signoff.schemas.ts';
import { DeliveryMethodName, DunningNotice, EmployerDunning, NoticeKindName, WaiverGroundName } from './dunning.schemas.ts';
import { employerDunning, issueNotice, noticeDocument, recordDelivery, requestInstalments, requestLateFeeWaiver } from './dunning.service.ts';
import { dunningNoticeReport } from './dunning.report.ts';

const Strict = { additionalProperties: false } as const;
const tags = ['collection'];
const CreditCode = Type.String({ minLength: 18, maxLength: 18, description: 'credit code' });

export async function dunningRoutes(app: App) {
  const db = app.database;

  app.get('/api/dunning', { config: { permission: 'arrears.read' },
    schema: { tags, summary: '催缴记录 An employer\'s notices with their deliveries, instalment agreements and late-fee waivers', querystring: Type.Object({ employer: CreditCode }), response: { 200: EmployerDunning } },
  }, async (request) => employerDunning(db, actor(request), request.query.employer));

  app.post('/api/dunning/notices', { config: { permission: 'dunning.issue' },
    schema: {
      tags, summary: '开具催缴通知书 / 限期缴纳通知书 Issue a notice to an employer with its overdue contributions and late fee as of a date (today by default); an order sets its deadline',
      body: Type.Object({ creditCode: CreditCode, kind: NoticeKindName, asOf: Type.Optional(DateText), deadline: Type.Optional(DateText) }, Strict),
      response: { 201: DunningNotice },
    },
  }, async (request, reply) => reply.code(201).send(await issueNotice(db, actor(request), request.body)));

  app.get('/api/dunning/notices/:id', { config: { permission: 'arrears.read' },
    schema: { tags, summary: '催缴文书 One notice with its deliveries; format=pdf for the printed notice with its 送达回证', params: Type.Object({ id: Id }), querystring: Type.Object(ReportFormatQuery), response: { 200: DunningNotice } },
  }, async (request, reply) => {
    const { notice, agency } = await noticeDocument(db, actor(request), BigInt(request.params.id));
    return sendReport(reply, dunningNoticeReport(notice, agency), request.query.format);
  });

  app.post('/api/dunning/notices/:id/deliveries', { config: { permission: 'dunning.issue' },
    schema: {
      tags, summary: '登记送达 Record how, when and to whom a notice was delivered',
      params: Type.Object({ id: Id }),
      body: Type.Object({ method: DeliveryMethodName, deliveredOn: DateText, recipient: Type.String({ maxLength: 100 }), note: Type.Optional(Type.String({ maxLength: 500 })) }, Strict),
      response: { 201: DunningNotice },
    },
  }, async (request, reply) => reply.code(201).send(await recordDelivery(db, actor(request), BigInt(request.params.id), request.body)));

  app.post('/api/dunning/instalments', { config: { permission: 'dunning.issue' },
    schema: {
      tags, summary: '分期缴纳申请 Request an instalment agreement for the overdue contributions: a sign-off item (dunning.instalment)',
      body: Type.Object({
        creditCode: CreditCode, asOf: Type.Optional(DateText), reason: Type.String({ maxLength: 500 }),
        instalments: Type.Array(Type.Object({ dueDate: DateText, amount: Yuan }, Strict), { maxItems: 24 }),
      }, Strict),
      response: { 201: ApprovalItem },
    },
  }, async (request, reply) => reply.code(201).send(await requestInstalments(db, actor(request), request.body)));

  app.post('/api/dunning/late-fee-waivers', { config: { permission: 'dunning.issue' },
    schema: {
      tags, summary: '滞纳金减免申请 Request a late-fee waiver on a ground the law allows: a sign-off item (dunning.late_fee_waiver)',
      body: Type.Object({ creditCode: CreditCode, asOf: Type.Optional(DateText), amount: Yuan, ground: WaiverGroundName, document: Type.String({ maxLength: 200 }) }, Strict),
      response: { 201: ApprovalItem },
    },
  }, async (request, reply) => reply.code(201).send(await requestLateFeeWaiver(db, actor(request), request.body)));
}
