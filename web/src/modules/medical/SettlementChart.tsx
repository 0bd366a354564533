/** 指标、实际与认定: each institution's quota, actual cost and the amount the fund allows, as bars (ECharts, only the parts used). */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { InstitutionSettlement } from './types.ts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface SettlementChartLabels { quota: string; actual: string; allowed: string; yuan: string }

/** Display only: the yuan strings become numbers for the bars, never for a sum that is shown as money. */
export default function SettlementChart({ institutions, labels }: { institutions: readonly InstitutionSettlement[]; labels: SettlementChartLabels }) {
  const series = (name: string, color: string, pick: (row: InstitutionSettlement) => string) => ({
    name, type: 'bar', data: institutions.map((row) => Number(pick(row))), itemStyle: { color }, barMaxWidth: 28,
  });
  const option = {
    animation: false,
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: institutions.map((row) => row.code) },
    yAxis: { type: 'value', name: labels.yuan },
    series: [
      series(labels.quota, '#91b4f0', (row) => row.quota),
      series(labels.actual, '#d48806', (row) => row.actual),
      series(labels.allowed, '#1558d6', (row) => row.allowed),
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 320 }} notMerge />;
}
