/** Answers of the registry routes (registry.routes.ts). TypeBox only: the web imports their types (web/src/types.ts). */
import { Type } from '@sinclair/typebox';
import { DateOnly, IdText, Money, Nullable, RateText, Timestamp } from '../../platform/http/schemas.ts';
import { ListAnswer } from '../../platform/http/lists.schemas.ts';
import { AuditRecord } from '../../platform/audit/audit.schemas.ts';
import { ImportAnswer } from '../../platform/imports/imports.schemas.ts';
import { ApprovalItem } from '../../platform/signoff/signoff.schemas.ts';

const RegionLevel = Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('county')]);
const Gender = Type.Union([Type.Literal('M'), Type.Literal('F')]);

export const Region = Type.Object({ code: Type.String(), name: Type.String(), level: RegionLevel, parentCode: Nullable(Type.String()) });
export const Agency = Type.Object({ id: IdText, regionCode: Type.String(), regionName: Type.String(), name: Type.String() });
export const NewAgency = Type.Object({ id: IdText, regionCode: Type.String(), name: Type.String() });

/** An employer as registered (参保单位). */
export const Employer = Type.Object({
  id: IdText, creditCode: Type.String(), name: Type.String(), regionCode: Type.String(), industryCode: Nullable(Type.String()),
  workInjuryClass: Nullable(Type.Integer()), workInjuryFloat: RateText, employerType: Type.String(), status: Type.String(),
});
/** An employer in a search: with its region's name and the number of people it employs now. */
export const EmployerListItem = Type.Object({
  id: IdText, creditCode: Type.String(), name: Type.String(), regionCode: Type.String(), regionName: Type.String(), industryCode: Nullable(Type.String()),
  workInjuryClass: Nullable(Type.Integer()), employerType: Type.String(), status: Type.String(), employeeCount: Type.Integer(),
});
/** An employee in the employer's list: the ID number masked by policy. */
export const Employee = Type.Object({
  employmentId: IdText, personId: IdText, idNumber: Type.String({ description: 'masked: 110105********0021' }), name: Type.String(), hiredOn: DateOnly,
  separatedOn: Nullable(DateOnly), separationReason: Nullable(Type.String()),
});
/** The employer's record: its registration, how many it employs now and its history; its employees are a list of their own (EmployeeList). */
export const EmployerDetail = Type.Object({ employer: Employer, employeeCount: Type.Integer({ description: '在职人数: employments not ended' }), history: Type.Array(AuditRecord) });

/** A person as registered (参保人员, 一人一档). */
export const Person = Type.Object({
  id: IdText, idNumber: Type.String(), name: Type.String(), gender: Gender, birthDate: DateOnly, hukouType: Nullable(Type.String()),
  occupation: Nullable(Type.String()), phone: Nullable(Type.String()), regionCode: Type.String(),
});
/** A person in a list: the ID number masked by policy, no birth date (it is the part the mask hides). */
export const PersonListItem = Type.Object({
  id: IdText, idNumber: Type.String({ description: 'masked: 110105********0021' }), name: Type.String(), gender: Gender, hukouType: Nullable(Type.String()),
  regionCode: Type.String(), regionName: Type.String(),
});
export const PersonEmployment = Type.Object({
  id: IdText, employerId: IdText, employerName: Type.String(), creditCode: Type.String(), hiredOn: DateOnly,
  separatedOn: Nullable(DateOnly), separationReason: Nullable(Type.String()),
});
export const Enrollment = Type.Object({ id: IdText, employmentId: IdText, employerId: IdText, insurance: Type.String(), validFrom: DateOnly, validTo: Nullable(DateOnly) });
/** A declared contribution base (缴费基数), one version. */
export const BaseDeclaration = Type.Object({
  id: IdText, employerId: IdText, employerName: Type.Optional(Type.String()), personId: IdText, year: Type.Integer(), version: Type.Integer(),
  monthlyWage: Money, reason: Nullable(Type.String()), declaredAt: Timestamp, employeeConfirmedAt: Nullable(Timestamp),
});
/** A declaration's answers: 201 the first of its year, recorded; 202 a correction, the sign-off item it waits in. */
export const BaseDeclarationAnswers = { 201: BaseDeclaration, 202: ApprovalItem };
/** The person's record: ID and phone numbers masked unless asked with `reveal=1` by a holder of personal.full.read. */
export const PersonDetail = Type.Object({
  person: Person, employments: Type.Array(PersonEmployment), enrollments: Type.Array(Enrollment), baseDeclarations: Type.Array(BaseDeclaration), history: Type.Array(AuditRecord),
});

export const Employment = Type.Object({
  id: IdText, employerId: IdText, personId: IdText, regionCode: Type.String(), hiredOn: DateOnly, separatedOn: Nullable(DateOnly), separationReason: Nullable(Type.String()),
});
/** A hire: the employment and the insurances it was enrolled in. */
export const Hire = Type.Object({ ...Employment.properties, insurances: Type.Array(Type.String()) });

export const EmployerList = ListAnswer(EmployerListItem);
export const PersonList = ListAnswer(PersonListItem);
export const EmployeeList = ListAnswer(Employee);

/** 批量导入: a registry file imported, all rows or none (or imported before: alreadyImported, its first answer). */
export const RegistryImportResult = ImportAnswer({
  kind: Type.String({ description: 'employers, persons or employments' }), imported: Type.Integer({ description: 'rows that changed something' }), rows: Type.Integer(),
});
