/**
 * The bank's collection file (代收明细), read by the import pipeline (src/platform/imports): CSV (UTF-8 or
 * GB18030/GBK) or XLSX, one payment per row, header `date,creditCode,amount,reference,transactionId` or the Chinese
 * titles (交易日期, 统一社会信用代码, 金额, 附言, 交易流水号); reference and transactionId optional.
 *
 * A payment's identity (what makes a second import of it a repeat) is the payment's, never the line's text: the
 * bank's transaction id (交易流水号) when the file gives one; else its date, payer, amount and its sequence among the
 * rows of the file with the same date, payer and amount. So a re-export with a trailing space records nothing twice,
 * and a later file with a second genuine payment (its own transaction id, or one more of the same payments) records it.
 */
import { invalid } from '../../../platform/errors.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import type { ImportSchema } from '../../../platform/imports/index.ts';
import { paymentsSaid } from '../collection.messages.ts';

export const collectionFileSchema: ImportSchema = {
  kind: 'payments',
  columns: [
    { field: 'date', required: true, type: 'date', example: '2026-02-10' },
    { field: 'creditCode', required: true, example: '91110000600037341L' },
    { field: 'amount', required: true, type: 'amount', example: '1234.56' },
    { field: 'reference', example: 'B2026020001' },
    { field: 'transactionId', example: '20260210000123' },
  ],
};

/** A payment amount: yuan with at most two decimals, above zero. */
export function paymentAmount(text: string, field = 'amount'): bigint {
  const amount = parseYuan(text, field);
  if (amount <= 0n) throw invalid(field, paymentsSaid.aboveZero({ amount: formatYuan(amount) }));
  return amount;
}

export interface PaymentIdentity { date: string; creditCode: string; amount: bigint; transactionId: string | null }

/** The import key of a line with the bank's transaction number (交易流水号): this prefix, then the number. */
export const BANK_TRANSACTION_KEY = 'bank:tx:';

/** The import key of each payment of one file, in file order (see the identity above). */
export function paymentImportKeys(payments: PaymentIdentity[]): string[] {
  const seen = new Map<string, number>();
  return payments.map((p) => {
    if (p.transactionId) return `${BANK_TRANSACTION_KEY}${p.transactionId}`;
    const identity = `${p.date}/${p.creditCode}/${p.amount}`;
    const sequence = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, sequence);
    return `bank:${identity}/${sequence}`;
  });
}
