/**
 * Registry rules (R1): one record per person and per employer, employment periods, enrollment per insurance and
 * contribution bases with full history. Every change is audited in its own transaction.
 */
import type { Selectable, SelectQueryBuilder } from 'kysely';
import type { DatabaseHandle, Tables } from '../../platform/database.ts';
import { inScope, inActorScope, type Actor, type Tx } from '../../platform/actor.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { formatYuan, parseYuan } from '../../platform/money.ts';
import { registerSignoffKind, submitForApproval, type ApprovalItemView } from '../../platform/signoff/index.ts';
import { recordAudit, listAudit } from '../../platform/audit/audit.service.ts';
import { requirePermission } from '../../platform/access/permissions.ts';
import { listMasking, listMaskingFor, maskPersonalData } from '../../platform/personal-data.ts';
import { keysetPage, listPage, type ListAnswer, type ListRequest, type SortKey } from '../../platform/http/lists.ts';
import * as repository from './registry.repository.ts';
import { regionLevel } from './identifiers.calc.ts';
import { orThrow, validateBase, validateEmployer, validateHire, validatePerson, requireWorkInjuryClass, validateSeparation } from './registry.validate.ts';
import { onlyProvince } from '../../platform/regions.ts';
import { fieldRules } from '../../platform/fields.messages.ts';
import type { Said } from '../../platform/messages.ts';
import { registryMessages as said } from './registry.messages.ts';

type Row<T extends keyof Tables> = Selectable<Tables[T]>;

const HOME_REGION = { code: process.env.SIFUND_REGION_CODE ?? '990000', name: process.env.SIFUND_REGION_NAME ?? '示范省' };

/** The installation's home province, created on first start, so a fresh system can register right away. */
export async function ensureHomeRegion(database: DatabaseHandle) {
  if (regionLevel(HOME_REGION.code) !== 'province') throw new Error(`SIFUND_REGION_CODE must be a province code like 990000, got ${HOME_REGION.code}`);
  await repository.insertHomeRegion(database, HOME_REGION);
}

/** Where a new record lives: the given region (must exist and be in the actor's scope), else the actor's own. */
async function resolveRegion(tx: Tx, actor: Actor, requested: string | undefined): Promise<string> {
  const code = requested ?? actor.regionCode ?? await onlyProvince(tx);
  if (!code) throw invalid('regionCode', said.regionRequiredNational());
  const region = await repository.findRegion(tx, code);
  if (!region) throw invalid('regionCode', said.unknownRegion({ code }));
  if (!inActorScope(actor, code)) throw forbidden(said.regionOutsideScope({ code }));
  return code;
}

// ── regions and agencies (R1.1) ─────────────────────────────────────────────

export const regionView = (row: Row<'region'>) => ({ code: row.code, name: row.name, level: row.level, parentCode: row.parent_code });

export async function listRegions(database: DatabaseHandle, actor: Actor) {
  return inScope(database, actor, async (tx) => (await repository.listRegions(tx)).map(regionView));
}

export async function createRegion(database: DatabaseHandle, actor: Actor, input: { code: string; name: string; parentCode?: string | null }) {
  requirePermission(actor, 'region.manage');
  const level = regionLevel(input.code);
  if (!level) throw invalid('code', said.regionCodeLevel());
  const expectedParent = level === 'province' ? null : level === 'city' ? `${input.code.slice(0, 2)}0000` : `${input.code.slice(0, 4)}00`;
  const parentCode = input.parentCode ?? expectedParent;
  if (parentCode !== expectedParent) {
    throw invalid('parentCode', expectedParent === null ? said.parentMustBeEmpty({ code: input.code }) : said.parentMustBe({ parent: expectedParent, level: said[level](), code: input.code }));
  }
  if (!input.name.trim()) throw invalid('name', fieldRules.required());
  return inScope(database, actor, async (tx) => {
    if (parentCode && !(await repository.findRegion(tx, parentCode))) throw invalid('parentCode', said.parentMissing({ parent: parentCode }));
    if (await repository.findRegion(tx, input.code)) throw conflict('code', said.regionExists({ code: input.code }));
    const row = await repository.insertRegion(tx, { code: input.code, name: input.name.trim(), level, parent_code: parentCode });
    await recordAudit(tx, actor, { action: 'region.create', entityType: 'region', entityId: row.code, regionCode: row.code, after: regionView(row) });
    return regionView(row);
  });
}

