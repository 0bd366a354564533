/** 各基金收支: the year's income and expense per fund of a published report, as bars (display only: yuan strings become numbers). */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { PublicFund } from './types.ts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export default function PublicFundsChart({ funds, labels }: { funds: readonly PublicFund[]; labels: { income: string; expense: string; yuan: string } }) {
  const option = {
    animation: false,
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    // horizontal bars: fund names stay readable on a narrow screen
    yAxis: { type: 'category', data: funds.map((fund) => fund.name), inverse: true, axisLabel: { width: 110, overflow: 'break', fontSize: 11 } },
    xAxis: { type: 'value', name: labels.yuan, axisLabel: { fontSize: 10 } },
    series: [
      { name: labels.income, type: 'bar', data: funds.map((fund) => Number(fund.income)), itemStyle: { color: '#1558d6' }, barMaxWidth: 16 },
      { name: labels.expense, type: 'bar', data: funds.map((fund) => Number(fund.expense)), itemStyle: { color: '#d48806' }, barMaxWidth: 16 },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: Math.max(220, 70 + funds.length * 48) }} notMerge />;
}
