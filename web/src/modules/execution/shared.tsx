/** What the execution pages share: the report of a region and month, the deviation threshold, the region to start from. */
import { Tag } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api.ts';
import { useLoad, useRegions } from '../../hooks.ts';
import { useMe } from '../../session.tsx';
import { deviationLevel, percent } from './figures.ts';
import type { ExecutionLine, ExecutionReport } from './types.ts';

/** The report of the year to the month (GET /api/execution/report; live from the ledger). */
export const useExecutionReport = (year: number, month: number, region: string | undefined) => useLoad(
  (signal) => (region ? api.get<ExecutionReport>('/api/execution/report', { year, month, region }, signal) : Promise.resolve(undefined)),
  [year, month, region],
);

/** warning.execution_deviation_points of the region on the report's date (the parameter the execution_deviation alert reads). */
export function useDeviationThreshold(region: string | undefined, date: string | undefined): number | undefined {
  const loaded = useLoad(
    (signal) => (region && date ? api.get<{ value: number }>('/api/params', { path: 'warning.execution_deviation_points', region, date }, signal).then((found) => Number(found.value)) : Promise.resolve(undefined)),
    [region, date],
  );
  return loaded.data;
}

/** The user's region; for an account without one (national), the first top-level region it sees. */
export function useHomeRegion(): string | undefined {
  const me = useMe();
  const regions = useRegions();
  return me.regionCode ?? regions.find((region) => !region.parentCode)?.code;
}

/** This month (the browser's calendar): the pages open on the year to date. */
export const thisMonth = () => ({ year: dayjs().year(), month: dayjs().month() + 1 });

/** A line's deviation: red when unfavourably beyond the threshold, orange when beyond it the other way. */
export function Deviation({ line, thresholdPoints }: { line: ExecutionLine; thresholdPoints: number | undefined }) {
  if (line.deviation === null) return <span data-testid="deviation">—</span>;
  const level = thresholdPoints === undefined ? null : deviationLevel(line, thresholdPoints);
  const text = percent(line.deviation);
  return level
    ? <Tag color={level === 'unfavourable' ? 'red' : 'orange'} data-testid="deviation" data-level={level}>{text}</Tag>
    : <span data-testid="deviation">{text}</span>;
}

/** "示范市（990100）" for the report's region. */
export const reportRegion = (report: Pick<ExecutionReport, 'region' | 'regionName'>) => `${report.regionName ?? ''}（${report.region}）`;