export async function listAgencies(database: DatabaseHandle, actor: Actor) {
  return inScope(database, actor, async (tx) => (await repository.listAgencies(tx)).map((row) => ({ id: row.id.toString(), regionCode: row.region_code, regionName: row.region_name, name: row.name })));
}

export async function createAgency(database: DatabaseHandle, actor: Actor, input: { regionCode: string; name: string }) {
  requirePermission(actor, 'agency.manage');
  if (!input.name.trim()) throw invalid('name', fieldRules.required());
  return inScope(database, actor, async (tx) => {
    if (!(await repository.findRegion(tx, input.regionCode))) throw invalid('regionCode', said.unknownRegion({ code: input.regionCode }));
    const row = await repository.insertAgency(tx, { id: newId(), region_code: input.regionCode, name: input.name.trim() });
    const view = { id: row.id.toString(), regionCode: row.region_code, name: row.name };
    await recordAudit(tx, actor, { action: 'agency.create', entityType: 'agency', entityId: row.id, regionCode: row.region_code, after: view });
    return view;
  });
}

// ── lists (issue 10: every row within reach, and the file of every match) ───

/**
 * A registry list over its query and order: `page` answers a page with its count (the list endpoint), `rows` the rows
 * past the cursor, uncounted (its file walks them, a transaction a page); both as the actor may see them.
 */
function registryList<Filter, QueryRow, View>(query: (tx: Tx, filter: Filter) => SelectQueryBuilder<any, any, QueryRow>, order: readonly SortKey[], views: (actor: Actor) => (rows: QueryRow[]) => View[]) {
  return {
    page: (database: DatabaseHandle, actor: Actor, filter: Filter, request: ListRequest): Promise<ListAnswer<View>> =>
      inScope(database, actor, (tx) => listPage(tx, query(tx, filter), order, request, views(actor))),
    rows: (database: DatabaseHandle, actor: Actor, filter: Filter, request: ListRequest): Promise<{ items: View[]; nextCursor: string | null }> =>
      inScope(database, actor, async (tx) => {
        const page = await keysetPage(query(tx, filter), order, request);
        return { items: views(actor)(page.items), nextCursor: page.nextCursor };
      }),
  };
}

// ── employers (R1.2) ────────────────────────────────────────────────────────

export const employerView = (row: Row<'employer'>) => ({
  id: row.id.toString(), creditCode: row.credit_code, name: row.name, regionCode: row.region_code, industryCode: row.industry_code,
  workInjuryClass: row.work_injury_class, workInjuryFloat: row.work_injury_float, employerType: row.employer_type, status: row.status,
});

export async function createEmployer(database: DatabaseHandle, actor: Actor, body: Record<string, unknown>) {
  requirePermission(actor, 'registry.employer.create');
  const input = orThrow(validateEmployer(body));
  return inScope(database, actor, async (tx) => {
    const regionCode = await resolveRegion(tx, actor, input.regionCode);
    const existing = await repository.employerIdByCreditCode(tx, input.creditCode);
    if (existing) throw conflict('creditCode', said.employerRegistered({ creditCode: input.creditCode }));
    const row = await repository.insertEmployer(tx, {
      id: newId(), credit_code: input.creditCode, name: input.name, region_code: regionCode, industry_code: input.industryCode ?? null,
      work_injury_class: input.workInjuryClass ?? null, employer_type: input.employerType,
    }).catch(duplicate('creditCode', said.employerRegistered({ creditCode: input.creditCode })));
    const view = employerView(row);
    await recordAudit(tx, actor, { action: 'employer.create', entityType: 'employer', entityId: row.id, regionCode, after: view });
    return view;
  });
}

