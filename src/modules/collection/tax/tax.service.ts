/**
 * The tax-authority collection model (税务征收模式, issue 11 R3.8; docs/collection.md "税务征收模式"). Per region and
 * date, parameter `collection.model` says who collects: the agency (经办机构) or the tax authority (中共中央办公厅
 * 国务院办公厅《国税地税征管体制改革方案》2018; 社会保险法 第五十九条). Where the tax bureau collects, sifund still
 * registers and assesses (核定): it sends the bureau an assessment file per period (one row per bill line), imports
 * the bureau's collection file (one row per person, insurance and tax voucher), whose money settles the bills as
 * payments of source 'tax' (booked into the 财政专户: there is no 收入户, 财社〔2017〕144号 第四十条), and reconciles
 * what it assessed with what the bureau collected.
 *
 * Only regions whose model is tax on the first day of the period take part: their bills go to the bureau, and a
 * collection row of an employer whose region the agency collects is refused.
 */
import type { Readable } from 'node:stream';
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inActorScope, inScope, scopePrefix, widenToPooledFunds, type Actor, type Tx } from '../../../platform/actor.ts';
import { invalid } from '../../../platform/errors.ts';
import { formatYuan } from '../../../platform/money.ts';
import { newId } from '../../../platform/ids.ts';
import { dateProblem, periodProblem } from '../../../platform/dates.ts';
import { confirmImport, moreProblems, runImport, tableReader, type CheckedTable, type ImportDefinition, type ImportFile } from '../../../platform/imports/index.ts';
import { streamCsv } from '../../../platform/reports/stream.ts';
import { checkIdNumber, type Insurance } from '../../registry/index.ts';
import { employersByCreditCodes, type EmployerRow } from '../arrears/arrears.repository.ts';
import { collectionModel } from '../fund-accounts.ts';
import { PAYMENTS_ACROSS_POOLS, checkPeriod, resolveRegionSubtree } from '../collection.scope.ts';
import { paymentsSaid } from '../collection.messages.ts';
import { recordPayments, type PaymentToRecord } from '../payments/payments.service.ts';
import { assessmentFile, type AssessmentLine } from './assessment.report.ts';
import { taxCollectionsSchema } from './tax-collections.schema.ts';
import { taxSaid } from './tax.messages.ts';
import * as repository from './tax.repository.ts';

/** The model on a period: the one in force on its first day. */
const modelOnPeriod = (regionCode: string, period: string) => collectionModel(regionCode, `${period}-01`);

/** The regions of the subtree whose bills of the period go to the tax bureau; a 400 when the subtree has none in the tax model. */
async function taxRegionsOfPeriod(tx: Tx, actor: Actor, period: string, region: string | undefined): Promise<{ subtree: string; regions: string[] }> {
  const subtree = await resolveRegionSubtree(tx, actor, region);
  const regions = (await repository.billRegionsOfPeriod(tx, period, scopePrefix(subtree))).filter((code) => modelOnPeriod(code, period) === 'tax');
  if (!regions.length && modelOnPeriod(subtree, period) !== 'tax') throw invalid(region ? 'region' : 'period', taxSaid.noTaxRegion({ period, region: subtree }));
  return { subtree, regions };
}

const ASSESSMENT_PAGE = 20_000;

export interface AssessmentExport { period: string; region: string; regions: string[]; fileName: string; csv: Readable; lines: () => number }

/**
 * 核定信息传递: the assessment file of a period for the tax bureau, as CSV (UTF-8 with BOM, CRLF), one row per bill
 * line of the period's regular and supplementary bills in the tax-model regions, read page by page as it is written.
 */
export async function taxAssessment(database: DatabaseHandle, actor: Actor, input: { period: unknown; region?: string }): Promise<AssessmentExport> {
  const period = checkPeriod(input.period);
  const { subtree, regions } = await inScope(database, actor, (tx) => taxRegionsOfPeriod(tx, actor, period, input.region));
  let written = 0;
  async function* pages(): AsyncGenerator<AssessmentLine[]> {
    let after: repository.AssessmentCursor | null = null;
    for (;;) {
      const rows: repository.AssessmentLineRow[] = await inScope(database, actor, (tx) => repository.assessmentLines(tx, period, regions, after, ASSESSMENT_PAGE));
      if (!rows.length) return;
      written += rows.length;
      yield rows.map((row) => ({
        period: row.period, creditCode: row.credit_code, idNumber: row.id_number, insurance: row.insurance,
        base: row.base, employerAmount: row.employer_amount, employeeAmount: row.employee_amount,
      }));
      after = rows[rows.length - 1];
    }
  }
  const file = assessmentFile(period, subtree);
  return { period, region: subtree, regions, fileName: `${file.fileName}.csv`, csv: streamCsv({ ...file, pages: pages() }), lines: () => written };
}

