/** Test fixtures of the individual accounts, written with plain SQL (as billing and payments would leave them). */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { newId } from '../../../platform/ids.ts';

export const regions = [
  { code: '990000', name: '示范省', level: 'province', parent_code: null },
  { code: '990100', name: '示范市', level: 'city', parent_code: '990000' },
  { code: '990102', name: '东城区', level: 'county', parent_code: '990100' },
  { code: '990103', name: '西城区', level: 'county', parent_code: '990100' },
] as const;

export async function insertPerson(database: DatabaseHandle, idNumber: string, name: string, regionCode: string): Promise<bigint> {
  const id = newId();
  await database.db.insertInto('person').values({ id, id_number: idNumber, name, gender: 'F', birth_date: '1980-01-01', region_code: regionCode }).execute();
  return id;
}

export async function insertEmployer(database: DatabaseHandle, creditCode: string, name: string, regionCode: string): Promise<bigint> {
  const id = newId();
  await database.db.insertInto('employer').values({ id, credit_code: creditCode, name, region_code: regionCode }).execute();
  return id;
}

export interface BillLineFixture { personId: bigint; insurance: 'pension' | 'medical'; base: bigint; employerAmount: bigint; employeeAmount: bigint }

/**
 * A bill of `period` with its lines and per-insurance items (totals are the sums of the lines): the regular bill due
 * on the 15th, or a reassessment's supplementary bill or credit note (a later sequence).
 */
export async function insertBill(database: DatabaseHandle, employerId: bigint, regionCode: string, period: string, lines: BillLineFixture[],
  reassessment?: { kind: 'supplementary' | 'credit_note'; sequence: number; dueDate: string }) {
  const id = newId();
  const number = `${period.replace('-', '')}-${employerId}${reassessment ? `-${reassessment.sequence}` : ''}`;
  const total = lines.reduce((sum, line) => sum + line.employerAmount + line.employeeAmount, 0n);
  await database.db.insertInto('bill').values({
    employer_id: employerId, id, number, period, region_code: regionCode, due_date: reassessment?.dueDate ?? `${period}-15`, run_id: null, chunk: null,
    persons: new Set(lines.map((line) => line.personId)).size, lines: lines.length, total, parameter_refs: '{}',
    ...(reassessment ? { kind: reassessment.kind, sequence: reassessment.sequence } : {}),
  }).execute();
  for (const insurance of new Set(lines.map((line) => line.insurance))) {
    const ofInsurance = lines.filter((line) => line.insurance === insurance);
    await database.db.insertInto('bill_item').values({
      employer_id: employerId, bill_id: id, insurance, fund_code: `${insurance}-990000`, region_code: regionCode,
      employer_amount: ofInsurance.reduce((sum, line) => sum + line.employerAmount, 0n), employee_amount: ofInsurance.reduce((sum, line) => sum + line.employeeAmount, 0n),
    }).execute();
  }
  await database.db.insertInto('bill_line').values(lines.map((line) => ({
    employer_id: employerId, bill_id: id, person_id: line.personId, insurance: line.insurance, region_code: regionCode, base: line.base,
    employer_rate: line.insurance === 'pension' ? '0.16' : '0.09', employee_rate: line.insurance === 'pension' ? '0.08' : '0.02',
    employer_amount: line.employerAmount, employee_amount: line.employeeAmount,
  }))).execute();
  return { id, number };
}

export interface EntryFixture {
  personId: bigint; regionCode: string; year: number; period?: string | null; kind: 'contribution' | 'opening' | 'transfer_in' | 'transfer_out';
  amount: bigint; employerId?: bigint; billId?: bigint;
}

export async function insertEntries(database: DatabaseHandle, entries: EntryFixture[]) {
  if (!entries.length) return;
  await database.db.insertInto('individual_account_entry').values(entries.map((entry) => ({
    person_id: entry.personId, id: newId(), region_code: entry.regionCode, year: entry.year, period: entry.period ?? null, kind: entry.kind,
    amount: entry.amount, employer_id: entry.employerId ?? null, bill_id: entry.billId ?? null,
  }))).execute();
}