/** A unique violation from a record registered in another region (invisible here) is still a 409. */
function duplicate(field: string, message: Said) {
  return (error: unknown): never => {
    if ((error as { code?: string }).code === '23505') throw conflict(field, message);
    throw error;
  };
}

/** 参保单位查询 in credit-code order (a unique column: the index answers every page, the id breaks no tie but ends the keyset). */
const byCreditCode: SortKey[] = [{ by: 'employer.credit_code', direction: 'asc' }, { by: 'employer.id', direction: 'asc' }];

type EmployerListRow = Awaited<ReturnType<ReturnType<typeof repository.employersQuery>['execute']>>[number];

const employerListView = (row: EmployerListRow) => ({
  id: row.id.toString(), creditCode: row.credit_code, name: row.name, regionCode: row.region_code, regionName: row.region_name,
  industryCode: row.industry_code, workInjuryClass: row.work_injury_class, employerType: row.employer_type, status: row.status,
  employeeCount: Number(row.employee_count ?? 0),
});
export type EmployerListView = ReturnType<typeof employerListView>;

/** 参保单位: a page with its count, and the rows past a cursor for the file of every match. */
export const employerList = registryList(repository.employersQuery, byCreditCode, () => (rows) => rows.map(employerListView));

/** The employer as registered, when it is in the actor's scope (404 otherwise). */
export async function findEmployer(database: DatabaseHandle, actor: Actor, id: bigint) {
  return inScope(database, actor, async (tx) => {
    const employer = await repository.findEmployer(tx, id);
    if (!employer) throw notFound(said.employer());
    return employerView(employer);
  });
}

/** 参保单位详情: the registration, how many it employs now and its change history (its employees are a list of their own). */
export async function employerDetail(database: DatabaseHandle, actor: Actor, id: bigint) {
  return inScope(database, actor, async (tx) => {
    const employer = await repository.findEmployer(tx, id);
    if (!employer) throw notFound(said.employer());
    const [employeeCount, history] = await Promise.all([
      repository.currentEmployeeCount(tx, id),
      listAudit(tx, { entityType: 'employer', entityId: id.toString(), limit: 200 }),
    ]);
    return { employer: employerView(employer), employeeCount, history };
  });
}

/** 职工名册 newest hire first (migrations/0020: one employer's rows in this order are an index range). */
const newestHireFirst: SortKey[] = [{ by: 'employment.hired_on', direction: 'desc' }, { by: 'employment.id', direction: 'desc' }];

type EmployeeRow = Awaited<ReturnType<ReturnType<typeof repository.employeesQuery>['execute']>>[number];

/** An employer's employees as lists show them: the ID number masked by policy (privacy.list_masking) unless the actor's work needs it. */
function employeeViews(actor: Actor) {
  const masking = listMaskingFor(actor);
  return (rows: EmployeeRow[]) => rows.map((row) => maskPersonalData({
    employmentId: row.employment_id.toString(), personId: row.person_id.toString(), idNumber: row.id_number, name: row.name,
    hiredOn: row.hired_on, separatedOn: row.separated_on, separationReason: row.separation_reason,
  }, masking));
}
export type EmployeeView = ReturnType<ReturnType<typeof employeeViews>>[number];

/** 职工名册 of one employer (current, separated or both; by full ID number or name prefix): a page, or the rows for its file. */
export const employeeList = registryList(repository.employeesQuery, newestHireFirst, employeeViews);

// ── persons (R1.3) ──────────────────────────────────────────────────────────

