/**
 * HTTP for the self-service portals: /api/portal/employer/… (employer accounts), /api/portal/person/… (person
 * accounts) and /api/portal/requests… (agency staff reviewing employers' requests).
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../platform/actor.ts';
import { actor, type App } from '../../../platform/http/server.ts';
import { DateText, Id, Year, Yuan } from '../../../platform/http/schemas.ts';
import { answerList } from '../../../platform/http/lists.ts';
import { listQuery } from '../../../platform/http/lists.schemas.ts';
import { Items } from '../../../platform/http/schemas.ts';
import { answerBaseDeclaration, BaseDeclaration, BaseDeclarationAnswers, Employer } from '../../registry/index.ts';
import { BaseConfirmation, EmploymentRequest, EmploymentRequests, PortalEmployees } from './portal.schemas.ts';
import { confirmOwnBase, declareEmployeeBase, employeeRows, employerProfile, listBaseConfirmations, listEmployees, rosterYear } from './portal.service.ts';
import { listRequests, requestHire, requestRows, requestSeparation } from './requests.service.ts';
import { employeeLine, requestLine, requestsReport, rosterReport } from './portal.report.ts';
import { requestStatuses } from './portal.tables.ts';

const Strict = { additionalProperties: false } as const;
const EmployeeQuery = Type.Object({ year: Type.Optional(Year), q: Type.Optional(Type.String({ maxLength: 50, description: 'a name\'s start, or a whole ID number' })), ...listQuery(200) }, Strict);
const RequestQuery = Type.Object({ status: Type.Optional(Type.Union(requestStatuses.map((status) => Type.Literal(status)))), ...listQuery(200) }, Strict);
const tags = ['portal'];

export async function portalRoutes(app: App) {
  const db = app.database;

  /** 职工名册 / 年度缴费基数: a page with its count, or with `format` the file of every employee. */
  const roster = (query: Static<typeof EmployeeQuery>, employedInYear: boolean, who: Actor, reply: FastifyReply) => {
    const { limit, after, offset, format, ...asked } = query;
    const filter = { ...asked, employedInYear };
    return answerList(reply, { limit, after, offset, format }, {
      defaultLimit: 20,
      page: (page) => listEmployees(db, who, filter, page),
      rows: async (page) => {
        const found = await employeeRows(db, who, filter, page);
        return { items: found.items.map(employeeLine), nextCursor: found.nextCursor };
      },
      report: rosterReport({ ...filter, year: rosterYear(filter.year) }),
    });
  };
  const requests = (query: Static<typeof RequestQuery>, who: Actor, reply: FastifyReply) => {
    const { limit, after, offset, format, ...filter } = query;
    return answerList(reply, { limit, after, offset, format }, {
      defaultLimit: 50,
      page: (page) => listRequests(db, who, filter, page),
      rows: async (page) => {
        const found = await requestRows(db, who, filter, page);
        return { items: found.items.map(requestLine), nextCursor: found.nextCursor };
      },
      report: requestsReport(filter),
    });
  };

  app.get('/api/portal/employer', { config: { permission: 'portal.employer' }, schema: { tags, summary: '单位网厅：本单位信息 The account\'s employer', response: { 200: Employer } } },
    async (request) => employerProfile(db, actor(request)));
  app.get('/api/portal/employer/employees', { config: { permission: 'portal.employer' },
    schema: { tags, summary: '单位网厅：职工名册 Current and past employees by ID number (masked) with the base declared for the year (default this year); format=xlsx|csv for every matching one', querystring: EmployeeQuery, response: { 200: PortalEmployees } },
  }, async (request, reply) => roster(request.query, false, actor(request), reply));
  app.get('/api/portal/employer/bases', { config: { permission: 'portal.employer' },
    schema: { tags, summary: '单位网厅：年度缴费基数 Employees of the year with their declared base and sign-off; format=xlsx|csv for every matching one', querystring: EmployeeQuery, response: { 200: PortalEmployees } },
  }, async (request, reply) => roster(request.query, true, actor(request), reply));
  app.post('/api/portal/employer/bases', { config: { permission: 'registry.base.declare' },
    schema: {
      tags, summary: '单位网厅：申报缴费基数 Declare an employee\'s monthly wage for a year: the first of a year is recorded (201), a correction waits for the agency\'s second person (202)',
      body: Type.Object({ personId: Id, year: Year, monthlyWage: Yuan, reason: Type.Optional(Type.String({ maxLength: 500 })) }, Strict),
      response: BaseDeclarationAnswers,
    },
  }, async (request, reply) => answerBaseDeclaration(reply, await declareEmployeeBase(db, actor(request), request.body)));

  app.get('/api/portal/employer/requests', { config: { permission: 'portal.employer' },
    schema: { tags, summary: '单位网厅：增减员申报记录 The employer\'s requests; format=xlsx|csv for every matching one', querystring: RequestQuery, response: { 200: EmploymentRequests } },
  }, async (request, reply) => requests(request.query, actor(request), reply));
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

  app.get('/api/portal/requests', { config: { permission: 'employment.request.review' },
    schema: { tags, summary: '员工变动审核：申报列表 Employers\' requests in your region, oldest first while pending, else newest first; format=xlsx|csv for every matching one', querystring: RequestQuery, response: { 200: EmploymentRequests } },
  }, async (request, reply) => requests(request.query, actor(request), reply));

  app.get('/api/portal/person/base-confirmations', { config: { permission: 'portal.person' }, schema: { tags, summary: '个人网厅：缴费基数确认 My declared bases, awaiting sign-off first', response: { 200: Items(BaseConfirmation) } } },
    async (request) => listBaseConfirmations(db, actor(request)));
  app.post('/api/portal/person/base-confirmations/:declarationId', { config: { permission: 'registry.base.confirm' },
    schema: { tags, summary: '个人网厅：确认缴费基数 Sign off my declared base', params: Type.Object({ declarationId: Id }), response: { 200: BaseDeclaration } },
  }, async (request) => confirmOwnBase(db, actor(request), BigInt(request.params.declarationId)));
}
