/** Typed SQL of the institutions list: each institution of a pooling region with its quotas by year and its settled months. */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import '../medical.tables.ts';
import type { InstitutionKind } from '../medical.tables.ts';
import type { institutionStatusValues } from '../medical.schemas.ts';

export interface InstitutionListRow {
  code: string; name: string; kind: InstitutionKind; region_code: string; status: (typeof institutionStatusValues)[number];
  /** every year's quota in force (the latest recorded), by year */
  quotas: { year: number; annual_quota: string; reserve_share: string }[];
  /** Σ fund-payable of each month of the year asked (fen as text) */
  months: { month: string; fund_payable: string }[];
}

/** The institutions of the pooling region (optionally of one kind and status), by code, with their quotas and the year's settled months. */
export async function institutionsWithQuotas(tx: Tx, poolingRegion: string, year: number, filter: { kind?: InstitutionKind; status?: string }): Promise<InstitutionListRow[]> {
  const { rows } = await sql<InstitutionListRow>`select i.code, i.name, i.kind, i.region_code, i.status,
      coalesce((select json_agg(json_build_object('year', q.year, 'annual_quota', q.annual_quota::text, 'reserve_share', q.reserve_share::text) order by q.year)
        from (select distinct on (year) year, annual_quota, reserve_share from medical_quota where institution_id = i.id order by year, recorded_at desc, id desc) q), '[]') as quotas,
      coalesce((select json_agg(json_build_object('month', s.month, 'fund_payable', s.fund_payable::text) order by s.month)
        from (select month, sum(fund_payable) as fund_payable from medical_monthly_settlement where institution_id = i.id and month like ${`${year}-%`} group by month) s), '[]') as months
    from medical_institution i
    where i.pooling_region_code = ${poolingRegion}
      and (${filter.kind ?? null}::text is null or i.kind = ${filter.kind ?? null})
      and (${filter.status ?? null}::text is null or i.status = ${filter.status ?? null})
    order by i.code`.execute(tx);
  return rows;
}
