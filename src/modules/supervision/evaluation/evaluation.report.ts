/**
 * 绩效考核结果 as a report (XLSX, CSV, PDF): the ranking with each county's (or city's) total, reward and the score of
 * every leaf indicator (the CSV's table), then each region's indicators with the measured or entered value beside the
 * score, and for an entered one its evidence and who entered it. The JSON is the evaluation's own answer, unchanged.
 */
import { reportSection, type CellValue, type Report, type ReportColumn } from '../../../platform/reports/report.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import type { EvaluationResult } from './evaluation.service.ts';

type RankingRow = Record<string, CellValue>;
interface IndicatorRow { region: string; name: string; code: string; indicator: string; value: string | null; score: string | null; source: string; evidence: string | null }

/** Scores and measures as the API gives them, two and four places on paper (a measure is a ratio or a count per 10,000). */
const places = (value: number | null, digits: number) => (value === null ? null : value.toFixed(digits));

export function evaluationReport(result: EvaluationResult): Report<EvaluationResult> {
  const leaves = result.regions[0]?.indicators ?? [];
  const ranking: RankingRow[] = result.regions.map((region) => ({
    rank: region.rank, region: region.region, name: region.name, score: region.score.toFixed(2), reward: region.reward,
    ...Object.fromEntries(region.indicators.map((indicator) => [`leaf_${indicator.code}`, places(indicator.score, 1) ?? '—'])),
  }));
  const leafColumns: ReportColumn<RankingRow>[] = leaves.map((leaf) => ({ key: `leaf_${leaf.code}`, title: leaf.name, titleEnglish: leaf.code, unit: 'text', width: 12 }));
  const details: IndicatorRow[] = result.regions.flatMap((region) => region.indicators.map((indicator) => ({
    region: region.region, name: region.name, code: indicator.code, indicator: indicator.name, value: places(indicator.value, 4), score: places(indicator.score, 1),
    source: indicator.source === 'measured' ? '系统计算' : indicator.entry ? '手工录入' : '待录入',
    evidence: indicator.entry && `${indicator.entry.evidence}（${indicator.entry.enteredBy} ${todayInChina(new Date(indicator.entry.enteredAt))}）`,
  })));
  const unit = result.level === 'city' ? '地市' : '区县';
  return {
    title: '社会保险基金预算管理绩效考核结果', titleEnglish: 'Performance evaluation', fileName: `绩效考核-${unit}-${result.scope || '全部'}-${result.year}`, landscape: true,
    parameters: [
      { label: '考核年度', value: String(result.year) }, { label: '考核对象', value: unit }, { label: '指标体系', value: result.tree }, { label: '数据截至', value: result.asOf },
      { label: '以奖代补资金（元）', value: result.pool },
    ],
    legalBasis: '社会保险基金预算管理绩效考核（以奖代补，按得分分配）；财社〔2022〕65号 绩效管理',
    data: result,
    sections: [
      reportSection<RankingRow>({
        name: '考核排名', rows: ranking, totals: '合计', main: true,
        columns: [
          { key: 'rank', title: '名次', titleEnglish: 'Rank', unit: 'count', width: 6 },
          { key: 'region', title: '区划代码', titleEnglish: 'Region', unit: 'text', width: 10 },
          { key: 'name', title: unit, titleEnglish: result.level === 'city' ? 'City' : 'County', unit: 'text', width: 14 },
          { key: 'score', title: '总得分', titleEnglish: 'Score', unit: 'text', width: 9 },
          { key: 'reward', title: '以奖代补（元）', titleEnglish: 'Reward', unit: 'money', sum: true },
          ...leafColumns,
        ],
      }),
      reportSection<IndicatorRow>({
        name: '指标明细', rows: details, groupBy: (row) => `${row.region} ${row.name}`,
        columns: [
          { key: 'code', title: '指标代码', titleEnglish: 'Code', unit: 'text', width: 26 },
          { key: 'indicator', title: '指标', titleEnglish: 'Indicator', unit: 'text', width: 26 },
          { key: 'value', title: '实际值', titleEnglish: 'Value', unit: 'text', width: 12 },
          { key: 'score', title: '得分', titleEnglish: 'Score', unit: 'text', width: 8 },
          { key: 'source', title: '来源', titleEnglish: 'Source', unit: 'text', width: 10 },
          { key: 'evidence', title: '依据材料', titleEnglish: 'Evidence', unit: 'text', width: 40 },
        ],
      }),
    ],
  };
}
