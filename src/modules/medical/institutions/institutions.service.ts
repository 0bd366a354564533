/**
 * 定点医疗机构 and 总额预算执行: the institutions of a pooling region with their quotas by year, and for the year asked
 * the quota in force beside what the fund has borne so far (Σ fund-payable of the months settled), month by month.
 */
import type { Static } from '@sinclair/typebox';
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, type Actor } from '../../../platform/actor.ts';
import { invalid } from '../../../platform/errors.ts';
import { yearProblem } from '../../../platform/dates.ts';
import { formatDecimal, formatYuan, parseDecimal } from '../../../platform/money.ts';
import type { ReportColumn } from '../../../platform/reports/report.ts';
import type { ReportStream } from '../../../platform/reports/stream.ts';
import { poolingRegionFor } from '../medical.scope.ts';
import type { InstitutionList } from '../medical.schemas.ts';
import type { InstitutionKind } from '../medical.tables.ts';
import { institutionsWithQuotas } from './institutions.repository.ts';

type InstitutionView = Static<typeof InstitutionList>['items'][number];

export async function listInstitutions(database: DatabaseHandle, actor: Actor, input: { year: number; region?: string; kind?: InstitutionKind; status?: InstitutionView['status'] }) {
  const problem = yearProblem(input.year);
  if (problem) throw invalid('year', problem);
  const year = Number(input.year);
  return inScope(database, actor, async (tx) => {
    const region = await poolingRegionFor(tx, actor, input.region);
    const rows = await institutionsWithQuotas(tx, region, year, { kind: input.kind, status: input.status });
    const items: InstitutionView[] = rows.map((row) => {
      const ofYear = row.quotas.find((quota) => quota.year === year);
      return {
        code: row.code, name: row.name, kind: row.kind, regionCode: row.region_code, status: row.status,
        quotas: row.quotas.map((quota) => ({ year: quota.year, annualQuota: formatYuan(BigInt(quota.annual_quota)), reserveShare: formatDecimal(parseDecimal(quota.reserve_share)) })),
        quota: ofYear ? formatYuan(BigInt(ofYear.annual_quota)) : null,
        settled: formatYuan(row.months.reduce((sum, month) => sum + BigInt(month.fund_payable), 0n)),
        monthly: row.months.map((month) => ({ month: month.month, settled: formatYuan(BigInt(month.fund_payable)) })),
      };
    });
    return { region, year, items, total: items.length, totalCapped: false, nextCursor: null };
  });
}

const kindNames: Record<InstitutionKind, string> = { hospital_3: '三级医院', hospital_2: '二级医院', hospital_1: '一级医院', pharmacy: '定点药店' };
const statusNames: Record<InstitutionView['status'], string> = { active: '正常', suspended: '暂停', terminated: '解除协议' };

type InstitutionRow = InstitutionView & { kindName: string; statusName: string };

const columns: ReportColumn<InstitutionRow>[] = [
  { key: 'code', title: '机构编码', titleEnglish: 'Code', unit: 'text', width: 14 },
  { key: 'name', title: '机构名称', titleEnglish: 'Name', unit: 'text', width: 28 },
  { key: 'kindName', title: '机构类别', titleEnglish: 'Kind', unit: 'text', width: 12 },
  { key: 'regionCode', title: '区划代码', titleEnglish: 'Region', unit: 'text', width: 12 },
  { key: 'statusName', title: '协议状态', titleEnglish: 'Status', unit: 'text', width: 10 },
  { key: 'quota', title: '年度总额指标', titleEnglish: 'Quota', unit: 'money', sum: true },
  { key: 'settled', title: '已结算基金支付', titleEnglish: 'Settled', unit: 'money', sum: true },
];

/** 定点医疗机构名单 as a file: the list's rows with the year's quota and what is settled so far. */
export function institutionsReport(list: { region: string; year: number; items: InstitutionView[] }): ReportStream<InstitutionRow> {
  const rows = list.items.map((item) => ({ ...item, kindName: kindNames[item.kind], statusName: statusNames[item.status] }));
  return {
    title: '定点医疗机构名单', titleEnglish: 'Designated medical institutions', fileName: `定点医疗机构-${list.region}-${list.year}`, sheetName: '定点医疗机构',
    parameters: [{ label: '统筹地区', value: list.region }, { label: '年度', value: String(list.year) }, { label: '金额单位', value: '元' }],
    legalBasis: '《医疗机构医疗保障定点管理暂行办法》（国家医疗保障局令第2号）', columns, totals: '合计', pages: (async function* () { yield rows; })(),
  };
}
