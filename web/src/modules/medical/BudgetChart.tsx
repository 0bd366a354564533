/** 总额预算执行: each institution's year quota against what the fund bore so far (bars), and the months' settled total (a line). */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { fenToYuan, toFen } from '../../format.ts';
import type { Institution } from './types.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface BudgetChartLabels { quota: string; settled: string; monthly: string; yuan: string }

/** Display only: the yuan strings become numbers for the chart; the months' totals are summed in fen first. */
export default function BudgetChart({ institutions, labels }: { institutions: readonly Institution[]; labels: BudgetChartLabels }) {
  const months = [...new Set(institutions.flatMap((institution) => institution.monthly.map((month) => month.month)))].sort();
  const monthTotal = (month: string) => fenToYuan(institutions.reduce((sum, institution) => sum + toFen(institution.monthly.find((m) => m.month === month)?.settled ?? '0'), 0n));
  const option = {
    animation: false,
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    grid: [{ left: 8, right: 8, top: 40, height: 220, containLabel: true }, { left: 8, right: 8, top: 320, height: 160, containLabel: true }],
    xAxis: [
      { type: 'category', gridIndex: 0, data: institutions.map((institution) => institution.name), axisLabel: { interval: 0, rotate: 30, fontSize: 11 } },
      { type: 'category', gridIndex: 1, data: months },
    ],
    yAxis: [{ type: 'value', gridIndex: 0, name: labels.yuan }, { type: 'value', gridIndex: 1, name: labels.yuan }],
    series: [
      { name: labels.quota, type: 'bar', xAxisIndex: 0, yAxisIndex: 0, data: institutions.map((i) => (i.quota === null ? null : Number(i.quota))), itemStyle: { color: '#91b4f0' }, barMaxWidth: 24 },
      { name: labels.settled, type: 'bar', xAxisIndex: 0, yAxisIndex: 0, data: institutions.map((i) => Number(i.settled)), itemStyle: { color: '#1558d6' }, barMaxWidth: 24 },
      { name: labels.monthly, type: 'line', xAxisIndex: 1, yAxisIndex: 1, data: months.map((month) => Number(monthTotal(month))), itemStyle: { color: '#d48806' } },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 520 }} notMerge />;
}
