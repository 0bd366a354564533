/** HTTP of the focus list (重点关注) and the duty assignments (岗位责任). */
import { actor, type App } from '../../../platform/http/server.ts';
import { DutyAssignmentBody, DutyAssignmentView, DutyAssignmentsView, DutyQuery, FocusListView, FocusQuery } from './duty.schemas.ts';
import { assignDuty, focusList, listDutyAssignments } from './duty.service.ts';

const tags = ['execution'];

export async function dutyRoutes(app: App) {
  app.get('/api/execution/focus', { config: { permission: 'execution.read' },
    schema: {
      tags, querystring: FocusQuery, response: { 200: FocusListView },
      summary: '重点关注 The funds of the region and below most off their budget, with open alerts and the responsible staff',
    },
  }, async (request) => focusList(app.database, actor(request), request.query));

  app.get('/api/execution/duty-assignments', { config: { permission: 'execution.read' },
    schema: {
      tags, querystring: DutyQuery, response: { 200: DutyAssignmentsView },
      summary: '岗位责任 The region\'s responsible staff per scheme with their history, and the staff who may be assigned',
    },
  }, async (request) => listDutyAssignments(app.database, actor(request), request.query));

  app.post('/api/execution/duty-assignments', { config: { permission: 'execution.duty.manage' },
    schema: {
      tags, body: DutyAssignmentBody, response: { 201: DutyAssignmentView },
      summary: '指定责任人 Make a staff member responsible for the region\'s funds of a scheme (or all) from a date; the current one\'s period ends the day before',
    },
  }, async (request, reply) => reply.code(201).send(await assignDuty(app.database, actor(request), request.body)));
}
