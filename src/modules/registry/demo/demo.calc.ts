/**
 * The demo city, pure parts (no I/O): the places, the name lists, the distributions, identifier building, the
 * employers, and the alias tables that let SQL pick an employer proportionally to its size in O(1).
 *
 * Everything random here comes from `Rng`, a small seeded generator (sfc32) whose output depends only on the seed
 * and the stream name, so the same seed gives the same employers on every machine. The persons are drawn in SQL
 * (demo.sql.ts) from the tables below, so the shapes live in one place.
 */
import { creditCodeCheckCharacter, idNumberCheckCharacter } from '../identifiers.calc.ts';

// ── seeded random numbers ───────────────────────────────────────────────────

/** 32-bit string hash (cyrb53's mixing, reduced to 32 bits) used to derive independent stream seeds. */
function hash32(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed, h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

/** sfc32: small, fast, deterministic (integer arithmetic only). One instance per (seed, stream). */
export class Rng {
  private a: number; private b: number; private c: number; private d: number;
  constructor(seed: number, stream: string) {
    this.a = hash32(stream, seed); this.b = hash32(stream, seed ^ 0x9e3779b9);
    this.c = hash32(stream, seed ^ 0x7f4a7c15); this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number { return this.nextUint32() / 4294967296; }
  /** Integer in [0, n). */
  int(n: number): number { return Math.floor(this.next() * n); }
  pick<T>(items: readonly T[]): T { return items[this.int(items.length)]; }
  /** Index chosen with probability proportional to weights. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((sum, w) => sum + w, 0);
    let u = this.next() * total;
    for (let i = 0; i < weights.length; i++) { u -= weights[i]; if (u < 0) return i; }
    return weights.length - 1;
  }
  /** Standard normal (Box–Muller). */
  normal(): number {
    const u1 = (this.nextUint32() + 0.5) / 4294967296, u2 = this.next();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
  /** Lognormal with the given median and shape σ. */
  lognormal(median: number, sigma: number): number { return median * Math.exp(sigma * this.normal()); }
}

// ── places ──────────────────────────────────────────────────────────────────

export interface DemoRegion { code: string; name: string; level: 'province' | 'city' | 'county'; parentCode: string | null }
export interface DemoCounty extends DemoRegion { level: 'county'; /** relative population */ weight: number; /** short name used in employer names */ short: string }

export const DEMO_PROVINCE: DemoRegion = { code: '990000', name: '示范省', level: 'province', parentCode: null };
export const DEMO_CITY: DemoRegion = { code: '990100', name: '示范市', level: 'city', parentCode: '990000' };
/** Districts and counties of the demo city (GB/T 2260 shape: 01–20 districts, 21+ counties, 81+ county-level cities). */
export const DEMO_COUNTIES: DemoCounty[] = [
  { code: '990102', name: '城中区', short: '城中', level: 'county', parentCode: '990100', weight: 26 },
  { code: '990103', name: '东湖区', short: '东湖', level: 'county', parentCode: '990100', weight: 22 },
  { code: '990104', name: '西山区', short: '西山', level: 'county', parentCode: '990100', weight: 17 },
  { code: '990111', name: '北塘区', short: '北塘', level: 'county', parentCode: '990100', weight: 14 },
  { code: '990121', name: '清河县', short: '清河', level: 'county', parentCode: '990100', weight: 9 },
  { code: '990181', name: '云台市', short: '云台', level: 'county', parentCode: '990100', weight: 12 },
];
export const DEMO_REGIONS: DemoRegion[] = [DEMO_PROVINCE, DEMO_CITY, ...DEMO_COUNTIES];

/**
 * ID-number region prefixes of people who moved to the demo city (流动人口). They are kept inside the fictional
 * province 99 (other prefectures), so a generated ID number can never be a real person's number.
 */
export const MIGRANT_PREFIXES: { code: string; weight: number }[] = [
  { code: '990202', weight: 12 }, { code: '990221', weight: 10 }, { code: '990303', weight: 9 }, { code: '990322', weight: 8 },
  { code: '990402', weight: 7 }, { code: '990425', weight: 7 }, { code: '990502', weight: 6 }, { code: '990523', weight: 6 },
  { code: '990602', weight: 5 }, { code: '990624', weight: 5 }, { code: '990702', weight: 4 }, { code: '990726', weight: 4 },
  { code: '990802', weight: 3 }, { code: '990881', weight: 3 }, { code: '990902', weight: 2 }, { code: '991002', weight: 2 },
];

/** Agencies (经办机构): the province bureau, the city centre, and one branch per district or county. */
/**
 * The day the demo city's funds go live in sifund (期初建账): the first day of the current month. Its history before
 * that is business data (bills, payments) taken over from the old system, whose money the old books recorded; the
 * ledger starts with the balances brought forward on this day.
 */
export const demoGoLive = (today: string): string => `${today.slice(0, 7)}-01`;

export function demoAgencies(): { regionCode: string; name: string }[] {
  return [
    { regionCode: DEMO_PROVINCE.code, name: `${DEMO_PROVINCE.name}社会保险事业管理局` },
    { regionCode: DEMO_CITY.code, name: `${DEMO_CITY.name}社会保险事业管理中心` },
    ...DEMO_COUNTIES.map((county) => ({ regionCode: county.code, name: `${DEMO_CITY.name}社会保险事业管理中心${county.name}分中心` })),
  ];
}

/** Pooling regions (统筹地区): pension at the province, the others at the city. */
export const DEMO_POOLING: { insurance: string; regionCode: string }[] = [
  { insurance: 'pension', regionCode: DEMO_PROVINCE.code },
  ...['medical', 'unemployment', 'work_injury', 'maternity'].map((insurance) => ({ insurance, regionCode: DEMO_CITY.code })),
];

export interface DemoStaff { username: string; displayName: string; role: 'operator' | 'reviewer' | 'approver' | 'auditor' | 'security_auditor' | 'finance'; regionCode: string }

/**
 * Staff accounts for exploring: an operator per county, a city operator, reviewer, approver and auditor, a province
 * operator, security auditor, finance user, reviewer and approver. The city's and the province's operators do the
 * 经办 steps of the city's and the province's runs (billing, payroll) that the history replays.
 */
export function demoStaff(): DemoStaff[] {
  return [
    ...DEMO_COUNTIES.map((county) => ({ username: `op.${county.code}`, displayName: `${county.name}经办员`, role: 'operator' as const, regionCode: county.code })),
    { username: `op.${DEMO_CITY.code}`, displayName: `${DEMO_CITY.name}经办员`, role: 'operator', regionCode: DEMO_CITY.code },
    { username: `op.${DEMO_PROVINCE.code}`, displayName: `${DEMO_PROVINCE.name}经办员`, role: 'operator', regionCode: DEMO_PROVINCE.code },
    { username: `review.${DEMO_CITY.code}`, displayName: `${DEMO_CITY.name}复核员`, role: 'reviewer', regionCode: DEMO_CITY.code },
    { username: `approve.${DEMO_CITY.code}`, displayName: `${DEMO_CITY.name}审批员`, role: 'approver', regionCode: DEMO_CITY.code },
    { username: `audit.${DEMO_CITY.code}`, displayName: `${DEMO_CITY.name}稽核员`, role: 'auditor', regionCode: DEMO_CITY.code },
    { username: `secaudit.${DEMO_PROVINCE.code}`, displayName: `${DEMO_PROVINCE.name}安全审计员`, role: 'security_auditor', regionCode: DEMO_PROVINCE.code },
    { username: `finance.${DEMO_PROVINCE.code}`, displayName: `${DEMO_PROVINCE.name}财政专户管理员`, role: 'finance', regionCode: DEMO_PROVINCE.code },
    // the province-pooled pension fund's payroll is signed at the province (复核, 审批)
    { username: `review.${DEMO_PROVINCE.code}`, displayName: `${DEMO_PROVINCE.name}复核员`, role: 'reviewer', regionCode: DEMO_PROVINCE.code },
    { username: `approve.${DEMO_PROVINCE.code}`, displayName: `${DEMO_PROVINCE.name}审批员`, role: 'approver', regionCode: DEMO_PROVINCE.code },
  ];
}

// ── names ───────────────────────────────────────────────────────────────────

/** Common surnames with approximate shares (per mille) of the population. */
export const SURNAMES: [string, number][] = [
  ['王', 71], ['李', 70], ['张', 67], ['刘', 54], ['陈', 45], ['杨', 31], ['黄', 22], ['赵', 20], ['吴', 19], ['周', 19],
  ['徐', 13], ['孙', 12], ['马', 12], ['朱', 11], ['胡', 11], ['郭', 10], ['何', 9], ['林', 9], ['高', 9], ['罗', 9],
  ['郑', 8], ['梁', 8], ['谢', 7], ['宋', 6], ['唐', 6], ['许', 6], ['韩', 6], ['冯', 5], ['邓', 5], ['曹', 5],
  ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['潘', 4], ['袁', 4], ['蔡', 4], ['蒋', 4], ['余', 4],
  ['于', 4], ['杜', 4], ['叶', 4], ['程', 4], ['魏', 4], ['苏', 4], ['吕', 4], ['丁', 3], ['任', 3], ['卢', 3],
  ['姚', 3], ['沈', 3], ['钟', 3], ['姜', 3], ['崔', 3], ['谭', 3], ['陆', 3], ['范', 3], ['汪', 3], ['廖', 3],
  ['石', 3], ['金', 3], ['韦', 2], ['贾', 2], ['夏', 2], ['付', 2], ['方', 2], ['邹', 2], ['熊', 2], ['白', 2],
  ['孟', 2], ['秦', 2], ['邱', 2], ['侯', 2], ['江', 2], ['尹', 2], ['薛', 2], ['闫', 2], ['段', 2], ['雷', 2],
  ['龙', 2], ['黎', 2], ['史', 2], ['陶', 2], ['贺', 2], ['毛', 2], ['郝', 2], ['顾', 2], ['龚', 2], ['邵', 2],
  ['万', 1], ['覃', 1], ['武', 1], ['钱', 1], ['戴', 1], ['严', 1], ['莫', 1], ['孔', 1], ['向', 1], ['常', 1],
  ['欧阳', 1], ['司马', 0.3], ['诸葛', 0.2], ['上官', 0.2],
];

/** Characters of given names, by gender and generation (born before 1975 / from 1975). */
export const GIVEN_CHARS = {
  maleOlder: [...'建国军华明伟强平文德志国庆红兵成林海东光荣春生金福明永胜利忠勇刚卫新民玉山发学立中长祥宝福贵友全'],
  maleYounger: [...'浩宇轩杰涛磊鹏飞昊然博文俊子航泽宇晨阳睿哲凯旭超鑫亮辰毅诚锐嘉铭一帆健康天佑思远乐逸宏'],
  femaleOlder: [...'秀英兰芳珍玉凤华桂梅琴霞萍红丽敏静燕娟莲翠云淑慧彩霞金花桂兰春梅素芬美容爱月'],
  femaleYounger: [...'婷欣怡雪琳佳颖萱梦悦晴雨涵诗琪子璐雯倩瑶妍婧思琪可馨蕾嘉宁心怡梓慧洁妮'],
};

/**
 * Surnames expanded into `size` equally likely buckets, each holding the 0-based index of a surname in SURNAMES
 * (so SQL picks one with a single uniform and a fixed-width array lookup).
 */
export function surnameBuckets(size = 2000): number[] {
  const total = SURNAMES.reduce((sum, [, w]) => sum + w, 0);
  const buckets: number[] = [];
  let cumulative = 0;
  SURNAMES.forEach(([, weight], index) => {
    cumulative += weight;
    const until = Math.round((cumulative / total) * size);
    while (buckets.length < until) buckets.push(index);
  });
  return buckets;
}

/** Occupations (GB/T 6565 major groups) with their shares among insured employees. */
export const OCCUPATIONS: { name: string; weight: number; /** women in these posts retire at 55 (干部), others at 50 (工人) */ cadre: boolean }[] = [
  { name: '单位负责人', weight: 5, cadre: true },
  { name: '专业技术人员', weight: 17, cadre: true },
  { name: '办事人员和有关人员', weight: 15, cadre: true },
  { name: '社会生产服务和生活服务人员', weight: 30, cadre: false },
  { name: '农林牧渔业生产及辅助人员', weight: 3, cadre: false },
  { name: '生产制造及有关人员', weight: 30, cadre: false },
];

// ── distributions ───────────────────────────────────────────────────────────

/** A piecewise-uniform distribution: bands [from, to) with relative weights. */
export interface Band { from: number; to: number; weight: number }

/** Age pyramid of insured working people (at the end of the history), by five-year band. */
export const WORKING_AGE_BANDS: Band[] = [
  { from: 16, to: 20, weight: 1.5 }, { from: 20, to: 25, weight: 7 }, { from: 25, to: 30, weight: 11.5 },
  { from: 30, to: 35, weight: 14 }, { from: 35, to: 40, weight: 13.5 }, { from: 40, to: 45, weight: 12 },
  { from: 45, to: 50, weight: 12 }, { from: 50, to: 55, weight: 11 }, { from: 55, to: 60, weight: 8 },
];

/** Years since retirement of retirees (the older, the fewer). */
export const RETIREE_YEARS_BANDS: Band[] = [
  { from: 0.01, to: 5, weight: 30 }, { from: 5, to: 10, weight: 25 }, { from: 10, to: 15, weight: 18 },
  { from: 15, to: 20, weight: 12 }, { from: 20, to: 25, weight: 8 }, { from: 25, to: 30, weight: 5 }, { from: 30, to: 36, weight: 2 },
];

/** Statutory retirement ages used by the demo (before the gradual 2025 reform): men 60, women 55 (cadres) or 50 (workers). */
export const RETIREMENT_AGE = { male: 60, femaleCadre: 55, femaleWorker: 50 } as const;

/** Shares and rates of the synthetic population. */
export const DEMO_RATES = {
  maleShare: 0.54,
  retireeShare: 0.26,
  localShare: 0.7,
  localUrbanShare: 0.75,
  migrantUrbanShare: 0.3,
  twoCharGivenName: 0.82,
  employedNow: 0.92,
  /** Working people hired inside the history who had a previous job in it, and of those, one before that. */
  previousJob: 0.55,
  secondPreviousJob: 0.45,
  /** Mean tenure in days: current job, previous jobs, last job before retirement. */
  tenureDays: 6 * 365, previousTenureDays: 4 * 365, retireeTenureDays: 14 * 365,
  /** Longest gap between two jobs, days. */
  maxGapDays: 180,
  /** Separation reasons of people not employed at the end: voluntary, involuntary, other. */
  lastSeparation: [0.55, 0.4, 0.05],
  /** Previous jobs: voluntary, involuntary. */
  previousSeparation: [0.7, 0.3],
  /** Personal wage dispersion (lognormal σ), year-to-year noise. */
  wageSigma: 0.45, wageYearSigma: 0.08,
  correction: 0.03, employeeConfirmed: 0.93, correctionConfirmed: 0.8,
} as const;

/** Bands limited to ages below `max` (the last band is cut). */
export function truncateBands(bands: Band[], max: number): Band[] {
  return bands.filter((band) => band.from < max).map((band) => band.to <= max ? band : { ...band, to: max, weight: band.weight * (max - band.from) / (band.to - band.from) });
}

/** Inverse CDF of a piecewise-uniform distribution for u in [0, 1): the same arithmetic as `sqlPiecewise`. */
export function samplePiecewise(bands: Band[], u: number): number {
  const total = bands.reduce((sum, band) => sum + band.weight, 0);
  let lower = 0;
  for (const [index, band] of bands.entries()) {
    const upper = lower + band.weight / total;
    if (u < upper || index === bands.length - 1) return band.from + (band.to - band.from) * Math.min(1, (u - lower) / (upper - lower));
    lower = upper;
  }
  throw new Error('no bands');
}

/** Walker/Vose alias table: pick i = floor(u1·n), keep it if u2 < prob[i], else take alias[i]. Zero weights are never picked. */
export interface AliasTable { prob: number[]; alias: number[] }

export function buildAliasTable(weights: readonly number[]): AliasTable {
  const n = weights.length;
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (n === 0 || !(total > 0)) throw new Error('alias table needs at least one positive weight');
  const scaled = weights.map((w) => (w * n) / total);
  const prob = new Array<number>(n).fill(1);
  const alias = Array.from({ length: n }, (_, i) => i);
  const small: number[] = [], large: number[] = [];
  scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
  while (small.length && large.length) {
    const s = small.pop()!, l = large.pop()!;
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  // Left-overs are 1 up to rounding; a zero weight must never be kept.
  for (const i of [...small, ...large]) prob[i] = weights[i] > 0 ? 1 : 0;
  for (let i = 0; i < n; i++) if (prob[i] === 0 && weights[alias[i]] === 0) alias[i] = weights.findIndex((w) => w > 0);
  return { prob, alias };
}

export function aliasPick(table: AliasTable, u1: number, u2: number): number {
  const i = Math.min(table.prob.length - 1, Math.floor(u1 * table.prob.length));
  return u2 < table.prob[i] ? i : table.alias[i];
}

// ── identifiers ─────────────────────────────────────────────────────────────

/** A resident ID number (GB 11643): region + YYYYMMDD + 3-digit sequence (odd = male) + check character. */
export function buildIdNumber(regionCode: string, birthDate: string, sequence: number): string {
  if (!/^\d{6}$/.test(regionCode) || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || !(sequence >= 0 && sequence <= 999)) {
    throw new Error(`bad ID number parts ${regionCode} ${birthDate} ${sequence}`);
  }
  const first17 = regionCode + birthDate.replaceAll('-', '') + String(sequence).padStart(3, '0');
  return first17 + idNumberCheckCharacter(first17);
}

/** Organisation code check character (GB 11714): weights 3 7 9 10 5 8 4 2, C9 = 11 − (sum mod 11), 10 → X, 11 → 0. */
export function organizationCodeCheckCharacter(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i];
    sum += (c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 55) * weights[i];
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

const CREDIT_BODY_LETTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * A unified social credit code (GB 32100): registering authority + category + region + organisation code
 * (8 characters + GB 11714 check) + check character.
 */
export function buildCreditCode(authority: string, category: string, regionCode: string, body8: string): string {
  const first17 = authority + category + regionCode + body8 + organizationCodeCheckCharacter(body8);
  if (first17.length !== 17 || [...first17].some((c) => !CREDIT_BODY_LETTERS.includes(c))) throw new Error(`bad credit code parts ${first17}`);
  return first17 + creditCodeCheckCharacter(first17);
}

// ── employers ───────────────────────────────────────────────────────────────

export type EmployerType = 'enterprise' | 'institution_full' | 'institution_partial' | 'institution_self' | 'other';

/** GB/T 4754-2017 sections: share among enterprises, work-injury classes (人社部发〔2015〕71号, by the section's typical divisions [check]), wage level. */
export const INDUSTRIES: Record<string, { name: string; share: number; classes: [number, number][]; wage: number; words: string[] }> = {
  A: { name: '农、林、牧、渔业', share: 1, classes: [[4, 5], [5, 3], [6, 2]], wage: 0.6, words: ['农业开发', '种植', '养殖', '林业', '农业科技'] },
  B: { name: '采矿业', share: 0.5, classes: [[7, 3], [8, 7]], wage: 1.1, words: ['矿业', '石材开采', '砂石'] },
  C: { name: '制造业', share: 22, classes: [[3, 4], [4, 4], [5, 2]], wage: 0.9, words: ['机械制造', '电子科技', '食品', '纺织', '化工', '建材', '汽车配件', '塑料制品', '服装', '家具', '印务', '精密机械', '新材料'] },
  D: { name: '电力、热力、燃气及水生产和供应业', share: 0.5, classes: [[3, 1]], wage: 1.3, words: ['供水', '燃气', '热力', '新能源', '电力工程'] },
  E: { name: '建筑业', share: 8, classes: [[5, 6], [6, 4]], wage: 0.9, words: ['建设工程', '建筑', '建筑安装', '装饰工程', '市政工程', '路桥'] },
  F: { name: '批发和零售业', share: 25, classes: [[2, 1]], wage: 0.8, words: ['商贸', '贸易', '超市', '百货', '医药连锁', '五金交电', '农资'] },
  G: { name: '交通运输、仓储和邮政业', share: 5, classes: [[2, 3], [4, 2], [5, 5]], wage: 1.0, words: ['物流', '运输', '仓储', '快递', '客运'] },
  H: { name: '住宿和餐饮业', share: 8, classes: [[2, 1]], wage: 0.65, words: ['餐饮管理', '酒店', '宾馆', '餐饮'] },
  I: { name: '信息传输、软件和信息技术服务业', share: 5, classes: [[1, 6], [2, 4]], wage: 1.5, words: ['软件', '信息技术', '网络科技', '数据服务', '通信工程'] },
  J: { name: '金融业', share: 2, classes: [[1, 1]], wage: 1.6, words: ['小额贷款', '融资担保', '投资', '保险代理'] },
  K: { name: '房地产业', share: 4, classes: [[3, 1]], wage: 1.05, words: ['房地产开发', '物业管理', '置业'] },
  L: { name: '租赁和商务服务业', share: 8, classes: [[2, 6], [3, 4]], wage: 0.95, words: ['企业管理咨询', '人力资源', '广告', '会展服务', '设备租赁'] },
  M: { name: '科学研究和技术服务业', share: 3, classes: [[1, 3], [2, 7]], wage: 1.3, words: ['检测技术', '工程设计', '科技', '技术服务'] },
  N: { name: '水利、环境和公共设施管理业', share: 1, classes: [[3, 6], [4, 4]], wage: 0.85, words: ['环保科技', '园林绿化', '环境工程'] },
  O: { name: '居民服务、修理和其他服务业', share: 5, classes: [[2, 1]], wage: 0.7, words: ['家政服务', '汽车维修', '洗涤服务', '美容美发'] },
  P: { name: '教育', share: 0.5, classes: [[2, 1]], wage: 1.1, words: ['教育咨询', '职业培训'] },
  Q: { name: '卫生和社会工作', share: 0.5, classes: [[2, 7], [1, 3]], wage: 1.15, words: ['医疗管理', '康复', '养老服务'] },
  R: { name: '文化、体育和娱乐业', share: 1.5, classes: [[2, 7], [1, 3]], wage: 0.95, words: ['文化传媒', '体育发展', '影视'] },
  S: { name: '公共管理、社会保障和社会组织', share: 0, classes: [[1, 1]], wage: 1.15, words: [] },
};

/** Characters used in trade names (字号). */
const BRAND_CHARS = [...'华兴宏达鑫源恒泰盛昌隆永嘉瑞祥和顺丰鼎富通远诚信金天宇海星光明新锦美博创聚汇晟凯腾飞联科佳安康正德润益元中合泽峰辉东方长江云山蓝绿'];
const ENTERPRISE_FORMS: [string, number][] = [['有限公司', 70], ['有限责任公司', 15], ['股份有限公司', 5], ['科技有限公司', 4], ['集团有限公司', 1]];
const SHOPS = ['餐馆', '面馆', '五金店', '便利店', '理发店', '汽修店', '烟酒店', '副食店', '水果店', '服装店', '小吃店', '干洗店'];

/** Public institutions (事业单位) by funding: name patterns, industry, typical size (median employees). */
const INSTITUTIONS: Record<'institution_full' | 'institution_partial' | 'institution_self', { names: string[]; industry: string; median: number }[]> = {
  institution_full: [
    { names: ['第{n}中学', '实验中学', '职业技术学校'], industry: 'P', median: 120 },
    { names: ['第{n}小学', '实验小学', '{brand}小学', '第{n}幼儿园', '{brand}幼儿园'], industry: 'P', median: 45 },
    { names: ['疾病预防控制中心', '图书馆', '文化馆', '农业技术推广中心', '水利工作站', '林业工作站', '档案馆', '社会福利院'], industry: 'S', median: 25 },
  ],
  institution_partial: [
    { names: ['人民医院', '中医院', '第{n}人民医院'], industry: 'Q', median: 700 },
    { names: ['妇幼保健院', '{brand}镇卫生院', '{brand}社区卫生服务中心', '{brand}街道社区卫生服务站'], industry: 'Q', median: 40 },
  ],
  institution_self: [
    { names: ['建筑设计院', '产品质量检验所', '勘察测绘院', '公共资源交易服务中心', '{brand}宾馆', '{brand}招待所', '广播电视台'], industry: 'M', median: 40 },
  ],
};
const SOCIAL_ORGS = ['{brand}行业协会', '{brand}商会', '民办{brand}幼儿园', '{brand}社会工作服务中心', '{brand}职业培训学校'];

export interface DemoEmployer {
  /** 0-based index: the employer's position in the reserved id block and in the SQL arrays. */
  k: number;
  creditCode: string;
  name: string;
  regionCode: string;
  industryCode: string;
  workInjuryClass: number;
  /** Floating factor as a decimal string ("1.00"). */
  workInjuryFloat: string;
  employerType: EmployerType;
  status: 'active' | 'suspended' | 'closed';
  /** Relative size: the chance of being chosen for a job (heavy-tailed). */
  sizeWeight: number;
  /** Relative wage level (industry × employer), averaging 1 over jobs. */
  wageFactor: number;
}

export interface EmployerOptions {
  seed: number;
  count: number;
  counties?: DemoCounty[];
  /** Allowed floating factors by work-injury class ("1" … "8") as decimal strings, from contribution.work_injury.float_tiers. */
  floatTiers?: Record<string, readonly string[]>;
}

/** 人社部发〔2015〕71号; the generator is given the parameter's value, this is only the default of the pure function. */
const DEFAULT_FLOAT_TIERS: Record<string, readonly string[]> = Object.fromEntries(
  [1, 2, 3, 4, 5, 6, 7, 8].map((c) => [String(c), c === 1 ? ['1.00', '1.20', '1.50'] : ['0.50', '0.80', '1.00', '1.20', '1.50']]));

function fill(pattern: string, rng: Rng): string {
  return pattern.replace('{n}', String(1 + rng.int(pattern.includes('医院') ? 5 : 40))).replace('{brand}', rng.pick(BRAND_CHARS) + rng.pick(BRAND_CHARS));
}

function randomBody(rng: Rng, modern: boolean): string {
  if (!modern) return Array.from({ length: 8 }, () => String(rng.int(10))).join('');
  return 'MA' + Array.from({ length: 6 }, () => CREDIT_BODY_LETTERS[rng.int(CREDIT_BODY_LETTERS.length)]).join('');
}

/** The employers of the demo city: deterministic for a seed, every credit code valid and unique. */
export function generateEmployers(options: EmployerOptions): DemoEmployer[] {
  const counties = options.counties ?? DEMO_COUNTIES;
  const tiers = options.floatTiers ?? DEFAULT_FLOAT_TIERS;
  const rng = new Rng(options.seed, 'employers');
  const sections = Object.keys(INDUSTRIES).filter((code) => INDUSTRIES[code].share > 0);
  const sectionWeights = sections.map((code) => INDUSTRIES[code].share);
  const countyWeights = counties.map((county) => county.weight);
  const codes = new Set<string>(), names = new Set<string>();
  const employers: DemoEmployer[] = [];
  for (let k = 0; k < options.count; k++) {
    const county = counties[rng.weighted(countyWeights)];
    const typeRoll = rng.next();
    const employerType: EmployerType = typeRoll < 0.915 ? 'enterprise' : typeRoll < 0.945 ? 'institution_full' : typeRoll < 0.96 ? 'institution_partial' : typeRoll < 0.975 ? 'institution_self' : 'other';
    let industryCode: string, authority: string, category: string, median: number, sigma: number, modern: boolean;
    let makeName: () => string;
    const place = () => { const r = rng.next(); return r < 0.5 ? DEMO_CITY.name : r < 0.7 ? DEMO_CITY.name.slice(0, 2) : county.name; };
    if (employerType === 'enterprise') {
      industryCode = sections[rng.weighted(sectionWeights)];
      const individual = ['F', 'H', 'O'].includes(industryCode) && rng.next() < 0.25;   // 个体工商户
      authority = '9'; category = individual ? '2' : '1';
      median = individual ? 2 : 5; sigma = individual ? 0.6 : 1.55; modern = rng.next() < 0.65;
      const words = INDUSTRIES[industryCode].words;
      makeName = individual
        ? () => `${county.name}${rng.next() < 0.5 ? `${rng.pick(SURNAMES.slice(0, 40))[0]}记` : ''}${rng.pick(BRAND_CHARS)}${rng.pick(BRAND_CHARS)}${rng.pick(SHOPS)}`
        : () => `${place()}${rng.pick(BRAND_CHARS)}${rng.pick(BRAND_CHARS)}${rng.pick(words)}${ENTERPRISE_FORMS[rng.weighted(ENTERPRISE_FORMS.map(([, w]) => w))][0]}`;
    } else if (employerType === 'other') {
      industryCode = 'S'; authority = '5'; category = rng.next() < 0.5 ? '1' : '2'; median = 4; sigma = 0.8; modern = rng.next() < 0.5;
      makeName = () => `${place()}${fill(rng.pick(SOCIAL_ORGS), rng)}`;
    } else {
      const kinds = INSTITUTIONS[employerType];
      // The big ones (hospitals, secondary schools) are the rarer ones.
      let kind = kinds[rng.weighted(kinds.map((k) => 1 / Math.sqrt(k.median)))];
      // A city has only so many hospitals and secondary schools: once their names are taken, the smallest kind
      // of the same funding (clinics, primary schools, with trade-name patterns) takes over.
      let tries = 0;
      makeName = () => {
        let patterns = kind.names;
        if (++tries > 6) {
          kind = kinds.filter((k) => k.names.some((n) => n.includes('{brand}'))).reduce((small, k) => (k.median < small.median ? k : small));
          patterns = kind.names.filter((n) => n.includes('{brand}'));
        }
        industryCode = kind.industry; median = kind.median;
        return `${rng.next() < 0.6 ? DEMO_CITY.name : county.name}${fill(rng.pick(patterns), rng)}`;
      };
      industryCode = kind.industry; authority = '1'; category = '2'; median = kind.median; sigma = 0.8; modern = false;
    }
    let name = makeName();
    for (let attempt = 0; names.has(name); attempt++) name = attempt < 20 ? makeName() : `${makeName()}（${attempt}）`;
    names.add(name);
    let creditCode = buildCreditCode(authority, category, county.code, randomBody(rng, modern));
    while (codes.has(creditCode)) creditCode = buildCreditCode(authority, category, county.code, randomBody(rng, modern));
    codes.add(creditCode);

    const classes = INDUSTRIES[industryCode].classes;
    const workInjuryClass = classes[rng.weighted(classes.map(([, w]) => w))][0];
    // Most employers pay the base rate; the others sit on one of the allowed tiers.
    const allowed = (tiers[String(workInjuryClass)] ?? ['1.00']).map((tier) => Number(tier).toFixed(2));
    const others = allowed.filter((tier) => tier !== '1.00');
    const factor = rng.next() < 0.8 || others.length === 0 ? (allowed.includes('1.00') ? '1.00' : allowed[0]) : rng.pick(others);
    const statusRoll = rng.next();
    const status = employerType !== 'enterprise' ? 'active' : statusRoll < 0.03 ? 'closed' : statusRoll < 0.05 ? 'suspended' : 'active';
    employers.push({
      k, creditCode, name, regionCode: county.code, industryCode, workInjuryClass, workInjuryFloat: factor, employerType, status,
      sizeWeight: Math.max(0.3, rng.lognormal(median, sigma)),
      wageFactor: INDUSTRIES[industryCode].wage * Math.exp(0.15 * rng.normal()),
    });
  }
  // Wages average to the province's average wage over jobs: normalise the factor by the size-weighted mean.
  const totalWeight = employers.reduce((sum, e) => sum + e.sizeWeight, 0);
  const mean = employers.reduce((sum, e) => sum + e.sizeWeight * e.wageFactor, 0) / totalWeight;
  for (const employer of employers) employer.wageFactor /= mean;
  return employers;
}

// ── the history window ──────────────────────────────────────────────────────

export interface HistoryWindow {
  /** First day of the history (first day of the month `years` × 12 − 1 months before the last month). */
  start: string;
  /** Last day of the history: the last day of the month before `today`. */
  end: string;
  firstYear: number;
  lastYear: number;
}

const iso = (date: Date) => date.toISOString().slice(0, 10);

/** The history of `years` years ending with the month before `today` (YYYY-MM-DD), or with `endMonth` (YYYY-MM). */
export function historyWindow(today: string, years: number, endMonth?: string): HistoryWindow {
  let year: number, month: number;   // month 1–12 of the last month of the history
  if (endMonth) {
    const match = /^(\d{4})-(\d{2})$/.exec(endMonth);
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) throw new Error(`end month must be YYYY-MM, got "${endMonth}"`);
    [year, month] = [Number(match[1]), Number(match[2])];
    if (`${endMonth}-01` >= `${today.slice(0, 7)}-01`) throw new Error(`end month ${endMonth} must be before the current month`);
  } else {
    [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1];
    if (month === 0) { year--; month = 12; }
  }
  const end = new Date(Date.UTC(year, month, 0));
  const start = new Date(Date.UTC(year, month - years * 12, 1));
  return { start: iso(start), end: iso(end), firstYear: start.getUTCFullYear(), lastYear: year };
}
