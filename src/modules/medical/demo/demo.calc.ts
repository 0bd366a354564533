/**
 * The demo city's designated medical institutions (定点医药机构), pure parts (no I/O): twelve institutions of 示范市,
 * each one's share of the medical pooling fund's income as its annual quota (以收定支: the quotas add up to 88% of the
 * income, the rest kept for care outside the city and a small surplus, 略有结余), and the monthly settlement data each
 * sends — cases and costs by DIP group for hospitals (with the odd case of abnormal cost), outpatient totals for the
 * part outside DIP and for pharmacies. Every draw comes from the registry demo's seeded generator, so the same seed
 * gives the same data. The figures are kept inside the city's agreed indicator values (params/medical/indicators.yaml)
 * in most months; a month over them now and then is what the indicators are for.
 */
import { divideRounded, formatYuan } from '../../../platform/money.ts';
import { Rng } from '../../registry/index.ts';
import type { InstitutionKind } from '../medical.tables.ts';

export interface DemoInstitution {
  code: string; name: string; regionCode: string; kind: InstitutionKind; bankAccount: string;
  /** The institution's quota as thousandths of the pooling fund's income of the year. */
  incomeShareThousandths: number;
}

/** Codes: H (hospital) or P (pharmacy), the district, a serial number. */
const INSTITUTIONS: Omit<DemoInstitution, 'bankAccount'>[] = [
  { code: 'H99010200001', name: '示范市第一人民医院', regionCode: '990102', kind: 'hospital_3', incomeShareThousandths: 260 },
  { code: 'H99010300002', name: '示范市中心医院', regionCode: '990103', kind: 'hospital_3', incomeShareThousandths: 220 },
  { code: 'H99010400003', name: '示范市第二人民医院', regionCode: '990104', kind: 'hospital_2', incomeShareThousandths: 80 },
  { code: 'H99010200004', name: '示范市妇幼保健院', regionCode: '990102', kind: 'hospital_2', incomeShareThousandths: 60 },
  { code: 'H99012100005', name: '清河县人民医院', regionCode: '990121', kind: 'hospital_2', incomeShareThousandths: 70 },
  { code: 'H99018100006', name: '云台市人民医院', regionCode: '990181', kind: 'hospital_2', incomeShareThousandths: 75 },
  { code: 'H99010200007', name: '城中区解放路街道社区卫生服务中心', regionCode: '990102', kind: 'hospital_1', incomeShareThousandths: 20 },
  { code: 'H99011100008', name: '北塘区湖滨街道社区卫生服务中心', regionCode: '990111', kind: 'hospital_1', incomeShareThousandths: 18 },
  { code: 'H99012100009', name: '清河县城关镇卫生院', regionCode: '990121', kind: 'hospital_1', incomeShareThousandths: 15 },
  { code: 'P99010200010', name: '示范市仁济大药房有限公司', regionCode: '990102', kind: 'pharmacy', incomeShareThousandths: 25 },
  { code: 'P99010300011', name: '示范市康宁大药房东湖店', regionCode: '990103', kind: 'pharmacy', incomeShareThousandths: 20 },
  { code: 'P99018100012', name: '云台市百草堂药店', regionCode: '990181', kind: 'pharmacy', incomeShareThousandths: 17 },
];

/** The institutions with their bank accounts (19 digits, drawn from the seed). */
export function demoInstitutions(seed: number): DemoInstitution[] {
  const random = new Rng(seed, 'medical.institutions');
  return INSTITUTIONS.map((institution) => ({
    ...institution, bankAccount: `6222${Array.from({ length: 15 }, () => random.int(10)).join('')}`,
  }));
}

/** The reserve kept back from the monthly pre-allocation (质量保证金), a demo setting. */
export const DEMO_RESERVE_SHARE = '0.05';

/** Each institution's annual quota: its thousandths of the fund's income, rounded once to the fen. */
export function demoQuotas(institutions: readonly DemoInstitution[], income: bigint): { code: string; annualQuota: bigint }[] {
  return institutions.map((institution) => ({ code: institution.code, annualQuota: divideRounded(income * BigInt(institution.incomeShareThousandths), 1000n) }));
}

// ── monthly settlement data ──

