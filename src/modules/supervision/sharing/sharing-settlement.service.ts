/**
 * The settlement of a year's responsibility sharing (责任分担结算, issue 15 R9.6; seed 001: 自治区、市、县三级政府风险
 * 责任分担): per scheme and province, the counties' pension gaps of the year and their shares as `sifund sharing`
 * computes them (sharing.service.ts), submitted to the sign-off engine (kind supervision.sharing_settlement: 复核 and
 * 审批 with the budget permissions, risk high). The final approval reads the shares again (they must be those
 * submitted), posts what they move in the province's pooled fund (sharing-settlement.calc.ts: the province's share
 * borne, the city's and the county's remitted up, Dr 财政专户 / Cr 下级上解收入, one entry per county with the
 * idempotency key of the scheme, year and county, dated the approval day) and records the settlement (append-only, one
 * per scheme, year and province: a second is refused).
 */
import { isDeepStrictEqual } from 'node:util';
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, provinceOf, scopePrefix, widenToPooledFunds, type Actor, type Tx } from '../../../platform/actor.ts';
import { requirePermission } from '../../../platform/access/permissions.ts';
import { conflict, forbidden, invalid } from '../../../platform/errors.ts';
import { checkYear } from '../../../platform/dates.ts';
import { newId } from '../../../platform/ids.ts';
import { render } from '../../../platform/messages.ts';
import { formatYuan } from '../../../platform/money.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { openItemsOfKind, registerSignoffKind, submitForApproval, type ApprovalItemView } from '../../../platform/signoff/index.ts';
import { postEntries, type EntryInput } from '../../ledger/index.ts';
import { checkScheme, countyShares, PAYROLL_ACROSS_POOLS, SHARING_SCHEMES, type SharingScheme } from './sharing.service.ts';
import { remittanceLines, settleCountyShares } from './sharing-settlement.calc.ts';
import { sharingSaid as said } from './sharing.messages.ts';
import * as repository from './sharing-settlement.repository.ts';
import { budgetSignoffLevels } from '../../budget/index.ts';

/** The budget subject the remittances are income of in the pooled fund (chart/2018.yaml: 4007 下级上解收入). */
const REMITTANCE_SUBJECT = 'lower_level_remittance_income';

interface CountyText { region: string; name: string; gap: string; ownGap: string; province: string; city: string; county: string }
interface SharingSettlementPayload { region: string; scheme: SharingScheme; year: number; fund: string; remitted: string; counties: CountyText[] }

export const sharingSettlementSignoff = registerSignoffKind<SharingSettlementPayload>({
  kind: 'supervision.sharing_settlement',
  label: '责任分担结算',
  parameters: 'signoff.sharing_settlement',
  requestPermission: 'budget.draft',
  // money between the levels of government through the pooled fund: reviewed and approved as the budget is (seed 001)
  levels: budgetSignoffLevels,
  effect: async (tx, approver, item) => settle(tx, approver, item.id, item.payload, item.submittedBy),
  subjectLink: (payload) => `/supervision/sharing?year=${payload.year}&scheme=${payload.scheme}`,
});

const subjectKey = (scheme: SharingScheme, province: string, year: number) => `supervision.sharing_settlement:${scheme}:${province}:${year}`;

/** The scheme's fund pooled at the province (a fund pooled below it is refused: transfers between two funds are not built) and its counties' shares settled. */
async function provinceStatement(tx: Tx, scheme: SharingScheme, province: string, year: number) {
  const { fundInsurance, name } = SHARING_SCHEMES[scheme];
  const funds = await repository.pensionFundsWithin(tx, fundInsurance, scopePrefix(province));
  const pooled = funds.find((fund) => fund.region_code === province);
  if (!pooled) throw conflict('region', said.noPooledFund({ province, scheme: name, fund: `${fundInsurance}-${province}` }));
  const below = funds.find((fund) => fund.region_code !== province);
  if (below) throw conflict('region', said.fundBelowProvince({ fund: below.code }));
  const { counties } = await countyShares(tx, { scheme, prefix: scopePrefix(province), year, fallbackRegion: province });
  const settled = counties.map((county) => ({ ...county, settlement: settleCountyShares(county.region, county.result.shares) }));
  const text: CountyText[] = settled.map(({ region, name, result }) => ({
    region, name, gap: formatYuan(result.gap), ownGap: formatYuan(result.ownGap),
    province: formatYuan(result.shares.province), city: formatYuan(result.shares.city), county: formatYuan(result.shares.county),
  }));
  const sum = (pick: (county: (typeof settled)[number]) => bigint) => settled.reduce((total, county) => total + pick(county), 0n);
  return { fund: pooled.code, counties: settled, text, gap: sum((county) => county.result.gap), borne: sum((county) => county.settlement.borne), remitted: sum((county) => county.settlement.remitted) };
}

