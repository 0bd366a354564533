/** 年终点值预测: the point value foreseen after each settled month (a line) inside the range of the year-end projection (a band). */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { DipProjection } from './types.ts';

echarts.use([LineChart, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export interface DipChartLabels { pointValue: string; range: string; projected: string; yuanPerPoint: string }

/** Display only: the decimal strings become numbers for the chart. */
export default function DipChart({ projection, labels }: { projection: DipProjection; labels: DipChartLabels }) {
  const option = {
    animation: false,
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: projection.monthly.map((month) => month.month) },
    yAxis: { type: 'value', name: labels.yuanPerPoint, scale: true },
    series: [{
      name: labels.pointValue, type: 'line', data: projection.monthly.map((month) => Number(month.pointValue)), itemStyle: { color: '#1558d6' },
      markArea: { itemStyle: { color: 'rgba(21, 88, 214, 0.12)' }, label: { show: true, position: 'insideBottomLeft', color: '#1558d6' }, data: [[{ name: labels.range, yAxis: Number(projection.low) }, { yAxis: Number(projection.high) }]] },
      markLine: { symbol: 'none', lineStyle: { type: 'dashed', color: '#d48806' }, label: { formatter: labels.projected, position: 'insideEndTop' }, data: [{ yAxis: Number(projection.pointValue) }] },
    }],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 340 }} notMerge />;
}