/** The cost of a case of each DIP group (病种组合: ICD-10 diagnosis : ICD-9-CM-3 procedure) at a 三级 hospital this year, yuan. */
const GROUP_COSTS: Record<string, number> = {
  'I21.0:36.07': 42000,   // 急性前壁心肌梗死 冠状动脉药物洗脱支架置入
  'C34.1:32.41': 58000,   // 肺上叶恶性肿瘤 胸腔镜肺叶切除
  'M17.1:81.54': 52000,   // 膝关节骨性关节炎 全膝关节置换
  'S72.0:79.35': 26000,   // 股骨颈骨折 切开复位内固定
  'I63.9': 12000,         // 脑梗死 保守治疗
  'K80.1:51.23': 14000,   // 胆囊结石伴胆囊炎 腹腔镜胆囊切除
  'K35.8:47.01': 9000,    // 急性阑尾炎 腹腔镜阑尾切除
  'H25.9:13.41': 6500,    // 老年性白内障 超声乳化吸除
  'J44.1': 8000,          // 慢性阻塞性肺病伴急性加重 保守治疗
  'J18.9': 5500,          // 肺炎 保守治疗
  'O80.0': 4000,          // 单胎顺产
  'E11.9': 5000,          // 2型糖尿病 保守治疗
  'I10': 3500,            // 原发性高血压 保守治疗
};

interface KindProfile {
  /** How often each group it treats comes (relative). */
  groups: Record<string, number>;
  /** A case's cost against a 三级 hospital's. */
  costFactor: number;
  /** Average stay, days. */
  stay: number;
  /** The inpatient part of the fund's payments to it. */
  inpatientShare: number;
  /** The share of the cost the fund pays, inpatient and outpatient (the rest is the patient's: 个人负担). */
  inpatientFundRatio: number; outpatientFundRatio: number;
  /** Cost of an outpatient visit (yuan) and visits per patient in a month. */
  visitCost: number; visitsPerPatient: number;
}

const PROFILES: Record<InstitutionKind, KindProfile> = {
  hospital_3: {
    groups: { 'I21.0:36.07': 4, 'C34.1:32.41': 2, 'M17.1:81.54': 2, 'S72.0:79.35': 4, 'I63.9': 10, 'K80.1:51.23': 8, 'K35.8:47.01': 6, 'H25.9:13.41': 6, 'J44.1': 10, 'J18.9': 12, 'O80.0': 4, 'E11.9': 6, 'I10': 4 },
    costFactor: 1, stay: 10, inpatientShare: 0.8, inpatientFundRatio: 0.75, outpatientFundRatio: 0.7, visitCost: 450, visitsPerPatient: 1.4,
  },
  hospital_2: {
    groups: { 'S72.0:79.35': 2, 'I63.9': 10, 'K80.1:51.23': 6, 'K35.8:47.01': 6, 'H25.9:13.41': 4, 'J44.1': 10, 'J18.9': 14, 'O80.0': 8, 'E11.9': 8, 'I10': 6 },
    costFactor: 0.85, stay: 8.5, inpatientShare: 0.75, inpatientFundRatio: 0.75, outpatientFundRatio: 0.7, visitCost: 280, visitsPerPatient: 1.4,
  },
  hospital_1: {
    groups: { 'J44.1': 4, 'J18.9': 10, 'O80.0': 2, 'E11.9': 8, 'I10': 8 },
    costFactor: 0.7, stay: 7, inpatientShare: 0.55, inpatientFundRatio: 0.85, outpatientFundRatio: 0.75, visitCost: 120, visitsPerPatient: 1.6,
  },
  pharmacy: { groups: {}, costFactor: 1, stay: 0, inpatientShare: 0, inpatientFundRatio: 0, outpatientFundRatio: 0.7, visitCost: 150, visitsPerPatient: 2.2 },
};

/** Winter is busy, the Spring Festival month quiet; the twelve factors average 1. */
const SEASON = [1.08, 0.88, 1.02, 0.98, 0.97, 0.96, 1.0, 1.0, 0.98, 0.99, 1.03, 1.11];
/** Costs of a case grow 3% a year: a year before this one, a case costs 1/1.03 of today's. */
const COST_GROWTH = 1.03;

export interface DemoSettlementRow {
  institution: string; month: string; dipGroup: string | null; cases: number; cost: bigint; visits: number; patients: number;
  inpatientDays: number; totalCost: bigint; fundPayable: bigint;
}

const fen = (yuan: number) => BigInt(Math.max(0, Math.round(yuan * 100)));

/**
 * The monthly settlement data of every institution for the months given (YYYY-MM, in order), from the quota of each
 * month's year. An institution runs over or under its quota by a factor of its own each year (so the year-end
 * settlement sees both savings and overruns).
 */