const lineMemo = () => ({ city: render(said.cityShareMemo(), 'zh-CN'), county: render(said.countyShareMemo(), 'zh-CN') });

/** The pooled fund's 财政专户 and 下级上解收入 (every pension fund has both: chart/2018.yaml). */
async function remittanceAccounts(tx: Tx, fund: string) {
  const { specialBank, revenue } = await repository.accountsOf(tx, fund, REMITTANCE_SUBJECT);
  if (!specialBank || !revenue) throw new Error(`fund ${fund} lacks its 财政专户 or 下级上解收入 account`);
  return { specialBank, revenue };
}

const yearIsOver = (year: number, today: string) => Number(today.slice(0, 4)) > year;

/** The provinces with a pooled enterprise pension fund the transaction sees (where pension pools, the public institutions' fund pools too). */
const poolingProvinces = async (tx: Tx) => [...new Set((await repository.pensionFundsWithin(tx, 'pension', '')).map((fund) => fund.region_code).filter((code) => code === provinceOf(code)))];

/** The province with a pooled pension fund a staff member acts for: a province's own, else (acting nationally) the only one. */
async function provinceOfActor(tx: Tx, actor: Actor): Promise<string | undefined> {
  const provinces = await poolingProvinces(tx);
  if (actor.regionCode) return provinces.includes(actor.regionCode) ? actor.regionCode : undefined;
  return provinces.length === 1 ? provinces[0] : undefined;
}

/** The province settled: the one given, else the actor's (below it: its province, refused for scope); the actor's scope must hold the whole province. */
async function provinceToSettle(tx: Tx, actor: Actor, region: string | undefined): Promise<string> {
  const province = region ?? (actor.regionCode ? provinceOf(actor.regionCode) : await provinceOfActor(tx, actor));
  // a province without a pooled fund is refused by provinceStatement, naming the fund
  if (province === undefined) throw invalid('region', said.regionRequired());
  if (!/^\d{2}0000$/.test(province) || province === '000000') throw invalid('region', said.notProvince({ value: province }));
  if (!scopePrefix(province).startsWith(scopePrefix(actor.regionCode))) throw forbidden(said.outsideScope({ province }));
  return province;
}

export interface SharingSettlementInput { year: number | string; region?: string; scheme?: string }

/** `sifund sharing settle`, POST /api/supervision/sharing/settlements: the year's settlement of a province submitted for sign-off. */
export async function submitSharingSettlement(database: DatabaseHandle, actor: Actor, input: SharingSettlementInput, today = todayInChina()): Promise<ApprovalItemView> {
  requirePermission(actor, 'budget.draft');
  const year = checkYear(input.year);
  const scheme = checkScheme(input.scheme);
  if (!yearIsOver(year, today)) throw invalid('year', said.yearNotOver({ year }));
  return inScope(database, widenToPooledFunds(actor, PAYROLL_ACROSS_POOLS), async (tx) => {
    const province = await provinceToSettle(tx, actor, input.region);
    const [done] = await repository.settlementsOf(tx, { scheme, year, province });
    if (done) throw conflict('year', said.alreadySettled({ province, year, settledOn: done.settled_on }));
    const statement = await provinceStatement(tx, scheme, province, year);
    if (statement.gap === 0n) throw conflict('year', said.nothingToSettle({ province, year }));
    const remitted = formatYuan(statement.remitted);
    const item = await submitForApproval(tx, actor, sharingSettlementSignoff, {
      regionCode: province, subjectKey: subjectKey(scheme, province, year), amount: statement.remitted,
      title: render(said.signoffTitle({ province, year, scheme: SHARING_SCHEMES[scheme].name, remitted }), 'zh-CN'),
      payload: { region: province, scheme, year, fund: statement.fund, remitted, counties: statement.text },
    });
    await recordAudit(tx, actor, { action: 'supervision.sharing.submit', entityType: 'approval_item', entityId: BigInt(item.id), regionCode: province,
      after: { year, scheme, fund: statement.fund, gap: formatYuan(statement.gap), borne: formatYuan(statement.borne), remitted } });
    return item;
  });
}

