/** 缴款记录 as a file: every payment matching the list's filters, newest first, the amounts summed. */
import { formatYuan } from '../../../platform/money.ts';
import type { ReportColumn } from '../../../platform/reports/report.ts';
import type { ReportStream } from '../../../platform/reports/stream.ts';
import type { PaymentListRow } from './payments.repository.ts';
import type { PaymentListQuery } from './payments.service.ts';

/** 缴款方式 */
export const sourceNames: Record<PaymentListRow['source'], string> = { bank_file: '银行代收', manual: '手工登记', tax: '税务征收' };

interface PaymentLine {
  date: string; employerName: string; creditCode: string; amount: string; sourceName: string; transactionId: string | null; reference: string | null; reversed: string;
}

export const paymentLine = (payment: PaymentListRow): PaymentLine => ({
  date: payment.paid_on, employerName: payment.employer_name, creditCode: payment.credit_code, amount: formatYuan(payment.amount),
  sourceName: sourceNames[payment.source], transactionId: payment.transaction_id, reference: payment.reference, reversed: payment.reversed_on ? `已冲正 ${payment.reversed_on}` : '',
});

const columns: ReportColumn<PaymentLine>[] = [
  { key: 'date', title: '到账日期', unit: 'date' },
  { key: 'employerName', title: '单位名称', unit: 'text', width: 30 },
  { key: 'creditCode', title: '统一社会信用代码', unit: 'text', width: 20 },
  { key: 'amount', title: '金额', unit: 'money', sum: true },
  { key: 'sourceName', title: '来源', unit: 'text', width: 10 },
  { key: 'transactionId', title: '流水号', unit: 'text', width: 22 },
  { key: 'reference', title: '附言', unit: 'text', width: 24 },
  { key: 'reversed', title: '冲正', unit: 'text', width: 16 },
];

export function paymentsReport(filter: PaymentListQuery): Omit<ReportStream<PaymentLine>, 'pages'> {
  const parameters = [
    ...(filter.employer ? [{ label: '统一社会信用代码', value: filter.employer }] : []),
    ...(filter.from ? [{ label: '到账日期起', value: filter.from }] : []),
    ...(filter.to ? [{ label: '到账日期止', value: filter.to }] : []),
    ...(filter.minAmount ? [{ label: '金额不低于（元）', value: filter.minAmount }] : []),
    ...(filter.maxAmount ? [{ label: '金额不高于（元）', value: filter.maxAmount }] : []),
  ];
  return { title: '缴款记录', titleEnglish: 'Payments', fileName: '缴款记录', sheetName: '缴款记录', columns, parameters, totals: '合计', landscape: true };
}
