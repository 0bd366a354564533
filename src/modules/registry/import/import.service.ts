/**
 * Bulk import (R1.5) of employers, persons and employments through the import pipeline (src/platform/imports):
 * every row is checked first (field rules, duplicates in the file and in the database, references, data scope); one
 * bad row → nothing is applied and every bad row is listed (and kept for the error workbook); a file imported before
 * answers with its first result. A good file is applied in one transaction with set-based inserts (unnest, in chunks).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inActorScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { fieldSaid, invalid } from '../../../platform/errors.ts';
import { requirePermission } from '../../../platform/access/permissions.ts';
import { reserveIds, idAt } from '../../../platform/ids.ts';
import { moreProblems, runImport, tableReader, type CheckedTable, type ImportDefinition, type ImportFile, type RowProblems } from '../../../platform/imports/index.ts';
import { lacksWorkInjuryClass, validateEmployer, validateHire, validatePerson, type FieldProblem, type EmployerInput, type PersonInput, type EmploymentInput } from '../registry.validate.ts';
import { importSchemas, type ImportKind } from './import.schema.ts';
import { onlyProvince } from '../../../platform/regions.ts';
import * as repository from './import.repository.ts';
import type { Said } from '../../../platform/messages.ts';
import { registryMessages as said } from '../registry.messages.ts';

const CHUNK = 5000;

export interface ImportResult { kind: ImportKind; imported: number; rows: number }

/** A registry row's own problems (registry.validate.ts) with the rule they break. */
function addFieldProblems(problems: RowProblems, row: number, list: FieldProblem[]) {
  for (const p of list) problems.add(row, p.field, p.rule ?? 'format', p.message);
}

/**
 * A row's region: its regionCode column, else the file's (--region / ?region=), else — for a person — the county of
 * the ID number when it is a known region in the actor's scope (GB 11643: digits 1–6 are the county of first
 * registration), else the actor's own region, else the only province.
 */
async function regionResolver(tx: Tx, actor: Actor, defaultRegion: string | undefined) {
  const regions = new Set((await repository.regionCodes(tx)).map((r) => r.code));
  const fallback = actor.regionCode ?? await onlyProvince(tx);
  return (requested: string | undefined, row: number, problems: RowProblems, idCounty?: string): string | undefined => {
    const county = idCounty && regions.has(idCounty) && inActorScope(actor, idCounty) ? idCounty : undefined;
    const code = requested ?? defaultRegion ?? county ?? fallback;
    if (!code) { problems.add(row, 'regionCode', 'required', said.regionRequiredNational()); return undefined; }
    if (!regions.has(code)) { problems.add(row, 'regionCode', 'known_region', said.unknownRegion({ code }), code); return undefined; }
    if (!inActorScope(actor, code)) { problems.add(row, 'regionCode', 'data_scope', said.regionOutsideScope({ code }), code); return undefined; }
    return code;
  };
}

function firstSeen(problems: RowProblems, seen: Map<string, number>, key: string, row: number, field: string, what: Said) {
  const earlier = seen.get(key);
  if (earlier !== undefined) { problems.add(row, field, 'unique_in_file', said.appearsAgain({ what, key, firstRow: earlier })); return false; }
  seen.set(key, row);
  return true;
}

type Persons = (PersonInput & { row: number; regionCode: string })[];

async function checkPersons(tx: Tx, actor: Actor, file: CheckedTable, defaultRegion?: string) {
  const problems = moreProblems(file);
  const region = await regionResolver(tx, actor, defaultRegion);
  const seen = new Map<string, number>();
  const good: Persons = [];
  for (const { row, values, valid } of file.rows) {
    if (!valid) continue;
    const result = validatePerson(values);
    if (!result.ok) { addFieldProblems(problems, row, result.problems); continue; }
    const regionCode = region(result.value.regionCode, row, problems, result.value.idNumber.slice(0, 6));
    if (!firstSeen(problems, seen, result.value.idNumber, row, 'idNumber', fieldSaid('idNumber'))) continue;
    if (regionCode) good.push({ ...result.value, row, regionCode });
  }
  for (let i = 0; i < good.length; i += CHUNK) {
    const chunk = good.slice(i, i + CHUNK);
    const existing = await repository.registeredIdNumbers(tx, chunk.map((p) => p.idNumber));
    const taken = new Set(existing.map((e) => e.id_number));
    for (const p of chunk) if (taken.has(p.idNumber)) problems.add(p.row, 'idNumber', 'one_record_per_person', said.personRegistered({ idNumber: p.idNumber }));
  }
  return { prepared: good, problems: problems.list };
}

