/**
 * Bulk import (R1.5): all or nothing. Every row is validated first (field rules, duplicates in the file and in
 * the database, references, data scope); one bad row → nothing is applied and every bad row is listed.
 * A good file is applied in one transaction with set-based inserts (unnest of arrays, in chunks).
 */
import crypto from 'node:crypto';
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, inActorScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { invalid, rejectedRows, type RowProblem } from '../../../platform/errors.ts';
import { requirePermission } from '../../../platform/access/permissions.ts';
import { reserveIds, idAt } from '../../../platform/ids.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { parseYuan } from '../../../platform/money.ts';
import { validateEmployer, validateHire, validatePerson, type EmployerInput, type PersonInput, type EmploymentInput } from '../registry.validate.ts';
import { parseImportFile, type ImportKind, type ParsedRow } from './import.parse.ts';
import { onlyProvince } from '../../../platform/regions.ts';
import * as repository from './import.repository.ts';

const CHUNK = 5000;

export interface ImportResult { kind: ImportKind; imported: number; rows: number; sha256: string }

class Problems {
  readonly list: RowProblem[] = [];
  add(row: number, field: string, message: string) { this.list.push({ row, field, message }); }
  addAll(row: number, problems: { field: string; message: string }[]) { for (const p of problems) this.add(row, p.field, p.message); }
  throwIfAny(total: number) {
    if (!this.list.length) return;
    this.list.sort((a, b) => a.row - b.row);
    const rows = new Set(this.list.map((p) => p.row)).size;
    throw rejectedRows(`${rows} of ${total} rows have problems; nothing was imported (共 ${rows} 行有误，未导入任何数据)`, this.list);
  }
}

async function regionResolver(tx: Tx, actor: Actor, defaultRegion: string | undefined) {
  const regions = new Set((await repository.regionCodes(tx)).map((r) => r.code));
  const fallback = defaultRegion ?? actor.regionCode ?? await onlyProvince(tx);
  return (requested: string | undefined, row: number, problems: Problems): string | undefined => {
    const code = requested ?? fallback;
    if (!code) { problems.add(row, 'regionCode', 'is required (your account has the national scope)'); return undefined; }
    if (!regions.has(code)) { problems.add(row, 'regionCode', `unknown region ${code}`); return undefined; }
    if (!inActorScope(actor, code)) { problems.add(row, 'regionCode', `region ${code} is outside your data scope`); return undefined; }
    return code;
  };
}

function firstSeen(problems: Problems, seen: Map<string, number>, key: string, row: number, field: string, label: string) {
  const earlier = seen.get(key);
  if (earlier !== undefined) { problems.add(row, field, `${label} ${key} appears again (first on row ${earlier})`); return false; }
  seen.set(key, row);
  return true;
}

async function importPersons(tx: Tx, actor: Actor, rows: ParsedRow[], defaultRegion?: string) {
  const problems = new Problems();
  const region = await regionResolver(tx, actor, defaultRegion);
  const seen = new Map<string, number>();
  const good: (PersonInput & { row: number; regionCode: string })[] = [];
  for (const { row, values } of rows) {
    const result = validatePerson(values);
    if (!result.ok) { problems.addAll(row, result.problems); continue; }
    const regionCode = region(result.value.regionCode, row, problems);
    if (!firstSeen(problems, seen, result.value.idNumber, row, 'idNumber', 'ID number')) continue;
    if (regionCode) good.push({ ...result.value, row, regionCode });
  }
  for (let i = 0; i < good.length; i += CHUNK) {
    const chunk = good.slice(i, i + CHUNK);
    const existing = await repository.registeredIdNumbers(tx, chunk.map((p) => p.idNumber));
    const taken = new Set(existing.map((e) => e.id_number));
    for (const p of chunk) if (taken.has(p.idNumber)) problems.add(p.row, 'idNumber', `a person with ID number ${p.idNumber} is already registered (一人一档)`);
  }
  problems.throwIfAny(rows.length);
  const ids = reserveIds(good.length);
  for (let i = 0; i < good.length; i += CHUNK) {
    const chunk = good.slice(i, i + CHUNK);
    await repository.insertPersons(tx, chunk.map((_, k) => idAt(ids, i + k).toString()), chunk);
  }
  return good.length;
}

async function importEmployers(tx: Tx, actor: Actor, rows: ParsedRow[], defaultRegion?: string) {
  const problems = new Problems();
  const region = await regionResolver(tx, actor, defaultRegion);
  const seen = new Map<string, number>();
  const good: (EmployerInput & { row: number; regionCode: string })[] = [];
  for (const { row, values } of rows) {
    const result = validateEmployer(values);
    if (!result.ok) { problems.addAll(row, result.problems); continue; }
    const regionCode = region(result.value.regionCode, row, problems);
    if (!firstSeen(problems, seen, result.value.creditCode, row, 'creditCode', 'credit code')) continue;
    if (regionCode) good.push({ ...result.value, row, regionCode });
  }
  for (let i = 0; i < good.length; i += CHUNK) {
    const chunk = good.slice(i, i + CHUNK);
    const existing = await repository.registeredCreditCodes(tx, chunk.map((e) => e.creditCode));
    const taken = new Set(existing.map((e) => e.code));
    for (const e of chunk) if (taken.has(e.creditCode)) problems.add(e.row, 'creditCode', `employer ${e.creditCode} is already registered`);
  }
  problems.throwIfAny(rows.length);
  const ids = reserveIds(good.length);
  for (let i = 0; i < good.length; i += CHUNK) {
    const chunk = good.slice(i, i + CHUNK);
    await repository.insertEmployers(tx, chunk.map((_, k) => idAt(ids, i + k).toString()), chunk);
  }
  return good.length;
}

