/**
 * Printing a ledger page (科目余额表, 收支表, 余额调节表, 记账凭证): the browser prints the page as it is, without the menu,
 * the header and the controls, on A4 (landscape for wide tables) or A5 landscape (a voucher, 凭证纸), under a title
 * and the unit, fund and period, above the signature lines. What only paper shows is in <PrintHeader> and
 * <PrintSignatures>; what paper does not show carries NO_PRINT.
 */
import type { ReactNode } from 'react';
import { Button } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useI18n } from '../../i18n.ts';

export const NO_PRINT = 'sifund-no-print';
const PRINT_ONLY = 'sifund-print-only';

export type PaperSize = 'A4 landscape' | 'A4 portrait' | 'A5 landscape';

/** The print stylesheet of a page; `testId` is the page's card. */
export function PrintStyle({ paper, testId }: { paper: PaperSize; testId: string }) {
  return (
    <style>{`
.${PRINT_ONLY} { display: none; }
@media print {
  @page { size: ${paper}; margin: 10mm 12mm; }
  body { background: #fff !important; }
  .ant-layout-sider, .ant-layout-header, .ant-layout-footer, .ant-breadcrumb, .ant-tabs-nav, .${NO_PRINT} { display: none !important; }
  .ant-layout, .ant-layout-content { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  [data-testid=${testId}] { border: none !important; box-shadow: none !important; }
  [data-testid=${testId}] > .ant-card-head { display: none !important; }
  [data-testid=${testId}] > .ant-card-body { padding: 0 !important; }
  .${PRINT_ONLY} { display: block !important; }
  .ant-table { font-size: 11px !important; }
  .ant-table-cell { padding: 3px 6px !important; }
  tr { break-inside: avoid; }
}`}
    </style>
  );
}

/** The title and the heading lines a printed page carries (编制单位, 基金, 会计期间, 金额单位). */
export function PrintHeader({ title, lines }: { title: ReactNode; lines: { label: string; value: ReactNode }[] }) {
  const { t } = useI18n();
  return (
    <div className={PRINT_ONLY} data-testid="ledger-print-header">
      <h2 style={{ textAlign: 'center', letterSpacing: 4, margin: '0 0 8px' }}>{title}</h2>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 6, fontSize: 12 }}>
        {lines.map((line) => <span key={line.label}>{line.label}：{line.value}</span>)}
        <span>{t('ledger.print.currency')}</span>
      </div>
    </div>
  );
}

/** The signature lines under a printed page: who signs, and the name when it is known (the preparer, a voucher's maker). */
export function PrintSignatures({ signers }: { signers: { label: string; name?: string | null }[] }) {
  const { t } = useI18n();
  return (
    <div className={PRINT_ONLY} style={{ marginTop: 16, fontSize: 12 }} data-testid="ledger-print-signatures">
      <div style={{ display: 'flex', justifyContent: 'space-between' }}>
        {signers.map((signer) => <span key={signer.label}>{signer.label}：{signer.name || '\u3000'.repeat(6)}</span>)}
        <span>{t('ledger.print.printedOn')}：{dayjs().format('YYYY-MM-DD')}</span>
      </div>
    </div>
  );
}

export function PrintButton({ testId }: { testId: string }) {
  const { t } = useI18n();
  return <Button className={NO_PRINT} icon={<PrinterOutlined />} onClick={() => window.print()} data-testid={testId}>{t('ledger.print')}</Button>;
}
