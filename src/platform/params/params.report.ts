/** 参数一览 as a file: every parameter that matches, in path order, its value on the date for the region, in Chinese. */
import type { ReportColumn } from '../reports/report.ts';
import type { ReportStream } from '../reports/stream.ts';
import type { ParameterUnit } from './params.loader.ts';
import { jsonValue, type ParameterListItem } from './params.store.ts';

const unitNames: Record<ParameterUnit, string> = { rate: '比率', money: '元', integer: '整数', text: '文本', table: '表' };

export interface ParameterLine { path: string; description: string; value: string; unit: string; since: string | null; reference: string | null; region: string }

/** A row of the file: a rate as its decimal, money in yuan, a table as its JSON; the region whose value applies (全国: none). */
export function parameterLine(item: ParameterListItem): ParameterLine {
  const value = jsonValue(item.value);
  return {
    path: item.path, description: item.description, value: value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value),
    unit: unitNames[item.unit], since: item.since, reference: item.reference, region: item.value === null ? '' : item.region ?? '全国',
  };
}

const columns: ReportColumn<ParameterLine>[] = [
  { key: 'path', title: '参数', unit: 'text', width: 40 },
  { key: 'description', title: '说明', unit: 'text', width: 40 },
  { key: 'value', title: '取值', unit: 'text', width: 20 },
  { key: 'unit', title: '单位', unit: 'text', width: 8 },
  { key: 'since', title: '起始日期', unit: 'text', width: 12 },
  { key: 'reference', title: '政策依据', unit: 'text', width: 40 },
  { key: 'region', title: '适用地区', unit: 'text', width: 10 },
];

export function parametersReport(filter: { date: string; region: string | null; q?: string }): Omit<ReportStream<ParameterLine>, 'pages'> {
  const parameters = [
    { label: '日期', value: filter.date },
    { label: '地区', value: filter.region ?? '全国' },
    ...(filter.q ? [{ label: '筛选', value: filter.q }] : []),
  ];
  return { title: '参数一览', titleEnglish: 'Parameters', fileName: '参数一览', parameters, sheetName: '参数一览', columns, landscape: true };
}
