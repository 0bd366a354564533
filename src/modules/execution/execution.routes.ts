/**
 * HTTP of budget execution: the report (/api/execution/report), the alerts (/api/alerts), publication, and the public
 * reports (/api/public/reports, no sign-in).
 */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../platform/http/server.ts';
import { Id } from '../../platform/http/schemas.ts';
import { Job } from '../../platform/jobs/jobs.schemas.ts';
import { ApprovalItem } from '../../platform/signoff/signoff.schemas.ts';
import { acknowledgeAlert, listAlerts, resolveAlert, startEvaluation } from './alerts.service.ts';
import { getPublicReport, listPublicReports, submitPublication } from './publication.service.ts';
import { executionReport } from './report.service.ts';
import {
  AlertList, AlertQuery, AlertView, EvaluationBody, ExecutionReportView, NoteBody, PublicReport, PublicReportSummary, ReportQuery,
} from './execution.schemas.ts';

const tags = ['execution'];
const idParams = Type.Object({ id: Id }, { additionalProperties: false });

export async function executionRoutes(app: App) {
  const db = app.database;

  app.get('/api/execution/report', { config: { permission: 'execution.read' },
    schema: {
      tags, querystring: ReportQuery, response: { 200: ExecutionReportView },
      summary: '预算执行情况 Budget against actual per fund and line of the region and below, the year to the month\'s end, live from the ledger',
    },
  }, async (request) => executionReport(db, actor(request), request.query));

  app.post('/api/execution/publications', { config: { permission: 'report.publish' },
    schema: { tags, body: ReportQuery, response: { 201: ApprovalItem }, summary: '基金收支情况公开申请 Submit the region\'s report of the month for publication (sign-off kind execution.report_publication)' },
  }, async (request, reply) => reply.code(201).send(await submitPublication(db, actor(request), request.body)));

  app.get('/api/alerts', { config: { permission: 'execution.read' },
    schema: { tags, querystring: AlertQuery, response: { 200: AlertList }, summary: '基金运行预警 Early-warning alerts in scope, newest first (status open: raised or acknowledged)' },
  }, async (request) => {
    const { region, status, fund, limit, after, offset } = request.query;
    return listAlerts(db, actor(request), { region, status, fund }, { limit: limit ?? 50, after, offset });
  });

  app.post('/api/alerts/evaluations', { config: { permission: 'alerts.manage' },
    schema: { tags, body: EvaluationBody, response: { 202: Job }, summary: '预警评估 Evaluate the early-warning rules now (a job, kind execution.alerts, one chunk per fund)' },
  }, async (request, reply) => reply.code(202).send(await startEvaluation(db, actor(request), request.body)));

  app.post('/api/alerts/:id/acknowledge', { config: { permission: 'alerts.manage' },
    schema: { tags, params: idParams, body: NoteBody, response: { 200: AlertView }, summary: '确认预警 Acknowledge a raised alert with a note' },
  }, async (request) => acknowledgeAlert(db, actor(request), BigInt(request.params.id), request.body.note));

  app.post('/api/alerts/:id/resolve', { config: { permission: 'alerts.manage' },
    schema: { tags, params: idParams, body: NoteBody, response: { 200: AlertView }, summary: '办结预警 Resolve an open alert with the action taken' },
  }, async (request) => resolveAlert(db, actor(request), BigInt(request.params.id), request.body.note));

  app.get('/api/public/reports', { config: { permission: 'public' },
    schema: { tags: ['public'], security: [], response: { 200: Type.Array(PublicReportSummary) }, summary: '基金收支情况公开 Published reports (no sign-in): fund-level figures only' },
  }, async () => listPublicReports(db));

  app.get('/api/public/reports/:id', { config: { permission: 'public' },
    schema: { tags: ['public'], security: [], params: idParams, response: { 200: PublicReport }, summary: '公开报告 One published report with its figures per fund (no sign-in)' },
  }, async (request) => getPublicReport(db, BigInt(request.params.id)));
}
