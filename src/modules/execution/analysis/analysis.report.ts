/**
 * 「YYYY年M月社会保险基金收支分析」 as a report of the kernel's report layer: the headline, the months of payment
 * capacity, each fund's income and expense, the largest deviations with their drivers, and the open alerts, a section
 * (an XLSX sheet) each; JSON is the analysis itself.
 */
import { render } from '../../../platform/messages.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { percentText, reportSection, type Report } from '../../../platform/reports/report.ts';
import type { AlertStatus } from '../alerts.statuses.ts';
import { executionSaid } from '../execution.messages.ts';
import type { Comparison, Driver, DriverName } from './analysis.calc.ts';
import type { AnalysisReport, PeriodComparison, SideAnalysis } from './analysis.service.ts';

interface ComparisonRow {
  month: string; lastYearMonth: string | null; monthChange: string | null; monthChangeRate: string | null;
  yearToDate: string; lastYearToDate: string | null; yearToDateChange: string | null; yearToDateChangeRate: string | null;
}
interface HeadlineRow extends ComparisonRow { item: string }
interface CapacityRow { fund: string; name: string; accumulatedBalance: string; monthsOfPaymentCapacity: string | null }
interface FundRow extends ComparisonRow { fund: string; name: string; side: string; budget: string; rate: string | null; deviation: string | null }
interface DeviationRow { fund: string; fundName: string; name: string; side: string; budget: string; actual: string; rate: string; deviation: string; drivers: string }
interface AlertRow { fund: string; title: string; severity: string; status: string; period: string; raisedAt: string }

const sideNames = { income: '收入', expense: '支出' } as const;
const severityNames = { warning: '预警', critical: '严重' } as const;
const statusNames: Record<AlertStatus, string> = {
  raised: render(executionSaid.raised(), 'zh-CN'), acknowledged: render(executionSaid.acknowledged(), 'zh-CN'),
  resolved: render(executionSaid.resolved(), 'zh-CN'), auto_resolved: render(executionSaid.autoResolved(), 'zh-CN'),
};
const driverNames: Record<DriverName, { name: string; unit: string }> = {
  contributors: { name: '缴费人数', unit: '人' },
  averageBase: { name: '人均缴费基数', unit: '元' },
  pensioners: { name: '领取待遇人数', unit: '人' },
  averagePension: { name: '人均待遇', unit: '元' },
};

const comparisonRow = ({ month, yearToDate }: PeriodComparison): ComparisonRow => ({
  month: month.current, lastYearMonth: month.lastYear, monthChange: month.change, monthChangeRate: month.changeRate,
  yearToDate: yearToDate.current, lastYearToDate: yearToDate.lastYear, yearToDateChange: yearToDate.change, yearToDateChangeRate: yearToDate.changeRate,
});

const comparisonColumns = [
  { key: 'month', title: '本月', unit: 'money' },
  { key: 'lastYearMonth', title: '上年同月', unit: 'money' },
  { key: 'monthChange', title: '同比增减', unit: 'money' },
  { key: 'monthChangeRate', title: '同比增幅', unit: 'rate' },
  { key: 'yearToDate', title: '本年累计', unit: 'money' },
  { key: 'lastYearToDate', title: '上年同期累计', unit: 'money' },
  { key: 'yearToDateChange', title: '累计同比增减', unit: 'money' },
  { key: 'yearToDateChangeRate', title: '累计同比增幅', unit: 'rate' },
] as const;

/** "缴费人数 1250人（上年同月 1200人，增长 4.17%）". */
export function driverText(driver: Driver): string {
  const { name, unit } = driverNames[driver.driver];
  const last = (comparison: Comparison) => {
    if (comparison.lastYear === null) return '（上年同月无数据）';
    const rate = comparison.changeRate === null ? '' : `，${comparison.changeRate.startsWith('-') ? '减少' : '增长'} ${percentText(comparison.changeRate.replace(/^-/, ''))}`;
    return `（上年同月 ${comparison.lastYear}${unit}${rate}）`;
  };
  return `${name} ${driver.current}${unit}${last(driver)}`;
}

export function analysisTitle(analysis: Pick<AnalysisReport, 'year' | 'month'>): string {
  return `${analysis.year}年${analysis.month}月社会保险基金收支分析`;
}