export const personView = (row: Row<'person'>) => ({
  id: row.id.toString(), idNumber: row.id_number, name: row.name, gender: row.gender, birthDate: row.birth_date,
  hukouType: row.hukou_type, occupation: row.occupation, phone: row.phone, regionCode: row.region_code,
});

export async function createPerson(database: DatabaseHandle, actor: Actor, body: Record<string, unknown>) {
  return inScope(database, actor, (tx) => createPersonInTransaction(tx, actor, body));
}

/** 参保人员登记 in the caller's transaction (an approved employer request registers its new employee with its effect). */
export async function createPersonInTransaction(tx: Tx, actor: Actor, body: Record<string, unknown>) {
  requirePermission(actor, 'registry.person.create');
  const input = orThrow(validatePerson(body));
  const regionCode = await resolveRegion(tx, actor, input.regionCode);
  const row = await repository.insertPerson(tx, {
    id: newId(), id_number: input.idNumber, name: input.name, gender: input.gender, birth_date: input.birthDate,
    hukou_type: input.hukouType ?? null, occupation: input.occupation ?? null, phone: input.phone ?? null, region_code: regionCode,
  }).catch(duplicate('idNumber', said.personRegistered({ idNumber: input.idNumber })));
  const view = personView(row);
  await recordAudit(tx, actor, { action: 'person.create', entityType: 'person', entityId: row.id, regionCode, after: view });
  return view;
}

/** 参保人员查询 in ID-number order (unique: the index answers every page). */
const byIdNumber: SortKey[] = [{ by: 'person.id_number', direction: 'asc' }, { by: 'person.id', direction: 'asc' }];

type PersonListRow = Awaited<ReturnType<ReturnType<typeof repository.personsQuery>['execute']>>[number];

/**
 * Persons as lists and their files show them: ID numbers masked by policy (privacy.list_masking) unless the actor
 * holds personal.full.read, the birth date left out (with the masked number it would give the hidden digits back).
 */
function personViews(actor: Actor) {
  const masking = listMaskingFor(actor);
  return (rows: PersonListRow[]) => rows.map((row) => maskPersonalData({
    id: row.id.toString(), idNumber: row.id_number, name: row.name, gender: row.gender,
    hukouType: row.hukou_type, regionCode: row.region_code, regionName: row.region_name,
  }, masking));
}
export type PersonListView = ReturnType<ReturnType<typeof personViews>>[number];

/** What the persons list is asked: `employer` is the employer's id as the API writes it. */
export interface PersonQuery { q?: string; employer?: string; region?: string }

/** 参保人员: a page with its count, and the rows past a cursor for the file of every match. */
export const personList = registryList(
  (tx, filter: PersonQuery) => repository.personsQuery(tx, { q: filter.q, region: filter.region, employerId: filter.employer === undefined ? undefined : BigInt(filter.employer) }),
  byIdNumber, personViews,
);

/**
 * 参保人员详情: the ID and phone numbers masked as in lists; `reveal` answers them in full to a holder of
 * personal.full.read and records who saw whose numbers, when (个人信息保护法 第五十一条: access control and audit).
 */
export async function personDetail(database: DatabaseHandle, actor: Actor, id: bigint, options: { reveal?: boolean } = {}) {
  if (options.reveal) requirePermission(actor, 'personal.full.read');
  const masking = listMasking(actor.regionCode);
  return inScope(database, actor, async (tx) => {
    const person = await repository.findPerson(tx, id);
    if (!person) throw notFound(said.person());
    if (options.reveal) {
      await recordAudit(tx, actor, { action: 'person.personal_data.reveal', entityType: 'person', entityId: id, regionCode: person.region_code, after: { fields: ['idNumber', 'phone'] } });
    }
    const [employments, enrollments, bases, history] = await Promise.all([
      repository.employmentsOfPerson(tx, id), repository.enrollmentsOfPerson(tx, id), repository.basesOfPerson(tx, id),
      listAudit(tx, { entityType: 'person', entityId: id.toString(), limit: 200 }),
    ]);
    return {
      person: options.reveal ? personView(person) : maskPersonalData(personView(person), masking),
      employments: employments.map((row) => ({
        id: row.id.toString(), employerId: row.employer_id.toString(), employerName: row.employer_name, creditCode: row.credit_code,
        hiredOn: row.hired_on, separatedOn: row.separated_on, separationReason: row.separation_reason,
      })),
      enrollments: enrollments.map((row) => ({ id: row.id.toString(), employmentId: row.employment_id.toString(), employerId: row.employer_id.toString(), insurance: row.insurance, validFrom: row.valid_from, validTo: row.valid_to })),
      baseDeclarations: bases.map(baseView),
      history,
    };
  });
}

