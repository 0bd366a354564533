/**
 * The demo city's pensioners (called by `sifund demo`): an active award for every retiree of the demo's history,
 * quoted by quotePension (pension/quote.calc.ts) from the input demo-awards.calc.ts draws from the person. The
 * retirees are read inside the registry's loading transaction and quoted in TypeScript while that transaction checks
 * its foreign keys (quoteDemoPensioners); once the registry is committed the awards are written a thousand to a
 * statement, in two transactions side by side (loadDemoPensioners), and the pension funds' balance of twelve months of
 * their payroll brought into the ledger at the demo's go-live (期初建账 on the first day of this month, demoGoLive).
 * The demo holds it in the 财政专户, where a fund's 结余 stands (财社〔2017〕144号: the 支出户 receives only what the
 * 财政专户 transfers for payments), so each payroll's 用款申请 brings what the 支出户 lacks (ledger expense-account.service).
 * Speed (docs/decisions.md, "The pensioners"): 50,023 awards (200,000 persons) in 12.9 s while each kept its ~4.4 KB
 * traced quote (PostgreSQL parsing and compressing it was the bound), 3.5 s keeping the input and figures (~560 bytes);
 * at 1,000,000 persons the quoting (~5 CPU seconds in Node) runs beside the registry's foreign keys' checks.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, systemActor, type Tx } from '../../../platform/actor.ts';
import { allEnded } from '../../../platform/concurrency.ts';
import { newId } from '../../../platform/ids.ts';
import { formatDecimal, formatYuan, parseYuan } from '../../../platform/money.ts';
import { getParameters, todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { ensureFunds, openingBalanceEntry, postEntries } from '../../ledger/index.ts';
import { demoGoLive } from '../../registry/index.ts';
import { publicPensionEmployerTypes } from '../../collection/index.ts';
import { addMonths } from '../../ledger/index.ts';
import { quotePension, type PensionQuoteParameters } from '../pension/quote.calc.ts';
import { pensionQuoteParameters } from '../pension/quote.service.ts';
import * as repository from './awards.repository.ts';
import { demoQuoteInput } from './demo-awards.calc.ts';
import type { ServerQuote } from './awards.service.ts';

/** A demo award's quote: the server's quote without its trace, which the kept input reproduces. */
type DemoQuote = Omit<ServerQuote, 'trace'>;

/** Months of payroll the demo's opening balance covers. */
const OPENING_MONTHS = 12n;
/** Awards written per statement. */
const INSERT_CHUNK = 1000;
/** Award streams written side by side (loadDemoPensioners). */
const AWARD_STREAMS = 2;
/** Awards quoted between two turns of the event loop, so the loading transaction's statements go on meanwhile. */
const QUOTES_PER_TURN = 100;

interface DemoAwardContext { provinceCode: string; today: string; averageWage: bigint }

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The demo's awards, one per retiree: each quoted under the rules in force today with today's average wage (the
 * demo's pensioners are paid today, whenever they retired; the parameters of 1990 are not all in the parameter
 * files), on the person's own birth date, gender and retirement date. The quote's parameters depend only on the
 * date looked up (today), the region and whether the input has an average wage (it always has), so they are looked
 * up once per region and shared by its retirees.
 */
function demoAwardQuoter(input: DemoAwardContext): (retiree: repository.DemoRetiree) => { row: repository.DemoAwardRow; quote: string } {
  const store = getParameters();
  const minimumMonths = store.integer('pension.minimum_contribution_months', input.today, input.provinceCode);
  const averageWage = formatYuan(input.averageWage);
  const parametersByRegion = new Map<string, PensionQuoteParameters>();
  return (retiree) => {
    const quoteInput = demoQuoteInput(
      { idNumber: retiree.id_number, birthDate: retiree.birth_date, gender: retiree.gender, hiredOn: retiree.hired_on, retiredOn: retiree.retired_on },
      { minimumMonths, averageWage: input.averageWage, region: retiree.region_code },
    );
    let parameters = parametersByRegion.get(retiree.region_code);
    if (!parameters) parametersByRegion.set(retiree.region_code, parameters = pensionQuoteParameters(store, { ...quoteInput, retirementDate: input.today }));
    const quote = quotePension(quoteInput, parameters);
    if (!quote.eligible) throw new Error(`demo retiree ${retiree.person_id} is not eligible: ${quote.reasons.map((r) => r.key).join(', ')}`);
    // The demo's retirees stand for the pensioners an agency brings to sifund at go-live (存量待遇人员), awarded before
    // it: their record keeps the quote's input and figures, from which `sifund pension quote --input` gives the same
    // figures with the trace step by step (awards.db.test.ts checks every demo award); an award signed off in sifund
    // keeps its trace as quoted (awards.service.ts).
    const { reasons: _none, trace: _reproducible, ...figures } = quote;
    const kept: DemoQuote = {
      ...figures,
      input: {
        source: 'sifund demo', region: quoteInput.region, birthDate: quoteInput.birthDate, gender: quoteInput.gender, category: quoteInput.category,
        retirementDate: quoteInput.retirementDate, contributionMonths: quoteInput.contributionMonths, deemedMonths: quoteInput.deemedMonths,
        averageIndex: formatDecimal(quoteInput.averageIndex), averageWage, accountBalance: formatYuan(quoteInput.accountBalance),
      },
    };
    const isPublic = (publicPensionEmployerTypes as readonly string[]).includes(retiree.employer_type);
    return {
      row: {
        person_id: retiree.person_id, id: newId().toString(), region_code: retiree.region_code, scheme: isPublic ? 'public' : 'enterprise',
        awarded_on: retiree.retired_on, first_period: addMonths(retiree.retired_on.slice(0, 7), 1),
        basic_pension: parseYuan(quote.basicPension).toString(), account_pension: parseYuan(quote.accountPension).toString(),
        transitional_pension: parseYuan(quote.transitionalPension).toString(), monthly_amount: parseYuan(quote.total).toString(),
        bank_account: `6217${retiree.id_number.slice(0, 15)}`, awarded_by: 'system:demo', contribution_months: quoteInput.contributionMonths + quoteInput.deemedMonths,
      },
      quote: JSON.stringify(kept),
    };
  };
}

