/**
 * 重复参保 (one pension relationship per person, 人社部发〔2016〕94号 [check]): the persons enrolled in pension at more
 * than one employer over a period's cut-off day, with every such employment and the one billing bills — the earliest
 * employment (hired_on, then id) at an active employer, and none from the statutory retirement month on (the same
 * rule as the `enrolled` CTE of billing.sql.ts). The others are for the agency to close (转移/终止).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, scopePrefix, type Actor } from '../../../platform/actor.ts';
import { getParameters } from '../../../platform/params/index.ts';
import { listMaskingFor, maskMiddle } from '../../../platform/personal-data.ts';
import { checkPeriod, resolveRegionSubtree } from '../collection.scope.ts';
import { cutoffDate } from './billing.calc.ts';
import * as repository from './duplicate-pension.repository.ts';

export interface DuplicatePensionEmployment {
  employerId: string; creditCode: string; employerName: string; employerStatus: string; employmentId: string; hiredOn: string;
  /** Billed pension for the period by this employment. */
  billed: boolean;
}
export interface DuplicatePensionPerson { personId: string; idNumber: string; name: string; retirementMonth: string; employments: DuplicatePensionEmployment[] }
export interface DuplicatePensionReport { period: string; region: string; persons: DuplicatePensionPerson[] }

export async function duplicatePensions(database: DatabaseHandle, actor: Actor, input: { period: string; region?: string }): Promise<DuplicatePensionReport> {
  const period = checkPeriod(input.period);
  return inScope(database, actor, async (tx) => {
    const region = await resolveRegionSubtree(tx, actor, input.region);
    const store = getParameters();
    const cutoffs = (await repository.regionCodes(tx)).map((code) => ({
      region: code, cutoff: cutoffDate(period, store.integer('contribution.mid_month_cutoff_day', `${period}-01`, code)),
    }));
    const rows = await repository.duplicatePensionEnrollments(tx, cutoffs, scopePrefix(region));
    const masking = listMaskingFor(actor);
    const persons = new Map<bigint, DuplicatePensionPerson>();
    for (const row of rows) {
      let person = persons.get(row.person_id);
      if (!person) {
        person = { personId: String(row.person_id), idNumber: masking ? maskMiddle(row.id_number, masking.idNumber) : row.id_number, name: row.name, retirementMonth: row.retirement_month, employments: [] };
        persons.set(row.person_id, person);
      }
      person.employments.push({
        employerId: String(row.employer_id), creditCode: row.credit_code, employerName: row.employer_name, employerStatus: row.employer_status,
        employmentId: String(row.employment_id), hiredOn: row.hired_on, billed: row.first_active && period < row.retirement_month,
      });
    }
    return { period, region, persons: [...persons.values()] };
  });
}
