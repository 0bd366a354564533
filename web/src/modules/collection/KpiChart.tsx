/** Billed and paid per month (bars, yuan) with the collection and on-time rates (lines, %) — ECharts, only the parts used. */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { KpiMonth } from './types.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface KpiChartLabels { billed: string; paid: string; collectionRate: string; onTimeRate: string; yuan: string }

/** Display only: the amounts and rates become numbers here, never for arithmetic that is shown as money. No rate (nothing billed) is a gap. */
const rateInPercent = (rate: string | null) => (rate === null ? null : Math.round(Number(rate) * 10_000) / 100);

export default function KpiChart({ months, labels }: { months: KpiMonth[]; labels: KpiChartLabels }) {
  const option = {
    animation: false,
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: months.map((m) => m.period) },
    yAxis: [
      { type: 'value', name: labels.yuan },
      { type: 'value', name: '%', min: 0, splitLine: { show: false } },
    ],
    series: [
      { name: labels.billed, type: 'bar', data: months.map((m) => Number(m.billed)), itemStyle: { color: '#91b4f0' }, barMaxWidth: 28 },
      { name: labels.paid, type: 'bar', data: months.map((m) => Number(m.paid)), itemStyle: { color: '#1558d6' }, barMaxWidth: 28 },
      { name: labels.collectionRate, type: 'line', yAxisIndex: 1, data: months.map((m) => rateInPercent(m.collectionRate)), itemStyle: { color: '#389e0d' } },
      { name: labels.onTimeRate, type: 'line', yAxisIndex: 1, data: months.map((m) => rateInPercent(m.onTimeRate)), itemStyle: { color: '#d48806' } },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 360 }} notMerge />;
}