async function insertPersons(tx: Tx, good: Persons) {
  const ids = reserveIds(good.length);
  for (let i = 0; i < good.length; i += CHUNK) {
    const chunk = good.slice(i, i + CHUNK);
    await repository.insertPersons(tx, chunk.map((_, k) => idAt(ids, i + k).toString()), chunk);
  }
  return good.length;
}

type Employers = (EmployerInput & { row: number; regionCode: string })[];

async function checkEmployers(tx: Tx, actor: Actor, file: CheckedTable, defaultRegion?: string) {
  const problems = moreProblems(file);
  const region = await regionResolver(tx, actor, defaultRegion);
  const seen = new Map<string, number>();
  const good: Employers = [];
  for (const { row, values, valid } of file.rows) {
    if (!valid) continue;
    const result = validateEmployer(values);
    if (!result.ok) { addFieldProblems(problems, row, result.problems); continue; }
    const regionCode = region(result.value.regionCode, row, problems);
    if (!firstSeen(problems, seen, result.value.creditCode, row, 'creditCode', fieldSaid('creditCode'))) continue;
    if (regionCode) good.push({ ...result.value, row, regionCode });
  }
  for (let i = 0; i < good.length; i += CHUNK) {
    const chunk = good.slice(i, i + CHUNK);
    const existing = await repository.registeredCreditCodes(tx, chunk.map((e) => e.creditCode));
    const taken = new Set(existing.map((e) => e.code));
    for (const e of chunk) if (taken.has(e.creditCode)) problems.add(e.row, 'creditCode', 'one_record_per_employer', said.employerRegistered({ creditCode: e.creditCode }));
  }
  return { prepared: good, problems: problems.list };
}

async function insertEmployers(tx: Tx, good: Employers) {
  const ids = reserveIds(good.length);
  for (let i = 0; i < good.length; i += CHUNK) {
    const chunk = good.slice(i, i + CHUNK);
    await repository.insertEmployers(tx, chunk.map((_, k) => idAt(ids, i + k).toString()), chunk);
  }
  return good.length;
}

type Hire = EmploymentInput & { row: number; creditCode: string; idNumber: string; monthlyWage?: bigint };
type Hires = (Hire & { employerId: bigint; personId: bigint; regionCode: string })[];

/** 用工登记 in bulk: employer by credit code, person by ID number (both in scope); optional first-year base. */
async function checkEmployments(tx: Tx, file: CheckedTable) {
  const problems = moreProblems(file);
  const candidates: Hire[] = [];
  const seen = new Map<string, number>();
  for (const { row, values, valid } of file.rows) {
    if (!valid) continue;
    const result = validateHire(values);
    if (!result.ok) addFieldProblems(problems, row, result.problems);
    const creditCode = String(values.creditCode ?? '').toUpperCase();
    const idNumber = String(values.idNumber ?? '').toUpperCase();
    if (!result.ok || !creditCode || !idNumber) continue;
    if (!firstSeen(problems, seen, `${creditCode}/${idNumber}`, row, 'idNumber', said.employee())) continue;
    candidates.push({ ...result.value, row, creditCode, idNumber, monthlyWage: values.monthlyWage as bigint | undefined });
  }
  const employers = new Map<string, Awaited<ReturnType<typeof repository.employersByCreditCodes>>[number]>();
  const persons = new Map<string, { id: bigint; birth_date: string }>();
  const open = new Set<string>();
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const chunk = candidates.slice(i, i + CHUNK);
    for (const e of await repository.employersByCreditCodes(tx, [...new Set(chunk.map((c) => c.creditCode))])) employers.set(e.credit_code, e);
    for (const p of await repository.personsByIdNumbers(tx, [...new Set(chunk.map((c) => c.idNumber))])) persons.set(p.id_number, p);
  }
  const good: Hires = [];
  for (const c of candidates) {
    const employer = employers.get(c.creditCode), person = persons.get(c.idNumber);
    if (!employer) problems.add(c.row, 'creditCode', 'known_employer', said.noEmployerInScope({ creditCode: c.creditCode }));
    if (!person) problems.add(c.row, 'idNumber', 'known_person', said.noPersonInScope({ idNumber: c.idNumber }));
    if (!employer || !person) continue;
    if (c.hiredOn < person.birth_date) { problems.add(c.row, 'hiredOn', 'after_birth', said.hiredBeforeBirth()); continue; }
    // as at the counter: no work-injury enrollment without a class to rate it (人社部发〔2015〕71号)
    if (lacksWorkInjuryClass(employer, c.insurances, c.hiredOn)) { problems.add(c.row, 'creditCode', 'work_injury_class', said.workInjuryClassRequired({ employer: employer.name })); continue; }
    good.push({ ...c, employerId: employer.id, personId: person.id, regionCode: employer.region_code });
  }
  for (let i = 0; i < good.length; i += CHUNK) {
    const chunk = good.slice(i, i + CHUNK);
    const existing = await repository.openEmploymentsAmong(tx, chunk);
    for (const e of existing) open.add(`${e.employer_id}/${e.person_id}`);
    for (const g of chunk) if (open.has(`${g.employerId}/${g.personId}`)) problems.add(g.row, 'idNumber', 'one_open_employment', said.employedBy({ idNumber: g.idNumber, creditCode: g.creditCode }));
  }
  return { prepared: good, problems: problems.list };
}

