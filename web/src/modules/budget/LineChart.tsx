/**
 * One budget line's chart: its actual amount in each year, the imported past final accounts (历年决算) and the ledger's
 * years in two colours (bars; a ledger year with fewer than 12 actual months says how many) and, in the budget year,
 * the drafted amount beside the budget amount. Display only: yuan
 * strings become 万元 numbers for the chart; the table keeps the exact amounts.
 */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { toFen } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import type { BudgetLineActuals } from './types.ts';

echarts.use([BarChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type AnnualActual = BudgetLineActuals['funds'][number]['lines'][number]['years'][number];

/** 万元 with two decimals, for the chart's scale only. */
const tenThousands = (yuan: string) => Number(toFen(yuan)) / 1_000_000;

export default function LineChart({ year, actuals, drafted, amount }: { year: number; actuals: readonly AnnualActual[]; drafted: string; amount: string }) {
  const { t } = useI18n();
  const years = [...new Set([...actuals.map((annual) => annual.year), year])].sort((a, b) => a - b);
  const label = (each: number) => {
    const annual = actuals.find((entry) => entry.year === each);
    return annual && annual.actualMonths < 12 ? t('budget.chart.partial', { year: each, months: annual.actualMonths }) : String(each);
  };
  const atBudgetYear = (value: string) => years.map((each) => (each === year ? tenThousands(value) : null));
  const option = {
    animation: false,
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: number | null) => (value === null || value === undefined ? '—' : `${value.toFixed(2)} ${t('budget.chart.tenThousand')}`),
    },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: years.map(label) },
    yAxis: { type: 'value', name: t('budget.chart.tenThousand') },
    series: [
      ...([['final_accounts', t('budget.chart.finalAccounts'), '#b7c4d6'], ['ledger', t('budget.chart.actual'), '#91b4f0']] as const).map(([source, name, color]) => ({
        // one bar a year: the two sources share a stack, a year has one of them
        name, type: 'bar', stack: 'actual', barMaxWidth: 36, itemStyle: { color },
        data: years.map((each) => { const annual = actuals.find((entry) => entry.year === each && entry.source === source); return annual ? tenThousands(annual.amount) : null; }),
      })),
      { name: t('budget.chart.drafted'), type: 'scatter', symbolSize: 14, itemStyle: { color: '#d48806' }, data: atBudgetYear(drafted) },
      { name: t('budget.chart.amount'), type: 'scatter', symbol: 'diamond', symbolSize: 16, itemStyle: { color: '#1558d6' }, data: atBudgetYear(amount) },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 320 }} notMerge />;
}