// ── employment and enrollment (R1.4) ────────────────────────────────────────

export const employmentView = (row: Row<'employment'>) => ({
  id: row.id.toString(), employerId: row.employer_id.toString(), personId: row.person_id.toString(), regionCode: row.region_code,
  hiredOn: row.hired_on, separatedOn: row.separated_on, separationReason: row.separation_reason,
});

/** 用工登记: opens an employment and enrolls it in the given insurances from the hire date. */
export async function hire(database: DatabaseHandle, actor: Actor, body: { employerId: string; personId: string } & Record<string, unknown>) {
  return inScope(database, actor, (tx) => hireInTransaction(tx, actor, body));
}

export async function hireInTransaction(tx: Tx, actor: Actor, body: { employerId: string; personId: string } & Record<string, unknown>) {
  requirePermission(actor, 'registry.employment.write');
  const input = orThrow(validateHire(body));
  const employer = await repository.findEmployer(tx, BigInt(body.employerId));
  if (!employer) throw new AppError(404, 'not_found', said.employerNotFound(), 'employerId');
  const person = await repository.findPerson(tx, BigInt(body.personId));
  if (!person) throw new AppError(404, 'not_found', said.personNotFound(), 'personId');
  if (input.hiredOn < person.birth_date) throw invalid('hiredOn', said.hiredBeforeBirth());
  requireWorkInjuryClass(employer, input.insurances, input.hiredOn);
  const open = await repository.openEmploymentAt(tx, employer.id, person.id);
  if (open) throw conflict('personId', said.alreadyEmployed({ person: person.name, employer: employer.name, since: open.hired_on }));
  const employment = await repository.insertEmployment(tx, {
    employer_id: employer.id, id: newId(), person_id: person.id, region_code: employer.region_code, hired_on: input.hiredOn,
    separated_on: null, separation_reason: null,
  });
  await repository.insertEnrollments(tx, input.insurances.map((insurance) => ({
    employer_id: employer.id, id: newId(), employment_id: employment.id, person_id: person.id, insurance, region_code: employer.region_code, valid_from: input.hiredOn, valid_to: null,
  })));
  const view = { ...employmentView(employment), insurances: input.insurances };
  await recordAudit(tx, actor, { action: 'employment.hire', entityType: 'person', entityId: person.id, regionCode: employer.region_code, after: view });
  return view;
}

/** 退工: closes an employment and its open enrollments; done once, never rewritten. */
export async function separate(database: DatabaseHandle, actor: Actor, employerId: bigint, employmentId: bigint, body: Record<string, unknown>) {
  return inScope(database, actor, (tx) => separateInTransaction(tx, actor, employerId, employmentId, body));
}

export async function separateInTransaction(tx: Tx, actor: Actor, employerId: bigint, employmentId: bigint, body: Record<string, unknown>) {
  requirePermission(actor, 'registry.employment.write');
  const before = await repository.findEmployment(tx, employerId, employmentId);
  if (!before) throw notFound(said.employment());
  if (before.separated_on) throw conflict('separatedOn', said.employmentEnded({ separatedOn: before.separated_on }));
  const input = orThrow(validateSeparation(body, before.hired_on));
  const after = await repository.separateEmployment(tx, employerId, employmentId, { separatedOn: input.separatedOn, reason: input.reason });
  await repository.endOpenEnrollments(tx, employerId, employmentId, input.separatedOn);
  await recordAudit(tx, actor, { action: 'employment.separate', entityType: 'person', entityId: before.person_id, regionCode: before.region_code, before: employmentView(before), after: employmentView(after) });
  return employmentView(after);
}

