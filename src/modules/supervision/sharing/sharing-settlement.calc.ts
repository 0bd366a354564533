/**
 * What the settlement of a year's responsibility sharing moves (责任分担结算, issue 15 R9.6), as pure functions.
 *
 * The enterprise pension fund is pooled at the province (统收统支: one fund, pension-<province>, pays every county's
 * pensions and takes every county's contributions; 国发〔2018〕18号 and the provincial pooling rules, seed 001 广西
 * 自治区级统筹): a county's gap has already been paid out of the pooled fund. The shares say who makes it good:
 *  - the province's share stays with the pooled fund (its balance and the provincial budget's subsidy): nothing moves;
 *  - the city's and the county's shares are remitted up (上解) by those governments into the pooled fund's 财政专户:
 *    Dr 财政专户 / Cr 下级上解收入 (财会〔2017〕28号: 下级上解收入, the pooled fund's income from the lower levels),
 *    one entry per county, a credit line per level; the paying side is the city's or county's general budget
 *    (上解上级支出 there), outside the fund books [check: whether the province books these as 财政补贴收入 instead].
 * borne + the remittances = the gap, to the fen, because the shares add up to the gap (sharing.calc.ts).
 */
import type { LineInput } from '../../ledger/index.ts';
import type { Shares } from './sharing.calc.ts';

/** The city of a county (GB/T 2260: the first four digits). */
export const cityOf = (county: string) => `${county.slice(0, 4)}00`;

export interface Remittance { level: 'city' | 'county'; region: string; amount: bigint }
export interface CountySettlement { county: string; borne: bigint; remittances: Remittance[]; remitted: bigint }

/** A county's shares settled: the province's borne by the pooled fund, the city's and the county's remitted (a zero share remits nothing). */
export function settleCountyShares(county: string, shares: Shares): CountySettlement {
  const remittances = ([
    { level: 'city', region: cityOf(county), amount: shares.city },
    { level: 'county', region: county, amount: shares.county },
  ] as Remittance[]).filter((remittance) => remittance.amount > 0n);
  return { county, borne: shares.province, remittances, remitted: remittances.reduce((sum, remittance) => sum + remittance.amount, 0n) };
}

/**
 * The lines of a county's entry in the pooled fund: Dr 财政专户 the remitted total / Cr 下级上解收入 each level's
 * share, with the paying region as the line's reference. Balanced by construction; none when nothing is remitted.
 */
export function remittanceLines(settlement: CountySettlement, accounts: { specialBank: string; lowerLevelRemittance: string }, memo: Record<Remittance['level'], string>): LineInput[] {
  if (settlement.remitted === 0n) return [];
  return [
    { account: accounts.specialBank, debit: settlement.remitted, reference: settlement.county },
    ...settlement.remittances.map((remittance) => ({ account: accounts.lowerLevelRemittance, credit: remittance.amount, reference: remittance.region, memo: memo[remittance.level] })),
  ];
}
