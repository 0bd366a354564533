/**
 * Bulk import (R1.5): all or nothing. Every row is validated first (field rules, duplicates in the file and in
 * the database, references, data scope); one bad row → nothing is applied and every bad row is listed.
 * A good file is applied in one transaction with set-based inserts (unnest of arrays, in chunks).
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, inActorScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { forbidden, invalid, rejectedRows, type RowProblem } from '../../../platform/errors.ts';
import { requirePermission } from '../../../platform/access/permissions.ts';
import { reserveIds, idAt } from '../../../platform/ids.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { parseYuan } from '../../../platform/money.ts';
import { validateEmployer, validateHire, validatePerson, type EmployerInput, type PersonInput, type EmploymentInput } from '../registry.validate.ts';
import { parseImportFile, type ImportKind, type ParsedRow } from './import.parse.ts';
import { onlyProvince } from '../../../platform/regions.ts';

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
  const regions = new Set((await tx.selectFrom('region').select('code').execute()).map((r) => r.code));
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
    const { rows: existing } = await sql<{ id_number: string }>`select registered_id_numbers(${chunk.map((p) => p.idNumber)}::text[]) as id_number`.execute(tx);
    const taken = new Set(existing.map((e) => e.id_number));
    for (const p of chunk) if (taken.has(p.idNumber)) problems.add(p.row, 'idNumber', `a person with ID number ${p.idNumber} is already registered (一人一档)`);
  }
  problems.throwIfAny(rows.length);
  const ids = reserveIds(good.length);
  for (let i = 0; i < good.length; i += CHUNK) {
    const chunk = good.slice(i, i + CHUNK);
    await sql`insert into person (id, id_number, name, gender, birth_date, hukou_type, occupation, phone, region_code)
      select * from unnest(${chunk.map((_, k) => idAt(ids, i + k).toString())}::bigint[], ${chunk.map((p) => p.idNumber)}::text[],
        ${chunk.map((p) => p.name)}::text[], ${chunk.map((p) => p.gender)}::text[], ${chunk.map((p) => p.birthDate)}::date[],
        ${chunk.map((p) => p.hukouType ?? null)}::text[], ${chunk.map((p) => p.occupation ?? null)}::text[], ${chunk.map((p) => p.phone ?? null)}::text[],
        ${chunk.map((p) => p.regionCode)}::text[])`.execute(tx);
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
    const { rows: existing } = await sql<{ code: string }>`select registered_credit_codes(${chunk.map((e) => e.creditCode)}::text[]) as code`.execute(tx);
    const taken = new Set(existing.map((e) => e.code));
    for (const e of chunk) if (taken.has(e.creditCode)) problems.add(e.row, 'creditCode', `employer ${e.creditCode} is already registered`);
  }
  problems.throwIfAny(rows.length);
  const ids = reserveIds(good.length);
  for (let i = 0; i < good.length; i += CHUNK) {
    const chunk = good.slice(i, i + CHUNK);
    await sql`insert into employer (id, credit_code, name, region_code, industry_code, work_injury_class, employer_type)
      select * from unnest(${chunk.map((_, k) => idAt(ids, i + k).toString())}::bigint[], ${chunk.map((e) => e.creditCode)}::text[],
        ${chunk.map((e) => e.name)}::text[], ${chunk.map((e) => e.regionCode)}::text[], ${chunk.map((e) => e.industryCode ?? null)}::text[],
        ${chunk.map((e) => e.workInjuryClass ?? null)}::smallint[], ${chunk.map((e) => e.employerType ?? 'enterprise')}::text[])`.execute(tx);
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
    for (const e of await tx.selectFrom('employer').select(['id', 'credit_code', 'region_code']).where('credit_code', 'in', [...new Set(chunk.map((c) => c.creditCode))]).execute()) employers.set(e.credit_code, e);
    for (const p of await tx.selectFrom('person').select(['id', 'id_number', 'birth_date']).where('id_number', 'in', [...new Set(chunk.map((c) => c.idNumber))]).execute()) persons.set(p.id_number, p);
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
    const { rows: existing } = await sql<{ employer_id: bigint; person_id: bigint }>`select employer_id, person_id from employment
      where separated_on is null and (employer_id, person_id) in (select * from unnest(${chunk.map((g) => g.employerId.toString())}::bigint[], ${chunk.map((g) => g.personId.toString())}::bigint[]))`.execute(tx);
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
    await sql`insert into employment (employer_id, id, person_id, region_code, hired_on)
      select * from unnest(${chunk.map((g) => g.employerId.toString())}::bigint[], ${chunk.map((g) => g.employmentId.toString())}::bigint[],
        ${chunk.map((g) => g.personId.toString())}::bigint[], ${chunk.map((g) => g.regionCode)}::text[], ${chunk.map((g) => g.hiredOn)}::date[])`.execute(tx);
    const enrollments = chunk.flatMap((g) => g.insurances.map((insurance) => ({ g, insurance, id: idAt(enrollmentIds, enrollmentIndex++) })));
    await sql`insert into enrollment (employer_id, id, employment_id, person_id, insurance, region_code, valid_from)
      select * from unnest(${enrollments.map((e) => e.g.employerId.toString())}::bigint[], ${enrollments.map((e) => e.id.toString())}::bigint[],
        ${enrollments.map((e) => e.g.employmentId.toString())}::bigint[], ${enrollments.map((e) => e.g.personId.toString())}::bigint[],
        ${enrollments.map((e) => e.insurance)}::text[], ${enrollments.map((e) => e.g.regionCode)}::text[], ${enrollments.map((e) => e.g.hiredOn)}::date[])`.execute(tx);
    const bases = chunk.filter((g) => g.monthlyWage !== undefined).map((g) => ({ g, id: idAt(baseIds, baseIndex++) }));
    if (bases.length) {
      await sql`insert into base_declaration (employer_id, id, person_id, region_code, year, monthly_wage, declared_by)
        select e, i, p, r, y, w, ${actor.userId} from unnest(${bases.map((b) => b.g.employerId.toString())}::bigint[], ${bases.map((b) => b.id.toString())}::bigint[],
          ${bases.map((b) => b.g.personId.toString())}::bigint[], ${bases.map((b) => b.g.regionCode)}::text[], ${bases.map((b) => Number(b.g.hiredOn.slice(0, 4)))}::smallint[],
          ${bases.map((b) => b.g.monthlyWage!.toString())}::bigint[]) as t(e, i, p, r, y, w)`.execute(tx);
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