/** The final approval's effect: the shares read again (those approved), each county's remittances posted, the settlement recorded. */
async function settle(tx: Tx, approver: Actor, itemId: bigint, payload: SharingSettlementPayload, submittedBy: string) {
  const { region: province, year } = payload;
  const [done] = await repository.settlementsOf(tx, { scheme: payload.scheme, year, province });
  if (done) throw conflict('year', said.alreadySettled({ province, year, settledOn: done.settled_on }));
  const statement = await provinceStatement(tx, payload.scheme, province, year);
  if (!isDeepStrictEqual(statement.text, payload.counties)) {
    throw conflict('settlement', said.figuresChanged({ year, submitted: payload.remitted, now: formatYuan(statement.remitted) }));
  }
  const accounts = await remittanceAccounts(tx, statement.fund);
  const today = todayInChina();
  const id = newId();
  const entries: EntryInput[] = statement.counties.filter((county) => county.settlement.remitted > 0n).map((county) => ({
    key: `sharing-settlement:${payload.scheme}:${year}:${county.region}`, fund: statement.fund, period: today.slice(0, 7), date: today,
    memo: render(said.entryMemo({ year, county: county.name }), 'zh-CN'), source: { type: 'sharing_settlement', id: String(id) },
    lines: remittanceLines(county.settlement, { specialBank: accounts.specialBank.code, lowerLevelRemittance: accounts.revenue.code }, lineMemo()),
  }));
  const posted = entries.length ? await postEntries(tx, approver, entries) : [];
  const entryOf = (county: string) => posted.find((result) => result.key === `sharing-settlement:${payload.scheme}:${year}:${county}`)?.entryId;
  await repository.insertSettlement(tx, {
    id, region_code: province, scheme: payload.scheme, year, fund: statement.fund, gap: statement.gap, borne: statement.borne, remitted: statement.remitted,
    settled_on: today, approval_item_id: itemId, submitted_by: submittedBy, approved_by: approver.username,
  }, statement.counties.map(({ region, result }) => {
    const entry = entryOf(region);
    return {
      region_code: region, gap: result.gap, own_gap: result.ownGap, province_share: result.shares.province, city_share: result.shares.city, county_share: result.shares.county,
      entry_id: entry === undefined ? null : BigInt(entry),
    };
  }));
  await recordAudit(tx, approver, { action: 'supervision.sharing.approve', entityType: 'sharing_settlement', entityId: id, regionCode: province,
    after: { year, fund: statement.fund, gap: formatYuan(statement.gap), borne: formatYuan(statement.borne), remitted: payload.remitted, entries: posted.length } });
  return { settlementId: String(id), remitted: payload.remitted, entries: posted.map((result) => result.entryId) };
}

export interface SharingSettlementView {
  id: string; region: string; scheme: string; year: number; fund: string; gap: string; borne: string; remitted: string;
  settledOn: string; approvalItemId: string; submittedBy: string; approvedBy: string;
  counties: { region: string; gap: string; ownGap: string; shares: { province: string; city: string; county: string }; remitted: string; entryId: string | null }[];
}
export interface PlanLineView { account: string; name: string; debit: string; credit: string; reference: string | null; memo: string | null }
/** What the settlement would post now: per county the province's share borne and the entry of the remitted shares. */
export interface SharingPlanView {
  region: string; fund: string; gap: string; borne: string; remitted: string;
  counties: { region: string; name: string; gap: string; borne: string; remitted: string; lines: PlanLineView[] }[];
}
export interface SharingProposalView { approvalItemId: string; region: string; status: string; submittedBy: string; remitted: string }
export interface SharingSettlements { year: number; settlements: SharingSettlementView[]; proposals: SharingProposalView[]; plan: SharingPlanView | null }