interface CollectionRow { row: number; date: string; period: string; employer: EmployerRow; personId: bigint; idNumber: string; insurance: Insurance; amount: bigint; taxVoucher: string }
interface PreparedCollections { fileName: string; rows: number; fresh: CollectionRow[]; alreadyRecorded: number }

export interface TaxCollectionsResult { fileName: string; rows: number; recorded: number; alreadyRecorded: number; amount: string; payments: number }
export interface TaxCollectionsPreview { fileName: string; rows: number; toRecord: number; alreadyRecorded: number; amount: string; employers: number }

const identity = (row: { taxVoucher: string; idNumber: string; insurance: string }) => `${row.taxVoucher}|${row.idNumber}|${row.insurance}`;
const sum = (rows: { amount: bigint }[]) => rows.reduce((total, row) => total + row.amount, 0n);

/**
 * The collection file on the import pipeline: every row checked (dates, a known employer in the importer's own scope
 * whose region the tax bureau collects for the period, a registered person, amount above zero, no row twice), one
 * bad row refuses the file listing every bad row. A row recorded before (same tax voucher, ID number and insurance,
 * the same money) is left out; the same identity with other content is refused. Applying stores the rows and settles
 * the bills: the rows of one employer, period and day make one payment, naming the period's bill.
 */
const taxCollectionsImport: ImportDefinition<CheckedTable, PreparedCollections, TaxCollectionsResult> = {
  kind: 'tax_collections',
  read: tableReader(taxCollectionsSchema),
  transactionActor: (actor) => widenToPooledFunds(actor, PAYMENTS_ACROSS_POOLS),
  async check(tx, actor, file, read) {
    const problems = moreProblems(file);
    const valid = file.rows.filter((r) => r.valid);
    const own = { ...actor, widenedScope: undefined };
    const text = (value: unknown) => String(value).trim().toUpperCase();
    const employers = new Map((await employersByCreditCodes(tx, [...new Set(valid.map((r) => text(r.values.creditCode)))]))
      .filter((e) => inActorScope(own, e.region_code)).map((e) => [e.credit_code, e]));
    const persons = await repository.personsByIdNumbers(tx, [...new Set(valid.map((r) => text(r.values.idNumber)))]);
    const recorded = new Map((await repository.recordedCollections(tx, [...new Set(valid.map((r) => String(r.values.taxVoucher)))]))
      .map((r) => [identity({ taxVoucher: r.tax_voucher, idNumber: r.id_number, insurance: r.insurance }), r]));
    const firstRowOf = new Map<string, number>();
    const fresh: CollectionRow[] = [];
    let alreadyRecorded = 0;
    for (const { row, values } of valid) {
      const before = problems.size;
      const date = values.date as string, period = String(values.period), creditCode = text(values.creditCode), amount = values.amount as bigint;
      const insurance = values.insurance as Insurance, taxVoucher = String(values.taxVoucher);
      const dateRule = dateProblem(date);
      if (dateRule) problems.add(row, 'date', 'date_range', dateRule);
      const periodRule = periodProblem(period);
      if (periodRule) problems.add(row, 'period', 'period', periodRule);
      if (amount <= 0n) problems.add(row, 'amount', 'above_zero', paymentsSaid.aboveZero({ amount: formatYuan(amount) }));
      const employer = employers.get(creditCode);
      if (!employer) problems.add(row, 'creditCode', 'known_employer', paymentsSaid.unknownEmployer({ creditCode }));
      else if (!periodRule && modelOnPeriod(employer.region_code, period) !== 'tax') {
        problems.add(row, 'creditCode', 'tax_model', taxSaid.agencyCollects({ creditCode, region: employer.region_code, period }));
      }
      const idNumber = text(values.idNumber);
      const person = persons.get(idNumber);
      if (!person) {
        const id = checkIdNumber(idNumber);
        problems.add(row, 'idNumber', id.ok ? 'known_person' : 'id_number', id.ok ? taxSaid.unknownPerson({ idNumber }) : id.reason);
      }
      const key = identity({ taxVoucher, idNumber, insurance });
      const first = firstRowOf.get(key);
      if (first !== undefined) problems.add(row, 'taxVoucher', 'unique_in_file', taxSaid.duplicateInFile({ row: first }));
      else firstRowOf.set(key, row);
      if (problems.size > before) continue;
      const earlier = recorded.get(key);
      if (earlier) {
        if (earlier.credit_code === creditCode && earlier.period === period && earlier.collected_on === date && earlier.amount === amount) alreadyRecorded++;
        else {
          problems.add(row, 'taxVoucher', 'recorded_differently', taxSaid.recordedDifferently({
            taxVoucher, idNumber, insurance, creditCode: earlier.credit_code, period: earlier.period, date: earlier.collected_on, amount: formatYuan(earlier.amount),
          }));
        }
        continue;
      }
      fresh.push({ row, date, period, employer: employer!, personId: person!.id, idNumber, insurance, amount, taxVoucher });
    }
    return { prepared: { fileName: read.fileName, rows: file.rows.length, fresh, alreadyRecorded }, problems: problems.list };
  },
  async preview(_tx, _actor, prepared) {
    const preview: TaxCollectionsPreview = {
      fileName: prepared.fileName, rows: prepared.rows, toRecord: prepared.fresh.length, alreadyRecorded: prepared.alreadyRecorded,
      amount: formatYuan(sum(prepared.fresh)), employers: new Set(prepared.fresh.map((r) => r.employer.id)).size,
    };
    return { ...preview };
  },
  async apply(tx, actor, prepared, { importId }) {
    const groups = new Map<string, { employer: EmployerRow; period: string; date: string; importKey: string; rows: CollectionRow[] }>();
    for (const row of prepared.fresh) {
      const importKey = `tax:${importId}/${row.employer.credit_code}/${row.period}/${row.date}`;
      const group = groups.get(importKey) ?? { employer: row.employer, period: row.period, date: row.date, importKey, rows: [] };
      group.rows.push(row);
      groups.set(importKey, group);
    }
    await repository.insertCollections(tx, [...groups.values()].flatMap((group) => group.rows.map((row) => ({
      employer_id: row.employer.id, id: newId(), region_code: row.employer.region_code, collected_on: row.date, period: row.period, person_id: row.personId,
      id_number: row.idNumber, insurance: row.insurance, amount: row.amount, tax_voucher: row.taxVoucher, payment_key: group.importKey, import_id: importId,
      line_number: row.row, recorded_by: actor.username,
    }))));
    const billNumbers = new Map<string, Map<bigint, string>>();
    for (const period of new Set([...groups.values()].map((group) => group.period))) {
      const employerIds = [...new Set([...groups.values()].filter((group) => group.period === period).map((group) => group.employer.id))];
      billNumbers.set(period, await repository.regularBillNumbers(tx, employerIds, period));
    }
    const payments = [...groups.values()].map((group): PaymentToRecord => ({
      employerId: group.employer.id, date: group.date, amount: sum(group.rows), reference: billNumbers.get(group.period)!.get(group.employer.id) ?? null,
      source: 'tax', importKey: group.importKey,
    }));
    if (payments.length) await recordPayments(tx, actor, payments);
    const result: TaxCollectionsResult = {
      fileName: prepared.fileName, rows: prepared.rows, recorded: prepared.fresh.length, alreadyRecorded: prepared.alreadyRecorded,
      amount: formatYuan(sum(prepared.fresh)), payments: payments.length,
    };
    return { applied: prepared.fresh.length, result };
  },
};