/** The demo's awards quoted, not yet written: JSON arrays of a thousand rows each (demoAwardRows), in person order. */
export interface DemoPensionerQuotes { chunks: string[] }

/**
 * Reads the demo's retirees on `tx` — the registry's loading transaction, which sees the rows it has loaded — and
 * answers once they are read; `quotes` settles when Node has quoted them all, meanwhile the transaction goes on
 * (checking the registry's foreign keys: one core's work, the other core quotes). The awards are written after the
 * registry commits (loadDemoPensioners).
 */
export async function quoteDemoPensioners(tx: Tx, input: { provinceCode: string }): Promise<{ quotes: Promise<DemoPensionerQuotes> }> {
  const retirees = await repository.demoRetirees(tx, input.provinceCode.slice(0, 2));
  const today = todayInChina();
  const averageWage = getParameters().lookup('contribution.base.average_wage', today, input.provinceCode).value as bigint;
  const quote = demoAwardQuoter({ provinceCode: input.provinceCode, today, averageWage });
  const quotes = (async () => {
    const chunks: string[] = [];
    for (let start = 0; start < retirees.length; start += INSERT_CHUNK) {
      const awards = [];
      for (const retiree of retirees.slice(start, start + INSERT_CHUNK)) {
        awards.push(quote(retiree));
        if (awards.length % QUOTES_PER_TURN === 0) await nextTurn();
      }
      chunks.push(repository.demoAwardRows(awards));
    }
    return { chunks };
  })();
  return { quotes };
}

export interface DemoPensioners { pensioners: number; openingBalances: Record<string, string> }

/**
 * Writes the quoted awards (quoteDemoPensioners) to the city's pension funds — the public employers' retirees to the
 * 机关事业单位 fund where the city has one — and brings the funds' opening balances into the ledger.
 */
export async function loadDemoPensioners(database: DatabaseHandle, input: {
  provinceCode: string; cityCode: string; quoted: DemoPensionerQuotes; /** 期初建账 day (default demoGoLive(today)) */ goLive?: string;
}): Promise<DemoPensioners> {
  const actor = systemActor('demo');
  const today = todayInChina();
  await ensureFunds(database);
  const funds = await inScope(database, actor, async (tx) => {
    const enterprise = await repository.fundPooling(tx, 'pension', input.cityCode);
    if (!enterprise) return null;
    return { enterprise: enterprise.code, public: (await repository.fundPooling(tx, 'public_pension', input.cityCode))?.code ?? enterprise.code };
  });
  if (!funds) return { pensioners: 0, openingBalances: {} };
  // Two streams, each its own transaction, so PostgreSQL writes on both cores; each stream's awards commit together,
  // and both have ended before the demo goes on (a failure of one is the demo's).
  const { chunks } = input.quoted;
  const size = Math.ceil(chunks.length / AWARD_STREAMS);   // halves in person order: each appends to its own part of the keys
  const streams = Array.from({ length: AWARD_STREAMS }, (_, k) => chunks.slice(k * size, (k + 1) * size));
  const written = await allEnded(streams.map((stream) => inScope(database, actor, async (tx) => {
    let count = 0;
    for (const rows of stream) count += await repository.insertDemoAwards(tx, rows, funds);
    return count;
  })));
  const pensioners = written.reduce((sum, count) => sum + count, 0);
  const totals = await inScope(database, actor, (tx) => repository.monthlyTotalsByFund(tx));
  const entries = totals.map((t) => openingBalanceEntry({
    fund: t.fund_code, amount: BigInt(t.total) * OPENING_MONTHS, date: input.goLive ?? demoGoLive(today), memo: `期初建账（演示数据：${OPENING_MONTHS} 个月养老金发放）`,
  }));
  if (entries.length) await postEntries(database, actor, entries, { kind: 'import' });
  const openingBalances = Object.fromEntries(entries.map((e) => [e.fund, formatYuan(e.lines[0].debit!)]));
  await inScope(database, actor, (tx) => recordAudit(tx, actor, { action: 'demo.pensioners', entityType: 'demo', entityId: input.cityCode, regionCode: input.provinceCode, after: { pensioners, openingBalances } }));
  return { pensioners, openingBalances };
}
