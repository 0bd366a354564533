/**
 * 各情景累计结余: one line per scenario of the pension fund's accumulated balance over the projected years, the year
 * each is exhausted marked on its line. Display only: yuan strings become 亿元 numbers for the chart's scale.
 */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { toFen } from '../../format.ts';
import type { PensionProjection } from './types.ts';

echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TooltipComponent, CanvasRenderer]);

const COLORS = ['#1558d6', '#cf1322', '#d48806', '#389e0d', '#722ed1'];
/** 万元, for the chart's scale only. */
const tenThousands = (yuan: string) => Number(toFen(yuan)) / 1_000_000;

export interface ProjectionChartLabels { unit: string; depletion(year: number): string }

export default function ProjectionChart({ projections, labels }: { projections: readonly PensionProjection[]; labels: ProjectionChartLabels }) {
  const years = projections[0]?.years.map((year) => String(year.year)) ?? [];
  const option = {
    animation: false,
    color: COLORS,
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (value: number) => `${value.toFixed(2)} ${labels.unit}` },
    grid: { left: 8, right: 24, top: 48, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: years, boundaryGap: false },
    yAxis: { type: 'value', name: labels.unit },
    series: projections.map((projection) => ({
      name: projection.scenarioLabel, type: 'line', showSymbol: false,
      data: projection.years.map((year) => tenThousands(year.accumulatedBalance)),
      markLine: { symbol: 'none', silent: true, lineStyle: { color: '#999', type: 'dashed' }, data: [{ yAxis: 0 }] },
      ...(projection.depletionYear === null ? {} : {
        markPoint: {
          symbol: 'pin', symbolSize: 44,
          label: { formatter: String(projection.depletionYear), fontSize: 10 },
          data: [{ name: labels.depletion(projection.depletionYear), coord: [String(projection.depletionYear), tenThousands(projection.years.find((year) => year.year === projection.depletionYear)!.accumulatedBalance)] }],
        },
      }),
    })),
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 420 }} notMerge />;
}
