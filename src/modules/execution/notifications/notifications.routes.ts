/**
 * HTTP of the alert webhooks (GET/POST/PATCH /api/notifications/webhooks, GET …/:id/deliveries) and of the analyses
 * generated at month close (GET /api/execution/analyses, GET /api/execution/analyses/:id?format=json|xlsx|csv|pdf).
 */
import { actor, type App } from '../../../platform/http/server.ts';
import { sendReport } from '../../../platform/reports/http.ts';
import { analysisDocument } from '../analysis/analysis.report.ts';
import { AnalysisView } from '../analysis/analysis.schemas.ts';
import {
  DeliveryList, DeliveryQuery, IdParams, MonthlyAnalysisList, MonthlyAnalysisQuery, NewSubscriptionBody, NewSubscriptionView,
  StoredAnalysisQuery, SubscriptionChangeBody, SubscriptionList, SubscriptionView,
} from './notifications.schemas.ts';
import { addSubscription, changeSubscription, listDeliveries, listSubscriptions } from './notifications.service.ts';
import { listMonthlyAnalyses, storedAnalysis } from './monthly-analysis.service.ts';

const tags = ['execution'];

export async function notificationRoutes(app: App) {
  const db = app.database;
  app.get('/api/notifications/webhooks', { config: { permission: 'notifications.manage' },
    schema: { tags, response: { 200: SubscriptionList }, summary: '预警推送 The webhook subscriptions you manage (the secret shown by its last 4 characters)' },
  }, async (request) => listSubscriptions(db, actor(request)));

  app.post('/api/notifications/webhooks', { config: { permission: 'notifications.manage' },
    schema: { tags, body: NewSubscriptionBody, response: { 201: NewSubscriptionView }, summary: '新增预警推送 Register an endpoint for alert and analysis events; the answer shows the secret this once' },
  }, async (request, reply) => reply.code(201).send(await addSubscription(db, actor(request), request.body)));

  app.patch('/api/notifications/webhooks/:id', { config: { permission: 'notifications.manage' },
    schema: { tags, params: IdParams, body: SubscriptionChangeBody, response: { 200: SubscriptionView }, summary: '停用/启用预警推送 Disable or enable a subscription, or change its URL or events' },
  }, async (request) => changeSubscription(db, actor(request), BigInt(request.params.id), request.body));

  app.get('/api/notifications/webhooks/:id/deliveries', { config: { permission: 'notifications.manage' },
    schema: { tags, params: IdParams, querystring: DeliveryQuery, response: { 200: DeliveryList }, summary: '推送记录 The subscription\'s deliveries, newest first, with their last attempt' },
  }, async (request) => {
    const { limit, after, offset } = request.query;
    return listDeliveries(db, actor(request), BigInt(request.params.id), { limit: limit ?? 50, after, offset });
  });

  app.get('/api/execution/analyses', { config: { permission: 'execution.read' },
    schema: { tags, querystring: MonthlyAnalysisQuery, response: { 200: MonthlyAnalysisList }, summary: '月结自动生成的基金收支分析 The monthly analyses generated when a month closed, newest month first' },
  }, async (request) => {
    const { region, limit, after, offset } = request.query;
    return listMonthlyAnalyses(db, actor(request), { region }, { limit: limit ?? 50, after, offset });
  });

  app.get('/api/execution/analyses/:id', { config: { permission: 'execution.read' },
    schema: { tags, params: IdParams, querystring: StoredAnalysisQuery, response: { 200: AnalysisView }, summary: '下载月结生成的基金收支分析 A generated analysis as it stood (?format=json|xlsx|csv|pdf)' },
  }, async (request, reply) => sendReport(reply, analysisDocument(await storedAnalysis(db, actor(request), BigInt(request.params.id))), request.query.format));
}
