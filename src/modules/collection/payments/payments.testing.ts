/**
 * Test fixture of collection: pooling regions and funds, two employers in 东城区 with staff enrolled in the four
 * insurances since 2025 and a declared wage of 10,000.00 a month, billed through the real billing run.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { systemActor } from '../../../platform/actor.ts';
import { newId } from '../../../platform/ids.ts';
import { ensureFunds } from '../../ledger/index.ts';
import { defaultInsurances } from '../../registry/index.ts';
import { runBilling } from '../billing/billing.service.ts';

export const EMPLOYER_A = '91990102MA00000011';
export const EMPLOYER_B = '91990102MA00000022';

const regions = [
  { code: '990000', name: '示范省', level: 'province', parent_code: null },
  { code: '990100', name: '示范市', level: 'city', parent_code: '990000' },
  { code: '990102', name: '东城区', level: 'county', parent_code: '990100' },
  { code: '990103', name: '西城区', level: 'county', parent_code: '990100' },
] as const;

/** An employer of 东城区 (work injury class 1) with these persons hired on 2025-01-01, enrolled in every insurance, declared at 10,000.00 for 2026. */
export async function addEmployer(database: DatabaseHandle, creditCode: string, name: string, idNumbers: string[]): Promise<bigint> {
  const employerId = newId();
  await database.db.insertInto('employer').values({ id: employerId, credit_code: creditCode, name, region_code: '990102', work_injury_class: 1 }).execute();
  for (const idNumber of idNumbers) {
    const personId = newId(), employmentId = newId();
    await database.db.insertInto('person').values({ id: personId, id_number: idNumber, name: `职工${idNumber.slice(-4)}`, gender: 'M', birth_date: '1985-01-01', region_code: '990102' }).execute();
    await database.db.insertInto('employment').values({ employer_id: employerId, id: employmentId, person_id: personId, region_code: '990102', hired_on: '2025-01-01' }).execute();
    await database.db.insertInto('enrollment').values(defaultInsurances.map((insurance) => ({
      employer_id: employerId, id: newId(), employment_id: employmentId, person_id: personId, insurance, region_code: '990102', valid_from: '2025-01-01',
    }))).execute();
    await database.db.insertInto('base_declaration').values({ employer_id: employerId, id: newId(), person_id: personId, region_code: '990102', year: 2026, version: 1, monthly_wage: 1_000_000n, reason: null, declared_by: null, employee_confirmed_at: null }).execute();
  }
  return employerId;
}

/** Regions (if missing), pooling regions, funds and the two employers: A with two persons, B with one. */
export async function seedCollection(database: DatabaseHandle): Promise<{ employerA: bigint; employerB: bigint }> {
  await database.db.insertInto('region').values([...regions]).onConflict((oc) => oc.doNothing()).execute();
  await database.db.insertInto('pooling_region').values([
    { insurance: 'pension', region_code: '990000' },
    ...['medical', 'unemployment', 'work_injury', 'maternity'].map((insurance) => ({ insurance, region_code: '990100' })),
  ]).onConflict((oc) => oc.doNothing()).execute();
  await ensureFunds(database);
  const employerA = await addEmployer(database, EMPLOYER_A, '甲公司', ['990102198501010011', '990102198501010027']);
  const employerB = await addEmployer(database, EMPLOYER_B, '乙公司', ['990102198501010035']);
  return { employerA, employerB };
}

export const billPeriod = (database: DatabaseHandle, period: string) => runBilling(database, systemActor('test'), { period, region: '990000' });
