/** HTTP for contribution collection: billing runs (/api/billing/…) and bills (/api/bills…). */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../platform/http/server.ts';
import { Id, Period, RegionCode, paging } from '../../platform/http/schemas.ts';
import { billingSummary, completeBillingRun, listRuns, prepareBillingRun, runView } from './billing/billing.service.ts';
import { getBill, listBills } from './billing/bills.service.ts';
import { billNoticeReport } from './billing/bill.report.ts';
import { ReportFormatQuery, sendReport } from '../../platform/reports/http.ts';
import { requestReassessment } from './billing/reassessment.service.ts';

const Strict = { additionalProperties: false } as const;
const tags = ['collection'];

export async function collectionRoutes(app: App) {
  const db = app.database;
  // Billing runs started here go on in the background. When the server closes (SIGTERM), each stops after the chunk
  // it is billing and the close waits for it; the run stays resumable (start the same period again).
  const stopping = new AbortController();
  const background = new Set<Promise<void>>();
  app.addHook('onClose', async () => { stopping.abort(); await Promise.allSettled(background); });

  app.post('/api/billing/runs', { config: { permission: 'billing.run' },
    schema: { tags, summary: '缴费核定 Start (or resume) the billing of a period; progress at GET /api/billing/runs/:id', body: Type.Object({ period: Period, region: Type.Optional(RegionCode) }, Strict) },
  }, async (request, reply) => {
    const who = actor(request);
    const run = await prepareBillingRun(db, who, request.body);
    // The run goes on in the background; a failure (a dropped database connection too) leaves it resumable and is logged.
    const job = completeBillingRun(db, who, run, undefined, { signal: stopping.signal })
      .catch((error) => request.log.error({ err: error, run: String(run.id) }, 'billing run failed; start it again to resume'))
      .finally(() => background.delete(job));
    background.add(job);
    return reply.code(202).send(await runView(db, who, run.id));
  });
  app.get('/api/billing/runs', { config: { permission: 'billing.read' }, schema: { tags, summary: 'Billing runs, newest first' } },
    async (request) => ({ items: await listRuns(db, actor(request)) }));
  app.get('/api/billing/runs/:id', { config: { permission: 'billing.read' }, schema: { tags, summary: 'A billing run and its progress', params: Type.Object({ id: Id }) } },
    async (request) => runView(db, actor(request), BigInt(request.params.id)));
  app.get('/api/billing/summary', { config: { permission: 'billing.read' },
    schema: { tags, summary: 'What the bills of a period add up to', querystring: Type.Object({ period: Period, region: Type.Optional(RegionCode) }) },
  }, async (request) => billingSummary(db, actor(request), request.query));

  app.post('/api/billing/reassessments', { config: { permission: 'billing.reassess.request' },
    schema: {
      tags, summary: '补缴/更正申请 Request the reassessment of an employer\'s period: a sign-off item (billing.reassessment); its final approval issues the credit note and/or supplementary bill for the difference',
      body: Type.Object({ creditCode: Type.String({ minLength: 18, maxLength: 18 }), period: Period, reason: Type.Optional(Type.String({ maxLength: 500 })) }, Strict),
    },
  }, async (request, reply) => reply.code(201).send(await requestReassessment(db, actor(request), request.body)));

  app.get('/api/bills', { config: { permission: ['billing.read', 'portal.employer'] },
    schema: {
      tags, summary: '缴费通知单 Bills with their lines (an employer account sees its own only)',
      querystring: Type.Object({
        period: Type.Optional(Period), employer: Type.Optional(Type.String({ maxLength: 18, description: 'credit code' })),
        ...paging(200),
        lines: Type.Optional(Type.Boolean({ description: 'include the lines (default true)' })),
      }),
    },
  }, async (request) => listBills(db, actor(request), request.query));
  app.get('/api/bills/:number', { config: { permission: ['billing.read', 'portal.employer'] },
    schema: { tags, summary: '缴费通知单 One bill with its lines; format=pdf for the printable notice, xlsx|csv for its lines', params: Type.Object({ number: Type.String({ maxLength: 40 }) }), querystring: Type.Object(ReportFormatQuery) },
  }, async (request, reply) => sendReport(reply, billNoticeReport(await getBill(db, actor(request), request.params.number)), request.query.format));
}