/** 用工登记 in bulk: employer by credit code, person by ID number (both in scope); optional first-year base. */
async function importEmployments(tx: Tx, actor: Actor, rows: ParsedRow[]) {
  const problems = new Problems();
  type Good = EmploymentInput & { row: number; creditCode: string; idNumber: string; monthlyWage?: bigint };
  const candidates: Good[] = [];
  const seen = new Map<string, number>();
  for (const { row, values } of rows) {
    const result = validateHire(values);
    if (!result.ok) problems.addAll(row, result.problems);
    const creditCode = (values.creditCode ?? '').trim().toUpperCase();
    const idNumber = (values.idNumber ?? '').trim().toUpperCase();
    if (!creditCode) problems.add(row, 'creditCode', 'is required');
    if (!idNumber) problems.add(row, 'idNumber', 'is required');
    let monthlyWage: bigint | undefined;
    if (values.monthlyWage) {
      try { monthlyWage = parseYuan(values.monthlyWage, 'monthlyWage'); } catch { problems.add(row, 'monthlyWage', 'must be an amount in yuan with at most two decimals'); }
    }
    if (!result.ok || !creditCode || !idNumber) continue;
    if (!firstSeen(problems, seen, `${creditCode}/${idNumber}`, row, 'idNumber', 'employee')) continue;
    candidates.push({ ...result.value, row, creditCode, idNumber, monthlyWage });
  }
  const employers = new Map<string, { id: bigint; region_code: string }>();
  const persons = new Map<string, { id: bigint; birth_date: string }>();
  const open = new Set<string>();
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const chunk = candidates.slice(i, i + CHUNK);
    for (const e of await repository.employersByCreditCodes(tx, [...new Set(chunk.map((c) => c.creditCode))])) employers.set(e.credit_code, e);
    for (const p of await repository.personsByIdNumbers(tx, [...new Set(chunk.map((c) => c.idNumber))])) persons.set(p.id_number, p);
  }
  const good: (Good & { employerId: bigint; personId: bigint; regionCode: string })[] = [];
  for (const c of candidates) {
    const employer = employers.get(c.creditCode), person = persons.get(c.idNumber);
    if (!employer) problems.add(c.row, 'creditCode', `no employer ${c.creditCode} in your data scope`);
    if (!person) problems.add(c.row, 'idNumber', `no person ${c.idNumber} in your data scope (register the person first)`);
    if (!employer || !person) continue;
    if (c.hiredOn < person.birth_date) { problems.add(c.row, 'hiredOn', 'is before the person was born'); continue; }
    good.push({ ...c, employerId: employer.id, personId: person.id, regionCode: employer.region_code });
  }
  for (let i = 0; i < good.length; i += CHUNK) {
    const chunk = good.slice(i, i + CHUNK);
    const existing = await repository.openEmploymentsAmong(tx, chunk);
    for (const e of existing) open.add(`${e.employer_id}/${e.person_id}`);
    for (const g of chunk) if (open.has(`${g.employerId}/${g.personId}`)) problems.add(g.row, 'idNumber', `${g.idNumber} is already employed by ${g.creditCode}`);
  }
  problems.throwIfAny(rows.length);

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
    if (bases.length) {
      await repository.insertBaseDeclarations(tx, actor.userId, bases);
    }
  }
  return good.length;
}

export async function importRegistryFile(database: DatabaseHandle, actor: Actor, kind: ImportKind, fileName: string, content: Buffer, options: { regionCode?: string } = {}): Promise<ImportResult> {
  requirePermission(actor, 'registry.import');
  if (options.regionCode && !/^\d{6}$/.test(options.regionCode)) throw invalid('regionCode', 'must be a six-digit region code');
  const rows = await parseImportFile(kind, fileName, content);
  const sha256 = crypto.createHash('sha256').update(content).digest('hex');
  return inScope(database, actor, async (tx) => {
    const imported = kind === 'persons' ? await importPersons(tx, actor, rows, options.regionCode)
      : kind === 'employers' ? await importEmployers(tx, actor, rows, options.regionCode)
      : await importEmployments(tx, actor, rows);
    await recordAudit(tx, actor, { action: `import.${kind}`, entityType: 'import', entityId: sha256.slice(0, 16), after: { fileName, sha256, rows: rows.length, imported } });
    return { kind, imported, rows: rows.length, sha256 };
  });
}