export function analysisDocument(analysis: AnalysisReport): Report<AnalysisReport> {
  const sideRow = (fund: AnalysisReport['funds'][number], side: 'income' | 'expense'): FundRow => {
    const figures: SideAnalysis = fund[side];
    return { fund: fund.fund, name: fund.name, side: sideNames[side], ...comparisonRow(figures), budget: figures.budget, rate: figures.rate, deviation: figures.deviation };
  };
  return {
    title: analysisTitle(analysis), titleEnglish: `Fund income and expenditure analysis, ${analysis.year}-${String(analysis.month).padStart(2, '0')}`,
    fileName: `基金收支分析-${analysis.region}-${analysis.year}-${String(analysis.month).padStart(2, '0')}`,
    parameters: [
      { label: '区划', value: analysis.regionName ? `${analysis.regionName}（${analysis.region}）` : analysis.region },
      { label: '截至', value: analysis.asOf }, { label: '时间进度', value: percentText(analysis.timeProgress) }, { label: '金额单位', value: '元' },
    ],
    legalBasis: '社会保险经办条例 第三十九条；财社〔2017〕144号（预算执行情况分析）',
    landscape: true,
    data: analysis,
    sections: [
      reportSection<HeadlineRow>({
        name: '总体情况', title: '一、基金收支总体情况', main: true,
        rows: [
          { item: '基金收入', ...comparisonRow(analysis.headline.income) },
          { item: '基金支出', ...comparisonRow(analysis.headline.expense) },
          { item: '当期结余', ...comparisonRow(analysis.headline.surplus) },
        ],
        columns: [{ key: 'item', title: '项目', unit: 'text', width: 12 }, ...comparisonColumns],
      }),
      reportSection<CapacityRow>({
        name: '累计结余', title: '二、累计结余及可支付月数', totals: '合计',
        rows: analysis.funds.map((fund) => ({ fund: fund.fund, name: fund.name, accumulatedBalance: fund.accumulatedBalance, monthsOfPaymentCapacity: fund.monthsOfPaymentCapacity })),
        columns: [
          { key: 'fund', title: '基金代码', unit: 'text', width: 22 }, { key: 'name', title: '基金', unit: 'text', width: 28 },
          { key: 'accumulatedBalance', title: '累计结余', unit: 'money', sum: true },
          { key: 'monthsOfPaymentCapacity', title: '可支付月数', unit: 'text', width: 12 },
        ],
      }),
      reportSection<FundRow>({
        name: '分基金收支', title: '三、分基金收支及预算执行',
        rows: analysis.funds.flatMap((fund) => [sideRow(fund, 'income'), sideRow(fund, 'expense')]),
        columns: [
          { key: 'name', title: '基金', unit: 'text', width: 28 }, { key: 'side', title: '收支', unit: 'text', width: 6 },
          ...comparisonColumns,
          { key: 'budget', title: '年度预算', unit: 'money' }, { key: 'rate', title: '预算执行率', unit: 'rate' },
          { key: 'deviation', title: '偏离时间进度', unit: 'rate' },
        ],
      }),
      reportSection<DeviationRow>({
        name: '偏差及原因', title: '四、执行偏差较大的项目及因素',
        rows: analysis.deviations.map((deviation) => ({
          fund: deviation.fund, fundName: deviation.fundName, name: deviation.name, side: sideNames[deviation.side], budget: deviation.budget, actual: deviation.actual,
          rate: deviation.rate, deviation: deviation.deviation, drivers: deviation.drivers.map(driverText).join('；'),
        })),
        columns: [
          { key: 'fundName', title: '基金', unit: 'text', width: 28 }, { key: 'name', title: '预算科目', unit: 'text', width: 20 },
          { key: 'side', title: '收支', unit: 'text', width: 6 }, { key: 'budget', title: '年度预算', unit: 'money' },
          { key: 'actual', title: '累计执行', unit: 'money' }, { key: 'rate', title: '预算执行率', unit: 'rate' },
          { key: 'deviation', title: '偏离时间进度', unit: 'rate' }, { key: 'drivers', title: '相关因素', unit: 'text', width: 60 },
        ],
      }),
      reportSection<AlertRow>({
        name: '运行预警', title: '五、未办结的基金运行预警',
        rows: analysis.openAlerts.map((alert) => ({
          fund: alert.fund, title: alert.title, severity: severityNames[alert.severity], status: statusNames[alert.status], period: alert.period, raisedAt: todayInChina(new Date(alert.raisedAt)),
        })),
        columns: [
          { key: 'fund', title: '基金代码', unit: 'text', width: 22 }, { key: 'title', title: '预警事项', unit: 'text', width: 40 },
          { key: 'severity', title: '级别', unit: 'text', width: 8 }, { key: 'status', title: '状态', unit: 'text', width: 8 },
          { key: 'period', title: '所属期', unit: 'period' }, { key: 'raisedAt', title: '发出日期', unit: 'date' },
        ],
      }),
    ],
  };
}
