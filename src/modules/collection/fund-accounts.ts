/**
 * The fund ledger accounts contributions book to (chart src/modules/ledger/chart/2018.yaml, 财会〔2017〕28号), on the
 * cash basis (总说明五: 社会保险基金会计核算一般采用收付实现制): nothing is booked when a bill is issued; money that
 * arrives books Dr the receiving bank account / Cr 社会保险费收入 for the contributions it pays and Cr 其他收入 for
 * the late fee (滞纳金); money that pays no bill yet is 暂收款 until a bill takes it (or it is refunded).
 *
 * The receiving account depends on who collects in the employer's region (parameter `collection.model`): where the
 * agency collects, the fund's 收入户 (swept monthly to the 财政专户, 财社〔2017〕144号 第三十九条); where the tax
 * authority collects, the money reaches the 财政专户 through the treasury and there is no 收入户 (第四十条).
 */
import { getParameters } from '../../platform/params/index.ts';

export const INCOME_BANK_ACCOUNT = '1002';      // 收入户存款
export const SPECIAL_BANK_ACCOUNT = '1003';     // 财政专户存款
export const SUSPENSE_RECEIPTS_ACCOUNT = '2201'; // 暂收款
export const PREMIUM_REVENUE_ACCOUNT = '4001';  // 社会保险费收入
export const OTHER_INCOME_ACCOUNT = '4009';     // 其他收入

/** Who collects contributions in a region on a date: the agency (经办机构征收) or the tax authority (税务征收). */
export type CollectionModel = 'agency' | 'tax';

export function collectionModel(regionCode: string, date: string): CollectionModel {
  return getParameters().text('collection.model', date, regionCode) === 'tax' ? 'tax' : 'agency';
}

/** The bank account money collected in the region on `date` arrives in. */
export function receivingAccount(regionCode: string, date: string): string {
  return collectionModel(regionCode, date) === 'tax' ? SPECIAL_BANK_ACCOUNT : INCOME_BANK_ACCOUNT;
}
