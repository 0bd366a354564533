/**
 * HTTP for the credit grades and the blacklist: /api/supervision/credit (list, a subject, a grading run),
 * /api/supervision/inspection-plan (检查计划 by grade) and /api/supervision/blacklist (the list, a proposal, an early removal).
 */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { Id } from '../../../platform/http/schemas.ts';
import { checkShow, checkSubjectKind, getSubjectCredit, inspectionPlan, listBlacklist, listGrades, proposeListing, requestRemoval, runGrading } from './credit.service.ts';
import { BlacklistQuery, CreditList, CreditQuery, GradingRun, InspectionPlan, InspectionPlanQuery, ListingDetail, ListingList, ProposeBody, RemovalBody, SubjectCredit, SubjectParams } from './credit.schemas.ts';

const tags = ['supervision'];

export async function creditRoutes(app: App) {
  const db = app.database;

  app.get('/api/supervision/credit', { config: { permission: 'supervision.read' },
    schema: { tags, summary: '信用等级 The graded subjects in scope, worst grade first, with the count per kind and grade', querystring: CreditQuery, response: { 200: CreditList } },
  }, async (request) => listGrades(db, actor(request), { subjectKind: checkSubjectKind(request.query.subjectType), grade: request.query.grade },
    { limit: request.query.limit ?? 50, after: request.query.after, offset: request.query.offset }));

  app.get('/api/supervision/inspection-plan', { config: { permission: 'supervision.read' },
    schema: { tags, summary: '检查计划 The graded subjects by the day they are due for inspection (their grade\'s interval after the last case opened about them), earliest first', querystring: InspectionPlanQuery, response: { 200: InspectionPlan } },
  }, async (request) => inspectionPlan(db, actor(request), { subjectKind: checkSubjectKind(request.query.subjectType), due: request.query.due },
    { limit: request.query.limit ?? 50, after: request.query.after, offset: request.query.offset }));

  app.get('/api/supervision/credit/:type/:code', { config: { permission: 'supervision.read' },
    schema: { tags, summary: '信用档案 A subject\'s grade with its facts and reasons, the grade history, its listings, whether the blacklist rule is met', params: SubjectParams, response: { 200: SubjectCredit } },
  }, async (request) => getSubjectCredit(db, actor(request), { subjectKind: request.params.type, subject: request.params.code }));

  app.post('/api/supervision/credit/runs', { config: { permission: 'supervision.run' },
    schema: { tags, summary: '信用等级评定 Grade every subject in scope; a history row for each grade that changed', response: { 200: GradingRun } },
  }, async (request) => runGrading(db, actor(request)));

  app.get('/api/supervision/blacklist', { config: { permission: 'supervision.read' },
    schema: { tags, summary: '严重失信人名单 The listings in force (an expired one is off by its dates), or proposed, or all', querystring: BlacklistQuery, response: { 200: ListingList } },
  }, async (request) => listBlacklist(db, actor(request), checkShow(request.query.show),
    { limit: request.query.limit ?? 50, after: request.query.after, offset: request.query.offset }));

  app.post('/api/supervision/blacklist', { config: { permission: 'supervision.case' },
    schema: {
      tags, summary: '列入严重失信人名单 Propose a subject meeting the blacklist rule, after its notice; waits for its sign-off (kind supervision.blacklist)',
      body: ProposeBody, response: { 201: ListingDetail },
    },
  }, async (request, reply) => reply.code(201).send(await proposeListing(db, actor(request), {
    subjectKind: request.body.subjectType, subject: request.body.subject, reason: request.body.reason, notifiedOn: request.body.notifiedOn,
  })));

  app.post('/api/supervision/blacklist/:id/removal', { config: { permission: 'supervision.case' },
    schema: {
      tags, summary: '信用修复 Propose the early removal of a listing in force, with its reason; waits for its sign-off', params: Type.Object({ id: Id }),
      body: RemovalBody, response: { 200: ListingDetail },
    },
  }, async (request) => requestRemoval(db, actor(request), BigInt(request.params.id), request.body));
}
