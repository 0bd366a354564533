/**
 * 社会保险费缴费凭证 as a report: JSON is the receipt, the PDF its printed page (receipt.page.ts), XLSX and CSV the
 * lines it paid (冲抵明细) with their total.
 */
import { reportSection, type Report } from '../../../platform/reports/report.ts';
import { insuranceNames } from '../billing/bill-notice.page.ts';
import { partNames, paymentReceiptPage } from './receipt.page.ts';
import type { PaymentReceipt, ReceiptLine } from './receipt.service.ts';

/** 社会保险法 第六十条 (the employer pays the contributions in full and on time) and 第八十六条 (the late fee). */
const LEGAL_BASIS = '《中华人民共和国社会保险法》第六十条、第八十六条';

type LineRow = ReceiptLine & { insuranceName: string; partName: string };

export function paymentReceiptReport(receipt: PaymentReceipt): Report<PaymentReceipt> {
  return {
    title: '社会保险费缴费凭证', titleEnglish: 'Social insurance contribution receipt', fileName: `缴费凭证-${receipt.number}`,
    parameters: [
      { label: '凭证号', value: receipt.number }, { label: '单位', value: `${receipt.employerName}（${receipt.creditCode}）` }, { label: '到账日期', value: receipt.date },
      { label: '实收金额', value: `${receipt.amount} 元` }, ...(receipt.reversed ? [{ label: '冲正', value: `已于 ${receipt.reversed.date} 冲正` }] : []),
    ],
    legalBasis: LEGAL_BASIS, data: receipt, printablePage: () => paymentReceiptPage(receipt),
    sections: [
      reportSection<LineRow>({
        name: '冲抵明细', title: '冲抵明细 Applied to', totals: '合计', main: true,
        rows: receipt.lines.map((line) => ({ ...line, insuranceName: insuranceNames[line.insurance] ?? line.insurance, partName: partNames[line.part] })),
        columns: [
          { key: 'billNumber', title: '通知单号', titleEnglish: 'Bill', unit: 'text', width: 24 },
          { key: 'period', title: '费款所属期', titleEnglish: 'Period', unit: 'period' },
          { key: 'insuranceName', title: '险种', titleEnglish: 'Insurance', unit: 'text', width: 10 },
          { key: 'partName', title: '冲抵项目', titleEnglish: 'Part', unit: 'text', width: 10 },
          { key: 'date', title: '冲抵日期', titleEnglish: 'Date', unit: 'date' },
          { key: 'amount', title: '金额', titleEnglish: 'Amount', unit: 'money', sum: true },
        ],
      }),
    ],
  };
}
