/** HTTP for the registry: validate, call one service function, map the result. */
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actor, requestLanguage, type App } from '../../platform/http/server.ts';
import { namedAuditRecord } from '../../platform/audit/audit.messages.ts';
import type { AuditRecordView } from '../../platform/audit/audit.service.ts';
import { DateText, Id, Items, RegionCode, Year, Yuan } from '../../platform/http/schemas.ts';
import { answerList } from '../../platform/http/lists.ts';
import { listQuery } from '../../platform/http/lists.schemas.ts';
import * as registry from './registry.service.ts';
import { employeeLine, employeesReport, employerLine, employersReport, personLine, personsReport } from './registry.report.ts';
import { employerStatuses, payerTypes } from './registry.tables.ts';
import { Agency, BaseDeclaration, BaseDeclarationAnswers, EmployeeList, Employer, EmployerDetail, EmployerList, Employment, Hire, NewAgency, Person, PersonDetail, PersonList, Region } from './registry.schemas.ts';

const Text = Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()]));
const Strict = { additionalProperties: false } as const;
const Choice = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)));

/** A detail's history with its actions and entity types named in the request's language. */
const withNamedHistory = <T extends { history: AuditRecordView[] }>(request: FastifyRequest, detail: T) =>
  ({ ...detail, history: detail.history.map(namedAuditRecord(requestLanguage(request))) });

/** A declaration recorded at once is 201 with it; a correction is 202 with the sign-off item it waits in. */
export const answerBaseDeclaration = (reply: FastifyReply, outcome: registry.BaseDeclarationOutcome) =>
  ('declared' in outcome ? reply.status(201).send(outcome.declared) : reply.status(202).send(outcome.correction));


