/** 个人账户对账单 as a report, for the counter and for the insured person: opening, credits, interest, closing. */
import { reportSection, type Report } from '../../../platform/reports/report.ts';
import { maskIdNumber } from '../../../platform/personal-data.ts';
import type { AccountStatement } from './accounts.service.ts';

/** 人社部发〔2017〕31号: the individual account is credited each year at the published crediting rate (记账利率). */
const LEGAL_BASIS = '《统一和规范职工养老保险个人账户记账利率办法》（人社部发〔2017〕31号）';

const kindLabels: Record<string, string> = {
  contribution: '缴费记账 Contribution', back_interest: '补记利息 Interest on a back-payment', opening: '建账余额 Opening balance', transfer_in: '转入 Transfer in', transfer_out: '转出 Transfer out',
};

interface StatementRow { period: string | null; item: string; billNumber: string | null; employerName: string | null; amount: string; strong: boolean }

export function accountStatementReport(statement: AccountStatement): Report<AccountStatement> {
  const line = (item: string, amount: string, strong = false): StatementRow => ({ period: null, item, billNumber: null, employerName: null, amount, strong });
  const rows: StatementRow[] = [
    line('上年末余额 Opening balance', statement.opening, true),
    ...statement.credits.map((credit) => ({
      period: credit.period, item: kindLabels[credit.kind] ?? credit.kind, billNumber: credit.billNumber, employerName: credit.employerName, amount: credit.amount, strong: false,
    })),
    line('本年记账合计 Credits', statement.creditsTotal),
    line(`本年利息 Interest${statement.rate === null ? '（未计息 not yet credited）' : `（记账利率 ${statement.rate}）`}`, statement.interest),
    line('年末余额 Closing balance', statement.closing, true),
  ];
  return {
    title: '个人账户对账单', titleEnglish: 'Individual account statement',
    // The file name carries the person's name, never the ID number (file names end up in logs, mail and shares).
    fileName: `个人账户对账单-${statement.name || maskIdNumber(statement.idNumber)}-${statement.year}`,
    parameters: [{ label: '姓名', value: statement.name }, { label: '公民身份号码', value: statement.idNumber }, { label: '年度', value: String(statement.year) }, { label: '金额单位', value: '元' }],
    legalBasis: LEGAL_BASIS, data: statement,
    sections: [reportSection<StatementRow>({
      name: '个人账户对账单', rows, strong: (row) => row.strong,
      columns: [
        { key: 'period', title: '所属期', titleEnglish: 'Period', unit: 'period', width: 12 },
        { key: 'item', title: '摘要', titleEnglish: 'Item', unit: 'text', width: 34 },
        { key: 'billNumber', title: '缴费通知单', titleEnglish: 'Bill', unit: 'text', width: 24 },
        { key: 'employerName', title: '参保单位', titleEnglish: 'Employer', unit: 'text', width: 34 },
        { key: 'amount', title: '金额', titleEnglish: 'Amount', unit: 'money', width: 18 },
      ],
    })],
  };
}
