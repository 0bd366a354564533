/**
 * Typed SQL of the responsibility-sharing settlement: the pension funds of a province (pooled at the province, or
 * below it), the accounts the remittances post to, and the settlements (migrations/0065_sharing_settlement.sql).
 */
import type { Tx } from '../../../platform/actor.ts';
import './sharing-settlement.tables.ts';

/** The funds of a pension insurance (pension, public_pension) whose pooling region lies in the province (`prefix`): codes and regions. */
export const pensionFundsWithin = (tx: Tx, insurance: string, prefix: string) =>
  tx.selectFrom('fund').select(['code', 'region_code']).where('insurance', '=', insurance).where('region_code', 'like', `${prefix}%`).orderBy('code').execute();

/** A fund's 财政专户 and its revenue account of a budget subject (code and name). */
export async function accountsOf(tx: Tx, fund: string, subject: string) {
  const rows = await tx.selectFrom('fund_account').innerJoin('fund', 'fund.id', 'fund_account.fund_id')
    .select(['fund_account.role', 'fund_account.code', 'fund_account.name', 'fund_account.subject']).where('fund.code', '=', fund)
    .where((eb) => eb.or([eb('fund_account.role', '=', 'special_bank'), eb('fund_account.subject', '=', subject)])).execute();
  return { specialBank: rows.find((row) => row.role === 'special_bank'), revenue: rows.find((row) => row.role === 'revenue' && row.subject === subject) };
}

export type SharingSettlementRow = Awaited<ReturnType<typeof settlementsOf>>[number];

/** The settlements of a year (those of one province when given), as the caller's scope sees them. */
export function settlementsOf(tx: Tx, input: { scheme: string; year: number; province?: string }) {
  let query = tx.selectFrom('sharing_settlement').selectAll().where('scheme', '=', input.scheme).where('year', '=', input.year);
  if (input.province !== undefined) query = query.where('region_code', '=', input.province);
  return query.orderBy('region_code').execute();
}

export const countiesOf = (tx: Tx, settlementIds: bigint[]) => (settlementIds.length === 0 ? Promise.resolve([]) :
  tx.selectFrom('sharing_settlement_county').selectAll().where('settlement_id', 'in', settlementIds).orderBy('region_code').execute());

export async function insertSettlement(tx: Tx, settlement: {
  id: bigint; region_code: string; scheme: string; year: number; fund: string; gap: bigint; borne: bigint; remitted: bigint; settled_on: string;
  approval_item_id: bigint; submitted_by: string; approved_by: string;
}, counties: { region_code: string; gap: bigint; own_gap: bigint; province_share: bigint; city_share: bigint; county_share: bigint; entry_id: bigint | null }[]) {
  await tx.insertInto('sharing_settlement').values(settlement).execute();
  if (counties.length) await tx.insertInto('sharing_settlement_county').values(counties.map((county) => ({ settlement_id: settlement.id, ...county }))).execute();
}