/**
 * Imports the tax bureau's collection file: `apply` records its rows and settles the bills (all rows or none),
 * `preview` checks it and shows what applying would record, keeping the file for `confirmTaxCollections`. The same
 * file again answers with its first result.
 */
export function importTaxCollections(database: DatabaseHandle, actor: Actor, file: ImportFile, mode: 'apply' | 'preview' = 'apply') {
  return runImport(database, actor, taxCollectionsImport, file, mode);
}

/** Applies a previewed collection file (checked again: rows recorded since the preview are left out). */
export function confirmTaxCollections(database: DatabaseHandle, actor: Actor, importId: bigint, sha256?: string) {
  return confirmImport(database, actor, taxCollectionsImport, importId, sha256);
}

export interface ReconciliationItem { creditCode: string; idNumber: string; insurance: Insurance; assessed: string; collected: string; difference: string }
export interface TaxReconciliation {
  period: string; region: string; regions: string[];
  /** 已核未征: less collected than assessed (nothing, or a part); `difference` is what is missing. */
  assessedNotCollected: ReconciliationItem[];
  /** 已征未核: more collected than assessed (also for a person or insurance not assessed at all); `difference` is the excess. */
  collectedNotAssessed: ReconciliationItem[];
}

/** 征收对账: per employer, person and insurance of the period, the assessment sent to the tax bureau against what it collected. */
export async function taxReconciliation(database: DatabaseHandle, actor: Actor, input: { period: unknown; region?: string }): Promise<TaxReconciliation> {
  const period = checkPeriod(input.period);
  return inScope(database, actor, async (tx) => {
    const { subtree, regions } = await taxRegionsOfPeriod(tx, actor, period, input.region);
    const rows = await repository.assessedAndCollected(tx, period, regions);
    const item = (row: repository.ReconciliationRow, difference: bigint): ReconciliationItem => ({
      creditCode: row.credit_code, idNumber: row.id_number, insurance: row.insurance, assessed: formatYuan(row.assessed), collected: formatYuan(row.collected), difference: formatYuan(difference),
    });
    return {
      period, region: subtree, regions,
      assessedNotCollected: rows.filter((r) => r.collected < r.assessed).map((r) => item(r, r.assessed - r.collected)),
      collectedNotAssessed: rows.filter((r) => r.collected > r.assessed).map((r) => item(r, r.collected - r.assessed)),
    };
  });
}