async function insertEmployments(tx: Tx, actor: Actor, good: Hires) {
  const employmentIds = reserveIds(good.length);
  const enrollmentCount = good.reduce((n, g) => n + g.insurances.length, 0);
  const enrollmentIds = reserveIds(enrollmentCount);
  const withBase = good.filter((g) => g.monthlyWage !== undefined);
  const baseIds = reserveIds(withBase.length);
  let enrollmentIndex = 0, baseIndex = 0;
  for (let i = 0; i < good.length; i += CHUNK) {
    const chunk = good.slice(i, i + CHUNK).map((g, k) => ({ ...g, employmentId: idAt(employmentIds, i + k) }));
    await repository.insertEmployments(tx, chunk);
    const enrollments = chunk.flatMap((g) => g.insurances.map((insurance) => ({ g, insurance, id: idAt(enrollmentIds, enrollmentIndex++) })));
    await repository.insertEnrollments(tx, enrollments);
    const bases = chunk.filter((g) => g.monthlyWage !== undefined).map((g) => ({ g, id: idAt(baseIds, baseIndex++) }));
    if (bases.length) await repository.insertBaseDeclarations(tx, actor.userId, bases);
  }
  return good.length;
}

type RegistryPrepared = { kind: 'persons'; good: Persons } | { kind: 'employers'; good: Employers } | { kind: 'employments'; good: Hires };

function registryImport(kind: ImportKind, defaultRegion: string | undefined): ImportDefinition<CheckedTable, RegistryPrepared, ImportResult> {
  return {
    kind,
    read: tableReader(importSchemas[kind]),
    async check(tx, actor, file) {
      const checked = kind === 'persons' ? { ...(await checkPersons(tx, actor, file, defaultRegion)), kind }
        : kind === 'employers' ? { ...(await checkEmployers(tx, actor, file, defaultRegion)), kind }
        : { ...(await checkEmployments(tx, file)), kind };
      return { prepared: { kind: checked.kind, good: checked.prepared } as RegistryPrepared, problems: checked.problems };
    },
    async apply(tx, actor, prepared) {
      const imported = prepared.kind === 'persons' ? await insertPersons(tx, prepared.good)
        : prepared.kind === 'employers' ? await insertEmployers(tx, prepared.good)
        : await insertEmployments(tx, actor, prepared.good);
      return { applied: imported, result: { kind, imported, rows: prepared.good.length } };
    },
  };
}

/** Imports a registry file all or nothing; the same file again answers with the first import's result. */
export async function importRegistryFile(database: DatabaseHandle, actor: Actor, kind: ImportKind, file: ImportFile, options: { regionCode?: string } = {}) {
  requirePermission(actor, 'registry.import');
  if (options.regionCode && !/^\d{6}$/.test(options.regionCode)) throw invalid('regionCode', said.regionCodeSixDigits());
  return runImport(database, actor, registryImport(kind, options.regionCode), file);
}
