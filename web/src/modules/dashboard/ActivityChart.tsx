/** A horizontal bar chart of operations by action (ECharts, only the parts used, so the chunk stays small). */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export default function ActivityChart({ counts, label }: { counts: [string, number][]; label: string }) {
  const sorted = [...counts].sort((a, b) => a[1] - b[1]);
  const option = {
    animation: false,
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: sorted.map(([action]) => action) },
    series: [{ name: label, type: 'bar', data: sorted.map(([, n]) => n), itemStyle: { color: '#1558d6' }, barMaxWidth: 24 }],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: Math.max(200, sorted.length * 32 + 40) }} notMerge />;
}
