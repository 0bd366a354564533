/**
 * The external data the inspections compare against (稽核比对数据), imported through the kernel's pipeline: all rows or
 * none, every bad row listed with its column, the same file twice applied once, Chinese or English headers.
 *  - tax wages (税务工资申报): `period,creditCode,idNumber,wage` — an employer of the actor's scope, any person (one
 *    not registered is what headcount under-reporting looks for). A row recorded before, or repeated in the file,
 *    with the same wage is skipped; with another wage it is refused (a correction is checked first, never overwritten).
 *  - medical claim details (医保结算明细): `claimId,institution,idNumber,admitted,discharged,item,quantity,amount` — the
 *    patient a registered person of the actor's scope, the institution any code (claims come from institutions
 *    outside the region's register too); a claim's rows agree on patient and stay, and a claim comes from one import.
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { scopePrefix, type Actor } from '../../platform/actor.ts';
import { newId } from '../../platform/ids.ts';
import { formatYuan } from '../../platform/money.ts';
import { todayInChina } from '../../platform/params/index.ts';
import { fieldRules } from '../../platform/fields.messages.ts';
import { moreProblems, registerFields, runImport, tableReader, type CheckedTable, type ImportDefinition, type ImportFile, type ImportSchema } from '../../platform/imports/index.ts';
import { checkCreditCode, checkIdNumber } from '../registry/index.ts';
import { supervisionSaid as said } from './supervision.messages.ts';
import * as repository from './supervision.repository.ts';

registerFields({
  period: { titles: ['税款所属期'] },
  wage: { titles: ['工资收入', '工资薪金收入', '应发工资', '收入额'] },
  claimId: { titles: ['结算单号', '结算流水号', '就诊流水号'] },
  admitted: { titles: ['入院日期', '入院时间'] },
  discharged: { titles: ['出院日期', '出院时间'] },
  item: { titles: ['收费项目', '项目名称', '医疗服务项目'] },
  quantity: { titles: ['数量'] },
});

const taxWageSchema: ImportSchema = {
  kind: 'supervision_tax_wages',
  columns: [
    { field: 'period', required: true, example: '2026-01' },
    { field: 'creditCode', required: true, example: '91990102MA0000000X' },
    { field: 'idNumber', required: true, example: '990102198001010011' },
    { field: 'wage', required: true, type: 'amount', example: '8000.00' },
  ],
};

const claimSchema: ImportSchema = {
  kind: 'supervision_claims',
  columns: [
    { field: 'claimId', required: true, example: 'ZY0000000001' },
    { field: 'institution', required: true, example: 'H99010200001' },
    { field: 'idNumber', required: true, example: '990102198001010011' },
    { field: 'admitted', required: true, type: 'date', example: '2026-01-03' },
    { field: 'discharged', required: true, type: 'date', example: '2026-01-10' },
    { field: 'item', required: true, example: '床位费' },
    { field: 'quantity', required: true, example: '7' },
    { field: 'amount', required: true, type: 'amount', example: '420.00' },
  ],
};

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const INSTITUTION = /^[A-Za-z0-9]{1,40}$/;
const QUANTITY = /^(?=.*[1-9])\d{1,10}(\.\d{1,2})?$/;
const text = (value: unknown) => String(value).trim();

export interface TaxWageImportView { rows: number; recorded: number; alreadyRecorded: number; employers: number; periods: string[]; wages: string }

const taxWageImport: ImportDefinition<CheckedTable, { rows: repository.TaxWageRow[]; alreadyRecorded: number }, TaxWageImportView> = {
  kind: 'supervision_tax_wages',
  read: tableReader(taxWageSchema),
  async check(tx, actor, file) {
    const problems = moreProblems(file);
    const valid = file.rows.filter((r) => r.valid);
    const scope = scopePrefix(actor.regionCode);
    const creditCodes = [...new Set(valid.map((r) => text(r.values.creditCode).toUpperCase()))];
    const employers = new Map((await repository.employersByCreditCodes(tx, creditCodes, scope)).map((e) => [e.credit_code, e]));
    const periods = [...new Set(valid.map((r) => text(r.values.period)))];
    const recorded = new Map((await repository.recordedTaxWages(tx, [...employers.values()].map((e) => e.id), periods))
      .map((r) => [`${r.employer_id}/${r.period}/${r.id_number}`, r]));
    const thisMonth = todayInChina().slice(0, 7);
    const firstRow = new Map<string, { row: number; wage: bigint }>();
    const rows: repository.TaxWageRow[] = [];
    let alreadyRecorded = 0;
    for (const { row, values } of valid) {
      const period = text(values.period), wage = values.wage as bigint;
      const creditCode = checkCreditCode(text(values.creditCode)), idNumber = checkIdNumber(text(values.idNumber));
      const before = problems.size;
      if (!PERIOD.test(period)) problems.add(row, 'period', 'period', said.periodShape({ text: period }));
      else if (period > thisMonth) problems.add(row, 'period', 'not_in_future', said.periodInFuture({ period }));
      if (!creditCode.ok) problems.add(row, 'creditCode', 'credit_code', creditCode.reason);
      if (!idNumber.ok) problems.add(row, 'idNumber', 'id_number', idNumber.reason);
      if (wage < 0n) problems.add(row, 'wage', 'not_negative', said.negativeAmount());
      if (problems.size > before || !creditCode.ok || !idNumber.ok) continue;
      const employer = employers.get(creditCode.creditCode);
      if (!employer) { problems.add(row, 'creditCode', 'known_employer', said.employerUnknown()); continue; }
      const key = `${employer.id}/${period}/${idNumber.idNumber}`;
      // the same row twice (an export of overlapping runs) is one fact; another wage for it is a contradiction
      const first = firstRow.get(key);
      if (first?.wage === wage) { alreadyRecorded++; continue; }
      if (first) { problems.add(row, 'wage', 'unique_in_file', said.duplicateInFile({ row: first.row })); continue; }
      firstRow.set(key, { row, wage });
      const earlier = recorded.get(key);
      if (earlier && earlier.wage === wage) { alreadyRecorded++; continue; }
      if (earlier) { problems.add(row, 'wage', 'same_as_recorded', said.otherWageRecorded({ recorded: formatYuan(earlier.wage), importId: String(earlier.import_id) })); continue; }
      rows.push({ employer_id: employer.id, id: 0n, region_code: employer.region_code, period, credit_code: creditCode.creditCode, id_number: idNumber.idNumber, wage, import_id: 0n, line: row });
    }
    return { prepared: { rows, alreadyRecorded }, problems: problems.list };
  },
  async apply(tx, _actor, prepared, { importId }) {
    await repository.insertTaxWages(tx, prepared.rows.map((r) => ({ ...r, id: newId(), import_id: importId })));
    const result: TaxWageImportView = {
      rows: prepared.rows.length + prepared.alreadyRecorded, recorded: prepared.rows.length, alreadyRecorded: prepared.alreadyRecorded,
      employers: new Set(prepared.rows.map((r) => r.employer_id)).size, periods: [...new Set(prepared.rows.map((r) => r.period))].sort(),
      wages: formatYuan(prepared.rows.reduce((sum, r) => sum + r.wage, 0n)),
    };
    return { applied: prepared.rows.length, result };
  },
};

export interface ClaimImportView { rows: number; claims: number; patients: number; institutions: number; amount: string }

const claimImport: ImportDefinition<CheckedTable, repository.ClaimDetailRow[], ClaimImportView> = {
  kind: 'supervision_claims',
  read: tableReader(claimSchema),
  async check(tx, actor, file) {
    const problems = moreProblems(file);
    const valid = file.rows.filter((r) => r.valid);
    const idNumbers = [...new Set(valid.map((r) => text(r.values.idNumber).toUpperCase()))];
    const persons = new Map((await repository.personsByIdNumbers(tx, idNumbers, scopePrefix(actor.regionCode))).map((p) => [p.id_number, p]));
    const today = todayInChina();
    const claims = new Map<string, { row: number; institution: string; claimId: string; idNumber: string; admitted: string; discharged: string }>();
    const rows: repository.ClaimDetailRow[] = [];
    for (const { row, values } of valid) {
      const claimId = text(values.claimId), institution = text(values.institution), item = text(values.item), quantity = text(values.quantity);
      const admitted = String(values.admitted), discharged = String(values.discharged), amount = values.amount as bigint;
      const idNumber = checkIdNumber(text(values.idNumber));
      const before = problems.size;
      if (claimId.length > 60) problems.add(row, 'claimId', 'length', fieldRules.atMostCharacters({ max: 60 }));
      if (!INSTITUTION.test(institution)) problems.add(row, 'institution', 'code', said.institutionShape({ text: institution }));
      if (!idNumber.ok) problems.add(row, 'idNumber', 'id_number', idNumber.reason);
      if (discharged < admitted) problems.add(row, 'discharged', 'after_admission', said.dischargedBeforeAdmitted({ admitted, discharged }));
      else if (discharged > today) problems.add(row, 'discharged', 'not_in_future', said.dateInFuture({ date: discharged }));
      if (item.length > 200) problems.add(row, 'item', 'length', fieldRules.atMostCharacters({ max: 200 }));
      if (!QUANTITY.test(quantity)) problems.add(row, 'quantity', 'quantity', said.quantityShape({ text: quantity }));
      if (amount < 0n) problems.add(row, 'amount', 'not_negative', said.negativeAmount());
      if (problems.size > before || !idNumber.ok) continue;
      const person = persons.get(idNumber.idNumber);
      if (!person) { problems.add(row, 'idNumber', 'known_person', said.personUnknown()); continue; }
      const claimKey = `${institution}/${claimId}`;
      const first = claims.get(claimKey);
      if (first && (first.idNumber !== idNumber.idNumber || first.admitted !== admitted || first.discharged !== discharged)) {
        problems.add(row, 'claimId', 'same_claim', said.claimDiffers({ row: first.row }));
        continue;
      }
      if (!first) claims.set(claimKey, { row, institution, claimId, idNumber: idNumber.idNumber, admitted, discharged });
      rows.push({
        person_id: person.id, id: 0n, region_code: person.region_code, claim_id: claimId, institution_code: institution, id_number: idNumber.idNumber,
        admitted, discharged, item, quantity, amount, import_id: 0n, line: row,
      });
    }
    const imported = new Map((await repository.importedClaims(tx, [...claims.values()])).map((c) => [`${c.institution_code}/${c.claim_id}`, c.import_id]));
    for (const [key, claim] of claims) {
      const importId = imported.get(key);
      if (importId !== undefined) problems.add(claim.row, 'claimId', 'claim_once', said.claimImported({ importId: String(importId) }));
    }
    return { prepared: rows, problems: problems.list };
  },
  async apply(tx, _actor, rows, { importId }) {
    await repository.insertClaimDetails(tx, rows.map((r) => ({ ...r, id: newId(), import_id: importId })));
    const result: ClaimImportView = {
      rows: rows.length, claims: new Set(rows.map((r) => `${r.institution_code}/${r.claim_id}`)).size, patients: new Set(rows.map((r) => r.person_id)).size,
      institutions: new Set(rows.map((r) => r.institution_code)).size, amount: formatYuan(rows.reduce((sum, r) => sum + r.amount, 0n)),
    };
    return { applied: rows.length, result };
  },
};

/** Imports a tax wage file (all rows or none; the same file again answers with its first result). */
export const importTaxWages = (database: DatabaseHandle, actor: Actor, file: ImportFile) => runImport(database, actor, taxWageImport, file, 'apply');

/** Imports a medical claim details file (all rows or none; the same file again answers with its first result). */
export const importClaimDetails = (database: DatabaseHandle, actor: Actor, file: ImportFile) => runImport(database, actor, claimImport, file, 'apply');
