/** Kysely table types of the registry (migrations/0002_registry.sql). */
import type { Generated } from 'kysely';

export const insurances = ['pension', 'medical', 'unemployment', 'work_injury', 'maternity'] as const;
export type Insurance = (typeof insurances)[number];
/** Enrolled by default on hire; maternity has been merged into medical since 2019 (国办发〔2019〕10号). */
export const defaultInsurances: Insurance[] = ['pension', 'medical', 'unemployment', 'work_injury'];
/** 单位类型: 机关 (government) and the 事业单位 types pay pension into the public-institution scheme (国发〔2015〕2号). */
export const employerTypes = ['enterprise', 'government', 'institution_full', 'institution_partial', 'institution_self', 'other'] as const;
/** Every payer (缴费主体) in the employer table: the employers, and the payer record of a self-paying person (self-paying.service.ts). */
export const payerTypes = [...employerTypes, 'self_paying'] as const;
export const employerStatuses = ['active', 'suspended', 'closed'] as const;
export const separationReasons = ['voluntary', 'involuntary', 'retirement', 'death', 'other'] as const;
export const hukouTypes = ['urban', 'rural'] as const;

declare module '../../platform/database.ts' {
  interface Tables {
    employer: {
      id: bigint; credit_code: string; name: string; region_code: string; industry_code: string | null;
      work_injury_class: number | null; work_injury_float: Generated<string>; employer_type: Generated<(typeof payerTypes)[number]>;
      status: Generated<(typeof employerStatuses)[number]>; created_at: Generated<Date>; updated_at: Generated<Date>;
    };
    person: {
      id: bigint; id_number: string; name: string; gender: 'M' | 'F'; birth_date: string; hukou_type: (typeof hukouTypes)[number] | null;
      occupation: string | null; phone: string | null; region_code: string; created_at: Generated<Date>; updated_at: Generated<Date>;
    };
    employment: {
      employer_id: bigint; id: bigint; person_id: bigint; region_code: string; hired_on: string; separated_on: string | null;
      separation_reason: (typeof separationReasons)[number] | null; created_at: Generated<Date>;
    };
    enrollment: {
      employer_id: bigint; id: bigint; employment_id: bigint; person_id: bigint; insurance: Insurance; region_code: string;
      valid_from: string; valid_to: string | null; created_at: Generated<Date>;
    };
    base_declaration: {
      employer_id: bigint; id: bigint; person_id: bigint; region_code: string; year: number; version: number; monthly_wage: bigint;
      reason: string | null; declared_by: bigint | null; declared_at: Generated<Date>; employee_confirmed_at: Date | null;
    };
  }
}
