/**
 * Field rules of the registry, shared by the API and the bulk import (pure: no I/O). Each returns the cleaned
 * value or a problem naming the field, so an import can list every bad cell of every row.
 */
import { checkCreditCode, checkIdNumber } from './identifiers.calc.ts';
import type { Said } from '../../platform/messages.ts';
import { fieldRules } from '../../platform/fields.messages.ts';
import { registryMessages as said } from './registry.messages.ts';
import { employerTypes, hukouTypes, insurances, separationReasons, type Insurance } from './registry.tables.ts';
import { parseYuan } from '../../platform/money.ts';
import { invalidFields } from '../../platform/errors.ts';
import { getParameters, todayInChina } from '../../platform/params/index.ts';
import { dateProblem } from '../../platform/dates.ts';

/** A field's problem; `rule` 'required' for a missing value (an import names the rule of each problem), else 'format'. */
export interface FieldProblem { field: string; message: string | Said; rule?: 'required' | 'format' }
type Result<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const blank = (value: unknown) => value === undefined || value === null || String(value).trim() === '';
const text = (value: unknown) => (blank(value) ? undefined : String(value).trim());
const required = (field: string): FieldProblem => ({ field, message: fieldRules.required(), rule: 'required' });

function checkName(value: unknown, field: string, problems: FieldProblem[], max = 100): string {
  const name = text(value);
  if (!name) problems.push(required(field));
  else if (name.length > max) problems.push({ field, message: fieldRules.atMostCharacters({ max }) });
  return name ?? '';
}

function checkEnum<T extends string>(value: unknown, field: string, allowed: readonly T[], problems: FieldProblem[]): T | undefined {
  const v = text(value);
  if (v === undefined) return undefined;
  if (!allowed.includes(v as T)) { problems.push({ field, message: fieldRules.oneOf({ values: allowed.join(', ') }) }); return undefined; }
  return v as T;
}

function checkRegion(value: unknown, field: string, problems: FieldProblem[]): string | undefined {
  const v = text(value);
  if (v === undefined) return undefined;
  if (!/^\d{6}$/.test(v)) { problems.push({ field, message: said.regionCodeShape() }); return undefined; }
  return v;
}

export interface PersonInput { idNumber: string; name: string; gender: 'M' | 'F'; birthDate: string; hukouType?: 'urban' | 'rural'; occupation?: string; phone?: string; regionCode?: string }

export function validatePerson(input: Record<string, unknown>): Result<PersonInput> {
  const problems: FieldProblem[] = [];
  const id = checkIdNumber(String(input.idNumber ?? ''));
  if (!id.ok) problems.push(blank(input.idNumber) ? required('idNumber') : { field: 'idNumber', message: id.reason });
  const name = checkName(input.name, 'name', problems, 50);
  if (id.ok && !blank(input.gender)) {
    const gender = String(input.gender).trim();
    const normalized = ({ M: 'M', F: 'F', 男: 'M', 女: 'F', male: 'M', female: 'F' } as Record<string, string>)[gender];
    if (normalized !== id.gender) problems.push({ field: 'gender', message: said.genderMismatch({ genderZh: id.gender === 'M' ? '男' : '女', genderEn: id.gender === 'M' ? '男 M' : '女 F' }) });
  }
  if (id.ok && !blank(input.birthDate) && String(input.birthDate).trim() !== id.birthDate) {
    problems.push({ field: 'birthDate', message: said.birthDateMismatch({ birthDate: id.birthDate }) });
  }
  const hukouType = checkEnum(input.hukouType, 'hukouType', hukouTypes, problems);
  const phone = text(input.phone);
  if (phone && !/^[0-9+\- ]{5,20}$/.test(phone)) problems.push({ field: 'phone', message: said.phone() });
  const regionCode = checkRegion(input.regionCode, 'regionCode', problems);
  if (problems.length || !id.ok) return { ok: false, problems };
  return { ok: true, value: { idNumber: id.idNumber, name, gender: id.gender, birthDate: id.birthDate, hukouType, occupation: text(input.occupation), phone, regionCode } };
}

export interface EmployerInput { creditCode: string; name: string; regionCode?: string; industryCode?: string; workInjuryClass?: number; employerType?: (typeof employerTypes)[number] }

export function validateEmployer(input: Record<string, unknown>): Result<EmployerInput> {
  const problems: FieldProblem[] = [];
  const code = checkCreditCode(String(input.creditCode ?? ''));
  if (!code.ok) problems.push(blank(input.creditCode) ? required('creditCode') : { field: 'creditCode', message: code.reason });
  const name = checkName(input.name, 'name', problems, 200);
  const regionCode = checkRegion(input.regionCode, 'regionCode', problems);
  const industryCode = text(input.industryCode)?.toUpperCase();
  if (industryCode && !/^[A-T]$/.test(industryCode)) problems.push({ field: 'industryCode', message: said.industryCode() });
  let workInjuryClass: number | undefined;
  if (!blank(input.workInjuryClass)) {
    workInjuryClass = Number(input.workInjuryClass);
    if (!Number.isInteger(workInjuryClass) || workInjuryClass < 1 || workInjuryClass > 8) problems.push({ field: 'workInjuryClass', message: said.workInjuryClass() });
  }
  const employerType = checkEnum(input.employerType, 'employerType', employerTypes, problems);
  if (problems.length || !code.ok) return { ok: false, problems };
  return { ok: true, value: { creditCode: code.creditCode, name, regionCode, industryCode, workInjuryClass, employerType } };
}