export function demoSettlementRows(input: {
  seed: number; institutions: readonly DemoInstitution[]; months: readonly string[]; currentYear: number;
  quotaOf: (code: string, year: number) => bigint;
}): DemoSettlementRow[] {
  const rows: DemoSettlementRow[] = [];
  for (const institution of input.institutions) {
    const random = new Rng(input.seed, `medical.settlements.${institution.code}`);
    const profile = PROFILES[institution.kind];
    const groups = Object.entries(profile.groups);
    const frequencyTotal = groups.reduce((sum, [, frequency]) => sum + frequency, 0);
    const averageCaseCost = groups.reduce((sum, [group, frequency]) => sum + frequency * GROUP_COSTS[group], 0) / frequencyTotal * profile.costFactor;
    const yearFactors = new Map<number, number>();
    const seenInYear = new Map<number, Set<string>>();
    for (const month of input.months) {
      const year = Number(month.slice(0, 4));
      if (!yearFactors.has(year)) yearFactors.set(year, Math.min(1.25, Math.max(0.85, 1 + 0.07 * random.normal())));
      const costLevel = COST_GROWTH ** (year - input.currentYear);
      const fundOfMonth = Number(input.quotaOf(institution.code, year)) / 100 / 12 * SEASON[Number(month.slice(5, 7)) - 1]
        * yearFactors.get(year)! * (1 + 0.03 * random.normal());
      const add = (row: Omit<DemoSettlementRow, 'institution' | 'month'>) => rows.push({ institution: institution.code, month, ...row });
      if (profile.inpatientShare > 0) {
        const inpatientCost = fundOfMonth * profile.inpatientShare / profile.inpatientFundRatio;
        const cases = inpatientCost / (averageCaseCost * costLevel);
        const inpatient = (group: string, count: number, costRatio: number) => {
          const cost = fen(count * GROUP_COSTS[group] * profile.costFactor * costLevel * costRatio * (1 + 0.05 * random.normal()));
          const days = Math.max(count, Math.round(count * profile.stay * Math.sqrt(costRatio) * (1 + 0.1 * random.normal())));
          add({ dipGroup: group, cases: count, cost, visits: count, patients: count, inpatientDays: days, totalCost: cost,
            fundPayable: divideRounded(cost * BigInt(Math.round(profile.inpatientFundRatio * 100)), 100n) });
        };
        // the odd case of abnormal cost, in a row of its own: high (over 2× its group's cost, rarely over 5×) or low (under half)
        const abnormal: [string, number][] = [];
        const anyGroup = () => groups[random.weighted(groups.map(([, frequency]) => frequency))][0];
        if (random.next() < 0.25) abnormal.push([anyGroup(), random.next() < 0.1 ? 5.5 + random.next() : 2.2 + 1.8 * random.next()]);
        if (random.next() < 0.1) abnormal.push([anyGroup(), 0.3 + 0.15 * random.next()]);
        // the normal cases carry the rest of the month's cost, rounded up or down at random (so a group's cases
        // average what they should, even at a few a year); in December a group without a case all year gets one, so the
        // group points of the years before cover every group a hospital treats
        const normalCases = Math.max(0, cases - abnormal.reduce((sum, [, costRatio]) => sum + costRatio, 0));
        const seen = seenInYear.get(year) ?? new Set<string>();
        seenInYear.set(year, seen);
        for (const [group, frequency] of groups) {
          const expected = normalCases * frequency / frequencyTotal * Math.max(0, 1 + 0.1 * random.normal());
          const count = Math.max(month.endsWith('-12') && !seen.has(group) ? 1 : 0, Math.floor(expected + random.next()));
          if (count > 0) { inpatient(group, count, 1); seen.add(group); }
        }
        for (const [group, costRatio] of abnormal) { inpatient(group, 1, costRatio); seen.add(group); }
      }
      // the part outside DIP: outpatient visits (a pharmacy's whole month)
      const outpatientFund = fundOfMonth * (1 - profile.inpatientShare);
      const totalCost = fen(outpatientFund / profile.outpatientFundRatio);
      const visits = Math.max(1, Math.round(Number(totalCost) / 100 / (profile.visitCost * costLevel)));
      const patients = Math.min(visits, Math.max(1, Math.round(visits / (profile.visitsPerPatient * (1 + 0.05 * random.normal())))));
      add({ dipGroup: null, cases: 0, cost: 0n, visits, patients, inpatientDays: 0, totalCost,
        fundPayable: divideRounded(totalCost * BigInt(Math.round(profile.outpatientFundRatio * 100)), 100n) });
    }
  }
  return rows;
}

/** The rows as the monthly settlement file an institution sends (the import's columns). */
export function settlementCsv(rows: readonly DemoSettlementRow[]): string {
  const lines = ['institution,month,dipGroup,cases,cost,visits,patients,inpatientDays,totalCost,fundPayable'];
  for (const row of rows) {
    lines.push([row.institution, row.month, row.dipGroup ?? '', row.cases, formatYuan(row.cost), row.visits, row.patients, row.inpatientDays,
      formatYuan(row.totalCost), formatYuan(row.fundPayable)].join(','));
  }
  return `${lines.join('\n')}\n`;
}