// ── contribution base declarations (R1.4) ───────────────────────────────────

export const baseView = (row: Row<'base_declaration'> & { employer_name?: string }) => ({
  id: row.id.toString(), employerId: row.employer_id.toString(), employerName: row.employer_name, personId: row.person_id.toString(),
  year: row.year, version: row.version, monthlyWage: formatYuan(row.monthly_wage), reason: row.reason,
  declaredAt: row.declared_at.toISOString(), employeeConfirmedAt: row.employee_confirmed_at?.toISOString() ?? null,
});

/** What a declaration became: recorded at once (the first of its year), or a correction waiting for a second person. */
export type BaseDeclarationOutcome = { declared: ReturnType<typeof baseView> } | { correction: ApprovalItemView };

/**
 * 缴费基数申报: each declaration is a new version. The first of a year (年度申报, 新参保申报) is recorded at once and
 * confirmed by the employee's signature; a correction of a year already declared (更正) must say why and changes a
 * base bills may already rest on, so it is a high-risk sign-off item (seed 004 篇7: 缴费基数审核业务中的缴费基数)
 * recorded only when a second person approves it — whoever asks, staff at the counter or an employer account online
 * (网上申报, for its own employees only).
 */
export async function declareBase(database: DatabaseHandle, actor: Actor, body: { employerId: string; personId: string } & Record<string, unknown>): Promise<BaseDeclarationOutcome> {
  requirePermission(actor, 'registry.base.declare');
  if (actor.role === 'employer' && actor.employerId?.toString() !== body.employerId) throw forbidden(said.ownEmployeesOnly());
  const input = orThrow(validateBase(body));
  return inScope(database, actor, async (tx) => {
    const employerId = BigInt(body.employerId), personId = BigInt(body.personId);
    const employer = await repository.findEmployer(tx, employerId);
    if (!employer) throw new AppError(404, 'not_found', said.employerNotFound(), 'employerId');
    if (!(await repository.employmentInYear(tx, employerId, personId, input.year))) {
      throw invalid('year', said.noEmploymentInYear({ employer: employer.name, year: input.year }));
    }
    const previous = await repository.latestBaseVersion(tx, employerId, personId, input.year);
    if (!previous) return { declared: await recordBaseVersion(tx, actor, { employerId, personId, regionCode: employer.region_code, year: input.year, monthlyWage: input.monthlyWage, reason: input.reason ?? null, declaredBy: actor.userId }, undefined) };
    if (!input.reason) throw invalid('reason', said.correctionNeedsReason({ year: input.year, version: previous.version }));
    const person = await repository.findPerson(tx, personId);
    const change = `${formatYuan(previous.monthly_wage)} → ${formatYuan(input.monthlyWage)}`;
    return { correction: await submitForApproval(tx, actor, baseCorrectionSignoff, {
      regionCode: employer.region_code, title: `缴费基数更正 ${employer.name} ${person?.name ?? personId} ${input.year}年 ${change}`,
      subjectKey: `base-correction:${employerId}:${personId}:${input.year}`,
      payload: {
        employerId: employerId.toString(), personId: personId.toString(), year: input.year, monthlyWage: formatYuan(input.monthlyWage), reason: input.reason,
        correctsVersion: previous.version, previousMonthlyWage: formatYuan(previous.monthly_wage),
      },
      comment: input.reason,
    }) };
  });
}

type BaseCorrectionPayload = { employerId: string; personId: string; year: number; monthlyWage: string; reason: string; correctsVersion: number; previousMonthlyWage: string };

