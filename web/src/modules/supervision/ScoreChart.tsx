/** 各区县得分: the evaluation's scores as bars, best rank first (display only; the table holds the figures). */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { RegionEvaluation } from './types.ts';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export default function ScoreChart({ regions, label }: { regions: readonly RegionEvaluation[]; label: string }) {
  const option = {
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: regions.map((region) => region.name), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', min: 0, max: 100, name: label },
    series: [{ name: label, type: 'bar', data: regions.map((region) => region.score), barMaxWidth: 40, itemStyle: { color: '#1558d6' }, label: { show: true, position: 'top' } }],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 320 }} notMerge />;
}