export interface EmploymentInput { hiredOn: string; insurances: Insurance[] }

// Policy dates are Beijing dates: between 00:00 and 08:00 in China the UTC date is still yesterday.
export function validateHire(input: Record<string, unknown>, today = todayInChina()): Result<EmploymentInput> {
  const problems: FieldProblem[] = [];
  const hiredOn = text(input.hiredOn);
  if (!hiredOn) problems.push(required('hiredOn'));
  else if (dateProblem(hiredOn)) problems.push({ field: 'hiredOn', message: dateProblem(hiredOn)! });
  else if (hiredOn > today) problems.push({ field: 'hiredOn', message: said.hiredInFuture() });
  let list: Insurance[] = ['pension', 'medical', 'unemployment', 'work_injury'];
  if (input.insurances !== undefined && input.insurances !== null && input.insurances !== '') {
    const raw = Array.isArray(input.insurances) ? input.insurances.map(String) : String(input.insurances).split(/[;,|\s]+/).filter(Boolean);
    const bad = raw.filter((i) => !insurances.includes(i as Insurance));
    if (bad.length) problems.push({ field: 'insurances', message: said.unknownInsurance({ unknown: bad.join(', '), allowed: insurances.join(', ') }) });
    list = [...new Set(raw as Insurance[])];
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { hiredOn: hiredOn!, insurances: list } };
}

/**
 * 工伤保险 needs the employer's industry risk class (人社部发〔2015〕71号): its own, or its industry's
 * (contribution.work_injury.industry_class, the class billing then uses). An enrollment in work_injury at an employer
 * with neither is refused naming workInjuryClass, so billing never meets a work-injury enrollment it cannot rate.
 */
export function requireWorkInjuryClass(employer: WorkInjuryRated, insurances: readonly Insurance[], date: string): void {
  if (lacksWorkInjuryClass(employer, insurances, date)) throw invalidFields([{ field: 'workInjuryClass', message: said.workInjuryClassRequired({ employer: employer.name }) }]);
}

type WorkInjuryRated = { name: string; region_code: string; work_injury_class: number | null; industry_code: string | null };

/** Whether enrolling in these insurances needs a work-injury class the employer has neither itself nor by its industry. */
export function lacksWorkInjuryClass(employer: WorkInjuryRated, insurances: readonly Insurance[], date: string): boolean {
  if (!insurances.includes('work_injury') || employer.work_injury_class !== null) return false;
  const industryClasses = getParameters().find('contribution.work_injury.industry_class', date, employer.region_code)?.value as Record<string, unknown> | undefined;
  return !(employer.industry_code && industryClasses?.[employer.industry_code] !== undefined);
}

export function validateSeparation(input: Record<string, unknown>, hiredOn: string): Result<{ separatedOn: string; reason: (typeof separationReasons)[number] }> {
  const problems: FieldProblem[] = [];
  const separatedOn = text(input.separatedOn);
  if (!separatedOn || dateProblem(separatedOn)) problems.push({ field: 'separatedOn', message: dateProblem(separatedOn)! });
  else if (separatedOn < hiredOn) problems.push({ field: 'separatedOn', message: said.separatedBeforeHire({ hiredOn }) });
  const reason = checkEnum(input.reason, 'reason', separationReasons, problems);
  if (!reason && !problems.some((p) => p.field === 'reason')) problems.push({ field: 'reason', message: said.separationReasonRequired({ reasons: separationReasons.join(', ') }), rule: 'required' });
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { separatedOn: separatedOn!, reason: reason! } };
}

export function validateBase(input: Record<string, unknown>): Result<{ year: number; monthlyWage: bigint; reason?: string }> {
  const problems: FieldProblem[] = [];
  const year = Number(input.year);
  if (!Number.isInteger(year) || year < 1990 || year > Number(todayInChina().slice(0, 4)) + 1) problems.push({ field: 'year', message: said.baseYear() });
  let monthlyWage = 0n;
  try {
    monthlyWage = parseYuan(String(input.monthlyWage ?? ''), 'monthlyWage');
    if (monthlyWage < 0n) problems.push({ field: 'monthlyWage', message: said.wageNegative() });
  } catch { problems.push({ field: 'monthlyWage', message: said.wageAmount() }); }
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { year, monthlyWage, reason: text(input.reason) } };
}

/** The first problem of a single-record request as a 400 naming the field. */
export function orThrow<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw invalidFields(result.problems);
}