export async function registryRoutes(app: App) {
  const db = app.database;

  app.get('/api/regions', { config: { permission: 'registry.read' }, schema: { tags: ['registry'], summary: '行政区划 Regions (GB/T 2260)', response: { 200: Items(Region) } } }, async (request) => ({ items: await registry.listRegions(db, actor(request)) }));
  app.post('/api/regions', { config: { permission: 'region.manage' },
    schema: { tags: ['registry'], summary: '新增区划 Add a region', body: Type.Object({ code: RegionCode, name: Type.String({ minLength: 1, maxLength: 100 }), parentCode: Type.Optional(Type.Union([RegionCode, Type.Null()])) }, { additionalProperties: false }), response: { 201: Region } },
  }, async (request, reply) => reply.status(201).send(await registry.createRegion(db, actor(request), request.body)));

  app.get('/api/agencies', { config: { permission: 'registry.read' }, schema: { tags: ['registry'], summary: '经办机构 Agencies', response: { 200: Items(Agency) } } }, async (request) => ({ items: await registry.listAgencies(db, actor(request)) }));
  app.post('/api/agencies', { config: { permission: 'agency.manage' },
    schema: { tags: ['registry'], summary: '新增经办机构 Add an agency', body: Type.Object({ regionCode: RegionCode, name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }), response: { 201: NewAgency } },
  }, async (request, reply) => reply.status(201).send(await registry.createAgency(db, actor(request), request.body)));

  app.get('/api/employers', { config: { permission: 'registry.read' },
    schema: {
      tags: ['registry'], summary: '参保单位查询 Employers by credit-code prefix or name, region, status and type, in credit-code order; format=xlsx|csv for every match',
      querystring: Type.Object({
        q: Type.Optional(Type.String({ maxLength: 100 })), region: Type.Optional(RegionCode), status: Type.Optional(Choice(employerStatuses)),
        employerType: Type.Optional(Choice(payerTypes)), ...listQuery(),
      }, Strict),
      response: { 200: EmployerList },
    },
  }, async (request, reply) => {
    const { limit, after, offset, format, ...filter } = request.query;
    const who = actor(request);
    return answerList(reply, { limit, after, offset, format }, {
      defaultLimit: 20,
      page: (page) => registry.employerList.page(db, who, filter, page),
      rows: async (page) => {
        const found = await registry.employerList.rows(db, who, filter, page);
        return { items: found.items.map(employerLine), nextCursor: found.nextCursor };
      },
      report: employersReport(filter),
    });
  });
  app.post('/api/employers', { config: { permission: 'registry.employer.create' },
    schema: {
      tags: ['registry'], summary: '参保单位登记 Register an employer',
      body: Type.Object({ creditCode: Type.String({ maxLength: 30 }), name: Type.String({ maxLength: 300 }), regionCode: Text, industryCode: Text, workInjuryClass: Type.Optional(Type.Union([Type.Integer(), Type.String(), Type.Null()])), employerType: Text }, Strict),
      response: { 201: Employer },
    },
  }, async (request, reply) => reply.status(201).send(await registry.createEmployer(db, actor(request), request.body)));
  app.get('/api/employers/:id', { config: { permission: 'registry.read' }, schema: { tags: ['registry'], summary: '参保单位详情 Employer with its head count and history', params: Type.Object({ id: Id }), response: { 200: EmployerDetail } } },
    async (request) => withNamedHistory(request, await registry.employerDetail(db, actor(request), BigInt(request.params.id))));
  app.get('/api/employers/:id/employees', { config: { permission: 'registry.read' },
    schema: {
      tags: ['registry'], summary: '职工名册 An employer\'s employees (current, separated or both; full ID number or name prefix), newest hire first, ID numbers masked; format=xlsx|csv for every match',
      params: Type.Object({ id: Id }),
      querystring: Type.Object({ status: Type.Optional(Choice(['current', 'separated'] as const)), q: Type.Optional(Type.String({ maxLength: 50 })), ...listQuery() }, Strict),
      response: { 200: EmployeeList },
    },
  }, async (request, reply) => {
    const { limit, after, offset, format, ...query } = request.query;
    const who = actor(request);
    const employer = await registry.findEmployer(db, who, BigInt(request.params.id));
    const filter = { ...query, employerId: BigInt(employer.id) };
    return answerList(reply, { limit, after, offset, format }, {
      defaultLimit: 20,
      page: (page) => registry.employeeList.page(db, who, filter, page),
      rows: async (page) => {
        const found = await registry.employeeList.rows(db, who, filter, page);
        return { items: found.items.map(employeeLine), nextCursor: found.nextCursor };
      },
      report: employeesReport(employer, query),
    });
  });

  app.get('/api/persons', { config: { permission: 'registry.read' },
    schema: {
      tags: ['registry'], summary: '参保人员查询 Persons by full ID number or name prefix, employer and region, in ID-number order, ID numbers masked; format=xlsx|csv for every match (masked too)',
      querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 50 })), employer: Type.Optional({ ...Id, description: 'employer id: the persons it employs now (在职)' }), region: Type.Optional(RegionCode), ...listQuery() }, Strict),
      response: { 200: PersonList },
    },
  }, async (request, reply) => {
    const { limit, after, offset, format, ...filter } = request.query;
    const who = actor(request);
    return answerList(reply, { limit, after, offset, format }, {
      defaultLimit: 20,
      page: (page) => registry.personList.page(db, who, filter, page),
      rows: async (page) => {
        const found = await registry.personList.rows(db, who, filter, page);
        return { items: found.items.map(personLine), nextCursor: found.nextCursor };
      },
      report: personsReport(filter),
    });
  });
  app.post('/api/persons', { config: { permission: 'registry.person.create' },
    schema: {
      tags: ['registry'], summary: '参保人员登记 Register a person',
      body: Type.Object({ idNumber: Type.String({ maxLength: 30 }), name: Type.String({ maxLength: 100 }), gender: Text, birthDate: Text, hukouType: Text, occupation: Text, phone: Text, regionCode: Text }, Strict),
      response: { 201: Person },
    },
  }, async (request, reply) => reply.status(201).send(await registry.createPerson(db, actor(request), request.body)));
  app.get('/api/persons/:id', { config: { permission: 'registry.read' },
    schema: {
      tags: ['registry'], summary: '参保人员详情 Person with employments, enrollments, bases and history; ID and phone numbers masked, reveal=1 shows them in full (needs personal.full.read; audited)',
      params: Type.Object({ id: Id }), querystring: Type.Object({ reveal: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')])) }), response: { 200: PersonDetail },
    },
  }, async (request) => withNamedHistory(request, await registry.personDetail(db, actor(request), BigInt(request.params.id), { reveal: request.query.reveal === '1' })));

  app.post('/api/employments', { config: { permission: 'registry.employment.write' },
    schema: { tags: ['registry'], summary: '用工登记 Hire: open an employment and enroll it', body: Type.Object({ employerId: Id, personId: Id, hiredOn: DateText, insurances: Type.Optional(Type.Array(Type.String(), { maxItems: 5 })) }, { additionalProperties: false }), response: { 201: Hire } },
  }, async (request, reply) => reply.status(201).send(await registry.hire(db, actor(request), request.body)));
  app.post('/api/employments/:employerId/:id/separate', { config: { permission: 'registry.employment.write' },
    schema: { tags: ['registry'], summary: '退工 Separate: close an employment', params: Type.Object({ employerId: Id, id: Id }), body: Type.Object({ separatedOn: DateText, reason: Type.String({ maxLength: 20 }) }, { additionalProperties: false }), response: { 200: Employment } },
  }, async (request) => registry.separate(db, actor(request), BigInt(request.params.employerId), BigInt(request.params.id), request.body));

  app.post('/api/base-declarations', { config: { permission: 'registry.base.declare' },
    schema: {
      tags: ['registry'], summary: '缴费基数申报 Declare a contribution base: the first of a year is recorded (201); a correction of a declared year waits for a second person (202, sign-off kind registry.base_correction)',
      body: Type.Object({ employerId: Id, personId: Id, year: Year, monthlyWage: Yuan, reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }), response: BaseDeclarationAnswers,
    },
  }, async (request, reply) => answerBaseDeclaration(reply, await registry.declareBase(db, actor(request), request.body)));
  app.post('/api/base-declarations/:employerId/:id/confirm', { config: { permission: 'registry.base.confirm' },
    schema: { tags: ['registry'], summary: '职工签字确认 The employee confirms a declared base', params: Type.Object({ employerId: Id, id: Id }), response: { 200: BaseDeclaration } },
  }, async (request) => registry.confirmBase(db, actor(request), BigInt(request.params.employerId), BigInt(request.params.id)));
}