/** The settlement a province's statement would post now (the lines of each county's entry, the accounts by name). */
async function settlementPlan(tx: Tx, scheme: SharingScheme, province: string, year: number): Promise<SharingPlanView> {
  const statement = await provinceStatement(tx, scheme, province, year);
  const accounts = await remittanceAccounts(tx, statement.fund);
  const names = new Map([[accounts.specialBank.code, accounts.specialBank.name], [accounts.revenue.code, accounts.revenue.name]]);
  return {
    region: province, fund: statement.fund, gap: formatYuan(statement.gap), borne: formatYuan(statement.borne), remitted: formatYuan(statement.remitted),
    counties: statement.counties.map((county) => ({
      region: county.region, name: county.name, gap: formatYuan(county.result.gap), borne: formatYuan(county.settlement.borne), remitted: formatYuan(county.settlement.remitted),
      lines: remittanceLines(county.settlement, { specialBank: accounts.specialBank.code, lowerLevelRemittance: accounts.revenue.code }, lineMemo()).map((line) => ({
        account: line.account, name: names.get(line.account)!, debit: formatYuan(line.debit ?? 0n), credit: formatYuan(line.credit ?? 0n), reference: line.reference ?? null, memo: line.memo ?? null,
      })),
    })),
  };
}

/**
 * GET /api/supervision/sharing/settlements: the year's settlements in the reader's scope, the submissions waiting in
 * sign-off, and for a reader of a province (or nationally, of the only pooled province) not yet settled, what the
 * settlement would post now.
 */
export async function listSharingSettlements(database: DatabaseHandle, actor: Actor, input: { year: number | string; scheme?: string }): Promise<SharingSettlements> {
  requirePermission(actor, 'supervision.read');
  const year = checkYear(input.year);
  const scheme = checkScheme(input.scheme);
  return inScope(database, actor, async (tx) => {
    const settlements = await repository.settlementsOf(tx, { scheme, year });
    const province = await provinceOfActor(tx, actor);
    const plan = province !== undefined && !settlements.some((settlement) => settlement.region_code === province) ? await settlementPlan(tx, scheme, province, year) : null;
    const counties = await repository.countiesOf(tx, settlements.map((settlement) => settlement.id));
    // the approval items are scoped by their region (the province): a reader below it sees none
    const waiting = (await openItemsOfKind(tx, sharingSettlementSignoff.kind, `${sharingSettlementSignoff.kind}:${scheme}:`)).filter((item) => item.subject_key.endsWith(`:${year}`));
    return {
      year, plan,
      settlements: settlements.map((row) => ({
        id: String(row.id), region: row.region_code, scheme: row.scheme, year: row.year, fund: row.fund,
        gap: formatYuan(row.gap), borne: formatYuan(row.borne), remitted: formatYuan(row.remitted),
        settledOn: row.settled_on, approvalItemId: String(row.approval_item_id), submittedBy: row.submitted_by, approvedBy: row.approved_by,
        counties: counties.filter((county) => county.settlement_id === row.id).map((county) => ({
          region: county.region_code, gap: formatYuan(county.gap), ownGap: formatYuan(county.own_gap),
          shares: { province: formatYuan(county.province_share), city: formatYuan(county.city_share), county: formatYuan(county.county_share) },
          remitted: formatYuan(county.city_share + county.county_share), entryId: county.entry_id === null ? null : String(county.entry_id),
        })),
      })),
      proposals: waiting.map((item) => ({
        approvalItemId: String(item.id), region: (item.payload as SharingSettlementPayload).region, status: item.status, submittedBy: item.submitted_by, remitted: (item.payload as SharingSettlementPayload).remitted,
      })),
    };
  });
}
