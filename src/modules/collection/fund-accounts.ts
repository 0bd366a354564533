/**
 * The fund ledger accounts contributions book to (chart src/modules/ledger/chart/2018.yaml, 财会〔2017〕28号):
 * billing debits the receivable against premium revenue; a payment debits the income bank account (收入户)
 * against the receivable, and a late fee (滞纳金) against other income.
 */
export const INCOME_BANK_ACCOUNT = '1002';      // 收入户存款
export const RECEIVABLE_ACCOUNT = '1131';       // 应收社会保险费
export const PREMIUM_REVENUE_ACCOUNT = '4001';  // 社会保险费收入
export const OTHER_INCOME_ACCOUNT = '4009';     // 其他收入
