/**
 * 少报缴费基数 (base under-reporting): a person's contribution base billed for a month sits below the wage the employer
 * declared to the tax bureau for that month by more than a share (supervision.base_underreporting_share).
 * The base a wage calls for is the wage capped at the region's ceiling (国办发〔2019〕13号: 300% of the average wage), so
 * a base at the ceiling is never under-reported; below the floor the base is the floor and above any wage compared.
 * Amount: the contributions short, (base called for − base billed) × the person's rates on the month's regular bill,
 * rounded once.
 * 社会保险法 第六十条 (用人单位应当自行申报、按时足额缴纳), 第八十六条 (未按时足额缴纳的，责令限期缴纳或者补足);
 * 社会保险稽核办法 (劳社部令第16号) 第三条 (稽核缴费基数).
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import { formatYuan } from '../../../platform/money.ts';
import { getParameters } from '../../../platform/params/index.ts';
import { baseLimits } from '../../collection/index.ts';
import type { RoundingMode } from '../../../platform/money.ts';
import { supervisionSaid } from '../supervision.messages.ts';
import { inScopePattern, type DetectionRule } from './rule.ts';

/** The base ceiling of a region's month, or undefined when the rules have no value for it (nothing is judged then). */
function baseCeiling(regionCode: string, period: string): bigint | undefined {
  const store = getParameters(), date = `${period}-01`;
  const average = store.find('contribution.base.average_wage', date, regionCode), floorRatio = store.find('contribution.base.floor_ratio', date, regionCode);
  const ceilingRatio = store.find('contribution.base.ceiling_ratio', date, regionCode), rounding = store.find('contribution.rounding', date, regionCode);
  if (!average || !floorRatio || !ceilingRatio || !rounding) return undefined;
  return baseLimits(average.value as bigint, floorRatio.value as string, ceilingRatio.value as string, rounding.value as RoundingMode).ceiling;
}

interface ComparedRow {
  id_number: string; credit_code: string; period: string; region_code: string; wage: bigint; ceiling: bigint; expected: bigint; base: bigint;
  rates: string | null; bill_number: string | null; import_id: bigint; amount: bigint;
}

async function underReportedBases(tx: Tx, scope: string, ceilings: { regionCode: string; period: string; ceiling: bigint }[], share: string) {
  const limits = sql.join(ceilings.map((c) => sql`(${c.regionCode}::text, ${c.period}::text, ${c.ceiling}::bigint)`));
  // Set-based (issue 15): the months' pension bill lines aggregated once per employer, person and month, then joined
  // to the tax wages by the person's ID number — not a lookup of the bill and its lines per tax wage row. `matched` is
  // materialized so the ceilings are joined after it: joined first (by month alone) they would multiply the lookups.
  const { rows } = await sql<ComparedRow>`
    with limits (region_code, period, ceiling) as (values ${limits}),
    declared as (
      select b.employer_id, b.period, p.id_number,
             max(l.base) filter (where l.insurance = 'pension') as base,
             sum(l.employer_rate + coalesce(l.employee_rate, 0)) filter (where b.kind = 'regular') as rates,
             min(b.number) filter (where b.kind = 'regular') as bill_number
        from bill b
        join bill_line l on l.employer_id = b.employer_id and l.bill_id = b.id
        join person p on p.id = l.person_id
       where b.period in (select period from limits) and b.kind <> 'credit_note'
       group by b.employer_id, b.period, p.id_number
      having bool_or(l.insurance = 'pension')),
    matched as materialized (
      select t.id_number, t.credit_code, t.period, t.region_code, t.wage, t.import_id, declared.base, declared.rates, declared.bill_number
        from supervision_tax_wage t
        join declared on declared.employer_id = t.employer_id and declared.period = t.period and declared.id_number = t.id_number
       where t.region_code like ${inScopePattern(scope)}),
    compared as (
      select m.*, lim.ceiling, least(m.wage, lim.ceiling) as expected
        from matched m join limits lim on lim.region_code = m.region_code and lim.period = m.period)
    select id_number, credit_code, period, region_code, wage, ceiling, expected, base, rates::text as rates, bill_number, import_id,
           round((expected - base) * coalesce(rates, 0))::bigint as amount
      from compared
     where base < expected * (1 - ${share}::numeric)
     order by period, credit_code, id_number`.execute(tx);
  return rows;
}

export const baseUnderreporting: DetectionRule = {
  name: 'base-underreporting',
  title: supervisionSaid.baseUnderreporting,
  legalBasis: '社会保险法 第六十条、第八十六条；社会保险稽核办法（劳社部令第16号）第三条',
  parameters: ['supervision.base_underreporting_share', 'contribution.base', 'contribution.rounding'],
  async find(tx, { scope, parameters }) {
    const { rows: months } = await sql<{ region_code: string; period: string }>`
      select distinct region_code, period from supervision_tax_wage where region_code like ${inScopePattern(scope)}`.execute(tx);
    const ceilings = months.flatMap((m) => {
      const ceiling = baseCeiling(m.region_code, m.period);
      return ceiling === undefined ? [] : [{ regionCode: m.region_code, period: m.period, ceiling }];
    });
    if (ceilings.length === 0) return [];
    const rows = await underReportedBases(tx, scope, ceilings, parameters.baseUnderreportingShare);
    return rows.map((row) => ({
      key: `${row.credit_code}/${row.id_number}/${row.period}`, subject: row.id_number, regionCode: row.region_code, period: row.period, amount: row.amount,
      evidence: {
        idNumber: row.id_number, creditCode: row.credit_code, period: row.period, taxWage: formatYuan(row.wage), baseCeiling: formatYuan(row.ceiling),
        baseCalledFor: formatYuan(row.expected), baseBilled: formatYuan(row.base), share: parameters.baseUnderreportingShare,
        contributionRates: row.rates, bill: row.bill_number, taxImport: String(row.import_id),
      },
    }));
  },
};
