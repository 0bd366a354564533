/**
 * HTTP for the self-service portals: /api/portal/employer/… (employer accounts), /api/portal/person/… (person
 * accounts) and /api/portal/requests… (agency staff reviewing employers' requests).
 */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { DateText, Id, Year, Yuan, paging } from '../../../platform/http/schemas.ts';
import { Items } from '../../../platform/http/schemas.ts';
import { BaseDeclaration, Employer } from '../../registry/index.ts';
import { BaseConfirmation, EmploymentRequest, EmploymentRequests, PortalEmployees } from './portal.schemas.ts';
import { confirmOwnBase, declareEmployeeBase, employerProfile, listBaseConfirmations, listEmployees } from './portal.service.ts';
import { listRequests, requestHire, requestSeparation } from './requests.service.ts';
import { requestStatuses } from './portal.tables.ts';

const Strict = { additionalProperties: false } as const;
const Paging = paging(200);
const EmployeeQuery = Type.Object({ year: Type.Optional(Year), q: Type.Optional(Type.String({ maxLength: 50 })), ...Paging });
const RequestQuery = Type.Object({ status: Type.Optional(Type.Union(requestStatuses.map((status) => Type.Literal(status)))), ...Paging });
const tags = ['portal'];

export async function portalRoutes(app: App) {
  const db = app.database;

  app.get('/api/portal/employer', { config: { permission: 'portal.employer' }, schema: { tags, summary: '单位网厅：本单位信息 The account\'s employer', response: { 200: Employer } } },
    async (request) => employerProfile(db, actor(request)));
  app.get('/api/portal/employer/employees', { config: { permission: 'portal.employer' },
    schema: { tags, summary: '单位网厅：职工名册 Current and past employees with the base declared for the year (default this year)', querystring: EmployeeQuery, response: { 200: PortalEmployees } },
  }, async (request) => listEmployees(db, actor(request), { ...request.query, employedInYear: false }));
  app.get('/api/portal/employer/bases', { config: { permission: 'portal.employer' },
    schema: { tags, summary: '单位网厅：年度缴费基数 Employees of the year with their declared base and sign-off', querystring: EmployeeQuery, response: { 200: PortalEmployees } },
  }, async (request) => listEmployees(db, actor(request), { ...request.query, employedInYear: true }));
  app.post('/api/portal/employer/bases', { config: { permission: 'registry.base.declare' },
    schema: {
      tags, summary: '单位网厅：申报缴费基数 Declare an employee\'s monthly wage for a year (a new version)',
      body: Type.Object({ personId: Id, year: Year, monthlyWage: Yuan, reason: Type.Optional(Type.String({ maxLength: 500 })) }, Strict),
      response: { 201: BaseDeclaration },
    },
  }, async (request, reply) => reply.status(201).send(await declareEmployeeBase(db, actor(request), request.body)));

  app.get('/api/portal/employer/requests', { config: { permission: 'portal.employer' }, schema: { tags, summary: '单位网厅：增减员申报记录 The employer\'s requests', querystring: RequestQuery, response: { 200: EmploymentRequests } } },
    async (request) => listRequests(db, actor(request), request.query));
  app.post('/api/portal/employer/requests/hire', { config: { permission: 'employment.request.submit' },
    schema: {
      tags, summary: '单位网厅：增员申报 Ask to add an employee (pending agency review)',
      body: Type.Object({ idNumber: Type.String({ maxLength: 30 }), name: Type.String({ maxLength: 100 }), hiredOn: DateText }, Strict),
      response: { 201: EmploymentRequest },
    },
  }, async (request, reply) => reply.status(201).send(await requestHire(db, actor(request), request.body)));
  app.post('/api/portal/employer/requests/separate', { config: { permission: 'employment.request.submit' },
    schema: {
      tags, summary: '单位网厅：减员申报 Ask to remove an employee (pending agency review)',
      body: Type.Object({ personId: Id, separatedOn: DateText, reason: Type.String({ maxLength: 20 }) }, Strict),
      response: { 201: EmploymentRequest },
    },
  }, async (request, reply) => reply.status(201).send(await requestSeparation(db, actor(request), request.body)));

  app.get('/api/portal/requests', { config: { permission: 'employment.request.review' }, schema: { tags, summary: '员工变动审核：申报列表 Employers\' requests in your region', querystring: RequestQuery, response: { 200: EmploymentRequests } } },
    async (request) => listRequests(db, actor(request), request.query));

  app.get('/api/portal/person/base-confirmations', { config: { permission: 'portal.person' }, schema: { tags, summary: '个人网厅：缴费基数确认 My declared bases, awaiting sign-off first', response: { 200: Items(BaseConfirmation) } } },
    async (request) => listBaseConfirmations(db, actor(request)));
  app.post('/api/portal/person/base-confirmations/:declarationId', { config: { permission: 'registry.base.confirm' },
    schema: { tags, summary: '个人网厅：确认缴费基数 Sign off my declared base', params: Type.Object({ declarationId: Id }), response: { 200: BaseDeclaration } },
  }, async (request) => confirmOwnBase(db, actor(request), BigInt(request.params.declarationId)));
}
