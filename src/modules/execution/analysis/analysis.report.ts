/**
 * 「YYYY年M月社会保险基金收支分析」 as a report of the kernel's report layer: the 综述 (analysisSummary: the figures in
 * sentences), the headline, the months of payment capacity, each fund's income and expense, the largest deviations
 * with their drivers, and the open alerts, a section (an XLSX sheet) each; JSON is the analysis itself.
 */
import { render } from '../../../platform/messages.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { divideRounded, formatDecimal, parseYuan, tenThousandYuan } from '../../../platform/money.ts';
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
  claimants: { name: '领取失业保险金人数', unit: '人' },
  averageBenefit: { name: '人均失业保险金', unit: '元' },
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

/** 万元 with thousands separated: "12,345.68". */
const tenThousand = (yuan: string) => {
  const text = tenThousandYuan(parseYuan(yuan));
  const [whole, fraction] = text.replace(/^-/, '').split('.');
  return `${text.startsWith('-') ? '-' : ''}${BigInt(whole).toLocaleString('en-US')}.${fraction}`;
};
/** "同比增长 4.17%", "同比减少 2.5%", "上年同期无收支" or "上年同期为零". */
const yearOnYear = (comparison: Comparison) => {
  if (comparison.lastYear === null) return '上年同期无收支';
  if (comparison.changeRate === null) return '上年同期为零';
  const rate = comparison.changeRate.replace(/^-/, '');
  return `同比${comparison.changeRate.startsWith('-') ? '减少' : '增长'} ${percentText(rate)}`;
};
/** actual ÷ budget of the funds with an approved budget, four decimals, or null when none has one. */
function budgetRate(funds: AnalysisReport['funds'], side: 'income' | 'expense'): string | null {
  const budgeted = funds.filter((fund) => fund.budgetApproved && parseYuan(fund[side].budget) > 0n);
  if (!budgeted.length) return null;
  const budget = budgeted.reduce((sum, fund) => sum + parseYuan(fund[side].budget), 0n);
  const actual = budgeted.reduce((sum, fund) => sum + parseYuan(fund[side].yearToDate.current), 0n);
  return formatDecimal({ units: divideRounded(actual * 10_000n, budget), scale: 4 });
}
/** "-0.1234" → "低于时间进度 12.34 个百分点". */
const pointsFromProgress = (deviation: string) =>
  `${deviation.startsWith('-') ? '低于' : '高于'}时间进度 ${percentText(deviation.replace(/^-/, '')).replace('%', '')} 个百分点`;

/**
 * 综述: the analysis told in sentences a director reads first — the year to date's income, expense and surplus with
 * their change on last year, the month's, the budget execution against the time progress, the accumulated balance and
 * the fund with the fewest months of payment capacity, the line furthest off with its drivers, the open alerts. Every
 * figure is one of the analysis's own (万元 here, 元 in the tables), none is computed another way.
 */
export function analysisSummary(analysis: Omit<AnalysisReport, 'summary'>): string[] {
  const where = analysis.regionName ?? analysis.region;
  if (!analysis.hasMovement) return [`${where}各项社会保险基金 ${analysis.year} 年截至 ${analysis.month} 月无收支记录。`];
  const { income, expense, surplus } = analysis.headline;
  const sentences = [
    `截至 ${analysis.year} 年 ${analysis.month} 月，${where}各项社会保险基金本年累计收入 ${tenThousand(income.yearToDate.current)} 万元，${yearOnYear(income.yearToDate)}；`
      + `累计支出 ${tenThousand(expense.yearToDate.current)} 万元，${yearOnYear(expense.yearToDate)}；当期结余 ${tenThousand(surplus.yearToDate.current)} 万元。`,
    `${analysis.month} 月当月收入 ${tenThousand(income.month.current)} 万元（${yearOnYear(income.month)}），支出 ${tenThousand(expense.month.current)} 万元（${yearOnYear(expense.month)}）。`,
  ];
  const [incomeRate, expenseRate] = [budgetRate(analysis.funds, 'income'), budgetRate(analysis.funds, 'expense')];
  sentences.push(incomeRate === null && expenseRate === null
    ? '本年尚无批复的基金预算，未作预算执行分析。'
    : `已批复预算的基金收入预算执行率 ${incomeRate === null ? '—' : percentText(incomeRate)}，支出预算执行率 ${expenseRate === null ? '—' : percentText(expenseRate)}，时间进度 ${percentText(analysis.timeProgress)}。`);
  const capacities = analysis.funds.filter((fund) => fund.monthsOfPaymentCapacity !== null);
  const fewest = capacities.reduce<(typeof capacities)[number] | null>((low, fund) => (low === null || Number(fund.monthsOfPaymentCapacity) < Number(low.monthsOfPaymentCapacity) ? fund : low), null);
  sentences.push(`累计结余 ${tenThousand(analysis.headline.accumulatedBalance)} 万元${fewest ? `，可支付月数最少的是${fewest.name}（${Number(fewest.monthsOfPaymentCapacity).toFixed(1)} 个月）` : ''}。`);
  const [largest] = analysis.deviations;
  if (largest) {
    const drivers = largest.drivers.length ? `，相关因素：${largest.drivers.map(driverText).join('；')}` : '';
    // 「社会保险待遇支出」 says its side already; 「基本养老金」 does not
    const side = largest.name.endsWith(sideNames[largest.side]) ? '' : `（${sideNames[largest.side]}）`;
    sentences.push(`执行偏差最大的是${largest.fundName}「${largest.name}」${side}，预算执行率 ${percentText(largest.rate)}，${pointsFromProgress(largest.deviation)}${drivers}。`);
  }
  const critical = analysis.openAlerts.filter((alert) => alert.severity === 'critical').length;
  sentences.push(analysis.openAlertsTotal === 0 ? '无未办结的基金运行预警。' : `未办结的基金运行预警 ${analysis.openAlertsTotal} 条${critical ? `，其中严重 ${critical} 条` : ''}。`);
  return sentences;
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
      reportSection<{ text: string }>({
        name: '综述', title: '综述', rows: analysis.summary.map((text) => ({ text })),
        columns: [{ key: 'text', title: '综述', unit: 'text', width: 120 }],
      }),
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
