/**
 * 「YYYY年度社会保险基金决算表」 as a report of the kernel's report layer: the table of every fund (科目, 预算数, 决算数,
 * 完成预算%, 差额; a fund a group) and the narrative of the largest gaps (差额原因说明); a draft says 草案 in its title.
 * JSON is the final accounts themselves.
 */
import { reportSection, type Report } from '../../../platform/reports/report.ts';
import type { FinalAccounts } from './settlement.service.ts';

interface TableRow { fund: string; subject: string; name: string; side: string; budget: string; actual: string; completionRate: string | null; gap: string; topLevel: boolean }
interface CauseRow { fund: string; subject: string; text: string }

const sideNames = { income: '收入', expense: '支出' } as const;

export function finalAccountsTitle(accounts: Pick<FinalAccounts, 'year' | 'draft'>): string {
  return `${accounts.year}年度社会保险基金决算表${accounts.draft ? '（草案）' : ''}`;
}

export function finalAccountsDocument(accounts: FinalAccounts): Report<FinalAccounts> {
  return {
    title: finalAccountsTitle(accounts), titleEnglish: `Final accounts of the social insurance funds, ${accounts.year}${accounts.draft ? ' (draft)' : ''}`,
    fileName: `决算-${accounts.region}-${accounts.year}${accounts.draft ? '-草案' : ''}`,
    parameters: [
      { label: '区划', value: accounts.regionName ? `${accounts.regionName}（${accounts.region}）` : accounts.region },
      { label: '截至', value: accounts.asOf }, { label: '金额单位', value: '元' },
      ...(accounts.draft ? [{ label: '状态', value: '草案（年度未结束）' }] : []),
    ],
    legalBasis: '社会保险经办条例 第三十九条；财社〔2017〕144号（基金决算）',
    landscape: true,
    data: accounts,
    sections: [
      reportSection<TableRow>({
        name: '决算表', title: '一、基金预算执行决算', main: true,
        rows: accounts.funds.flatMap((fund) => fund.lines.map((line) => ({
          fund: `${fund.name}（${fund.fund}）`, subject: line.subject, name: line.parentSubject ? `  其中：${line.name}` : line.name, side: sideNames[line.side],
          budget: line.budget, actual: line.actual, completionRate: line.completionRate, gap: line.gap, topLevel: line.parentSubject === null,
        }))),
        groupBy: (row) => row.fund,
        strong: (row) => row.topLevel,
        columns: [
          { key: 'name', title: '科目', unit: 'text', width: 28 }, { key: 'side', title: '收支', unit: 'text', width: 6 },
          { key: 'budget', title: '预算数', unit: 'money' }, { key: 'actual', title: '决算数', unit: 'money' },
          { key: 'completionRate', title: '完成预算%', unit: 'rate' }, { key: 'gap', title: '差额', unit: 'money' },
        ],
      }),
      reportSection<CauseRow>({
        name: '差额原因说明', title: '二、差额较大项目的原因说明',
        rows: accounts.funds.flatMap((fund) => fund.causes.map((cause) => ({ fund: fund.name, subject: cause.subject, text: cause.text }))),
        columns: [{ key: 'fund', title: '基金', unit: 'text', width: 28 }, { key: 'text', title: '原因说明', unit: 'text', width: 100 }],
      }),
    ],
  };
}