/**
 * 缴费基数更正 as a sign-off kind: one level (复核) by a second person — a reviewer, an approver, or the auditor who
 * tracks high-risk business (seed 004 篇7: 该类业务应由稽核审计…协同跟踪); the requester never signs (separation of
 * duties by user id). Approval records the new version as the requester's declaration, in the approval's transaction;
 * a correction overtaken by another version of the same year is refused at approval.
 */
export const baseCorrectionSignoff = registerSignoffKind<BaseCorrectionPayload>({
  kind: 'registry.base_correction',
  label: '缴费基数更正',
  parameters: 'signoff.base_correction',
  requestPermission: 'registry.base.declare',
  levels: [{ name: 'review', label: '复核', permission: 'registry.base.correction.review' }],
  effect: async (tx, approver, item) => {
    const correction = item.payload;
    const employerId = BigInt(correction.employerId), personId = BigInt(correction.personId);
    const previous = await repository.latestBaseVersion(tx, employerId, personId, correction.year);
    if (previous?.version !== correction.correctsVersion) {
      throw conflict('year', said.correctionOvertaken({ year: correction.year, version: correction.correctsVersion, latest: previous?.version ?? 0 }));
    }
    const declaration = await recordBaseVersion(tx, approver, {
      employerId, personId, regionCode: item.regionCode, year: correction.year, monthlyWage: parseYuan(correction.monthlyWage, 'monthlyWage'),
      reason: correction.reason, declaredBy: item.submittedById,
    }, { previous, approvalItemId: item.id.toString(), requestedBy: item.submittedBy });
    return { declaration };
  },
  subjectLink: (payload) => `/persons/${payload.personId}`,
});

/** Writes the next version of a year's base and its audit record (base.declare, or base.correct with what it corrects). */
async function recordBaseVersion(tx: Tx, actor: Actor,
  input: { employerId: bigint; personId: bigint; regionCode: string; year: number; monthlyWage: bigint; reason: string | null; declaredBy: bigint | null },
  correction: { previous: Row<'base_declaration'>; approvalItemId: string; requestedBy: string } | undefined) {
  const row = await repository.insertBaseDeclaration(tx, {
    employer_id: input.employerId, id: newId(), person_id: input.personId, region_code: input.regionCode, year: input.year,
    version: (correction?.previous.version ?? 0) + 1, monthly_wage: input.monthlyWage, reason: input.reason, declared_by: input.declaredBy, employee_confirmed_at: null,
  });
  const view = baseView(row);
  await recordAudit(tx, actor, { action: correction ? 'base.correct' : 'base.declare', entityType: 'person', entityId: input.personId, regionCode: input.regionCode,
    before: correction ? baseView(correction.previous) : undefined,
    after: correction ? { ...view, approvalItemId: correction.approvalItemId, requestedBy: correction.requestedBy } : view });
  return view;
}

/** 职工签字确认: the employee confirms the declared base (once). */
export async function confirmBase(database: DatabaseHandle, actor: Actor, employerId: bigint, id: bigint) {
  requirePermission(actor, 'registry.base.confirm');
  if (actor.role === 'person' && actor.personId === null) throw forbidden(said.notAllowed());
  return inScope(database, actor, async (tx) => {
    const before = await repository.findBaseDeclaration(tx, employerId, id);
    if (!before || (actor.role === 'person' && before.person_id !== actor.personId)) throw notFound(said.baseDeclaration());
    if (before.employee_confirmed_at) throw conflict('id', said.alreadyConfirmed({ confirmedAt: before.employee_confirmed_at.toISOString() }));
    const after = await repository.confirmBaseDeclaration(tx, employerId, id, new Date());
    await recordAudit(tx, actor, { action: 'base.confirm', entityType: 'person', entityId: before.person_id, regionCode: before.region_code, before: baseView(before), after: baseView(after) });
    return baseView(after);
  });
}
