/** HTTP for the supervision cases (/api/supervision/cases): list, read, open (立案), assign (改派), conclude, record a recovery, close (结案). */
import { Type } from '@sinclair/typebox';
import { actor, requestLanguage, type App } from '../../../platform/http/server.ts';
import { Id } from '../../../platform/http/schemas.ts';
import { assignCase, caseAssignees, caseReaders, checkCaseStatus, closeCase, concludeCase, getCase, listCases, openCase, offsetAgainstBenefits, penaltyProvisions, recordRecovery } from './cases.service.ts';
import { AssignBody, CaseAssignees, CaseDetail, CaseList, CasesQuery, CloseBody, ConcludeBody, OffsetBody, OpenCaseBody, PenaltyProvisions, RecoveryBody } from './cases.schemas.ts';

const tags = ['supervision'];
const params = Type.Object({ id: Id });

export async function casesRoutes(app: App) {
  const db = app.database;

  app.get('/api/supervision/cases', { config: { permission: 'supervision.read' },
    schema: { tags, summary: '稽核案件 The cases in scope, newest first, with the amounts to recover and recovered (assignedTo=me: the caller\'s own)', querystring: CasesQuery, response: { 200: CaseList } },
  }, async (request) => {
    const who = actor(request);
    const assignedTo = request.query.assignedTo === 'me' ? who.username : request.query.assignedTo;
    return listCases(db, who, { status: checkCaseStatus(request.query.status), assignedTo },
      { limit: request.query.limit ?? 50, after: request.query.after, offset: request.query.offset });
  });

  app.get('/api/supervision/cases/:id', { config: { permission: caseReaders },
    schema: { tags, summary: '稽核案件 A case: subject, findings with their evidence, conclusion, amounts per fund, recoveries, timeline', params, response: { 200: CaseDetail } },
  }, async (request) => getCase(db, actor(request), BigInt(request.params.id)));

  app.post('/api/supervision/cases', { config: { permission: 'supervision.case' },
    schema: {
      tags, summary: '稽核立案 Open a case from findings (one subject) or by hand; the opening waits for its sign-off (kind supervision_case)',
      body: OpenCaseBody, response: { 201: CaseDetail },
    },
  }, async (request, reply) => reply.code(201).send(await openCase(db, actor(request), request.body)));

  app.get('/api/supervision/cases/:id/assignees', { config: { permission: 'supervision.case.approve' },
    schema: { tags, summary: '可改派承办人 Who the case may be assigned to: active inspectors (supervision.case) of its region or above it', params, response: { 200: CaseAssignees } },
  }, async (request) => caseAssignees(db, actor(request), BigInt(request.params.id)));

  app.post('/api/supervision/cases/:id/assignment', { config: { permission: 'supervision.case.approve' },
    schema: {
      tags, summary: '改派承办人 The head of inspections gives an open case to another inspector, with the reason; only the assigned inspector concludes it, records its recoveries and closes it',
      params, body: AssignBody, response: { 200: CaseDetail },
    },
  }, async (request) => assignCase(db, actor(request), BigInt(request.params.id), request.body));

  app.post('/api/supervision/cases/:id/conclusion', { config: { permission: 'supervision.case' },
    schema: {
      tags, summary: '稽核结论 Submit the conclusion of a case under investigation (违规成立 with the amounts to recover per fund and, if decided, the penalty; or 不成立) for sign-off',
      params, body: ConcludeBody, response: { 200: CaseDetail },
    },
  }, async (request) => concludeCase(db, actor(request), BigInt(request.params.id), request.body));

  app.get('/api/supervision/penalty-provisions', { config: { permission: 'supervision.case' },
    schema: { tags, summary: '罚款依据 The provisions a penalty may rest on today, each with the range of its multiple (supervision.penalty_multiples)', response: { 200: PenaltyProvisions } },
  }, async (request) => penaltyProvisions(actor(request), requestLanguage(request)));

  app.post('/api/supervision/cases/:id/recoveries', { config: { permission: 'supervision.case' },
    schema: {
      tags, summary: '追回登记 Record money recovered for a concluded case: posted to the fund ledger (Dr 收入户存款 / Cr 其他收入); more than outstanding is refused',
      params, body: RecoveryBody, response: { 200: CaseDetail },
    },
  }, async (request) => recordRecovery(db, actor(request), BigInt(request.params.id), request.body));

  app.post('/api/supervision/cases/:id/offsets', { config: { permission: 'supervision.case' },
    schema: {
      tags, summary: '抵扣待遇 Hand part of what a person\'s case leaves to recover for a pension fund to the payroll, which keeps it back from the person\'s monthly pension',
      params, body: OffsetBody, response: { 200: CaseDetail },
    },
  }, async (request) => offsetAgainstBenefits(db, actor(request), BigInt(request.params.id), request.body));

  app.post('/api/supervision/cases/:id/close', { config: { permission: 'supervision.case' },
    schema: { tags, summary: '结案 Close a concluded case with nothing outstanding', params, body: CloseBody, response: { 200: CaseDetail } },
  }, async (request) => closeCase(db, actor(request), BigInt(request.params.id), request.body ?? {}));
}
