import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import { getParameters } from '../../../platform/params/index.ts';
import { addMonths } from '../../ledger/index.ts';
import { generateDemo, type DemoSummary } from '../../registry/demo/demo.service.ts';
import { quoteUnemployment } from '../unemployment/quote.calc.ts';
import { unemploymentQuoteParameters } from '../unemployment/quote.service.ts';
import { maternityParameters, workInjuryParameters } from './claim-parameters.ts';
import { calculateMaternity } from './maternity.calc.ts';
import { calculateWorkInjury, type WorkInjuryInput } from './work-injury.calc.ts';
import { systemActor } from '../../../platform/actor.ts';
import { getClaim, listClaims } from './claims.service.ts';

// Database tests run through `npm test` (which provides the server); a bare `node --test` skips them.
const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const OPTIONS = { persons: 3000, employers: 120, years: 2, seed: 11, password: 'demo-pass-2024' };

let db: TestDatabase;
let summary: DemoSummary;
const rows = async <T>(text: string, parameters: unknown[] = []) => (await db.database.pool.query(text, parameters)).rows as T[];

interface ClaimRow {
  id: string; id_number: string; region_code: string; kind: string; status: string; signoff: string; levels: number; event_date: string; input: Record<string, unknown>;
  amounts: { item: string; amount: string }[]; trace: { step: string; name?: string; value: unknown }[]; monthly_amount: string; one_off_amount: string;
  months: number | null; first_period: string | null; last_period: string | null; fund_code: string | null; separation_reason: string | null; separated_on: string | null;
}
let claims: ClaimRow[];
const amountsOf = (claim: ClaimRow) => Object.fromEntries(claim.amounts.map((a) => [a.item, a.amount]));

before(async () => {
  if (skip) return;
  db = await createTestDatabase();
  summary = await generateDemo(db.database, OPTIONS);
  claims = await rows<ClaimRow>(`select c.id::text, p.id_number, c.region_code, c.kind, c.status, i.status as signoff, jsonb_array_length(i.levels)::int as levels,
      c.event_date::text, c.input, c.amounts, c.trace, c.monthly_amount::text, c.one_off_amount::text, c.months, c.first_period, c.last_period, c.fund_code,
      e.separation_reason, e.separated_on::text
    from benefit_claim c join person p on p.id = c.person_id join approval_item i on i.id = c.approval_item_id
    left join lateral (select separation_reason, separated_on from employment where person_id = c.person_id order by hired_on desc, id desc limit 1) e on true
    order by p.id_number`);
});
after(async () => { await db?.drop(); });

test('the demo city has a few dozen unemployment claims, a handful of work injury claims and maternity claims, all signed off by 复核 and 审批', { skip }, async () => {
  const ofKind = (kind: string) => claims.filter((c) => c.kind === kind);
  const unemployed = ofKind('unemployment');
  assert.ok(unemployed.length >= 12 && unemployed.length <= 40, `unemployment claims ${unemployed.length}`);
  assert.equal(ofKind('work_injury').length, 8);
  assert.equal(ofKind('maternity').length, 10);
  for (const claim of claims) {
    assert.equal(claim.status, 'approved', claim.id_number);
    assert.equal(claim.signoff, 'approved', claim.id_number);
    assert.ok(claim.fund_code, claim.id_number);
  }
  // every approval went through its levels, signed by two different demo users, and was audited
  const steps = await rows<{ actions: string }>(`select string_agg(s.action || ':' || s.username, ',' order by s.seq) as actions
    from approval_step s join approval_item i on i.id = s.item_id where i.kind = 'benefit.claim' group by s.item_id`);
  assert.equal(steps.length, claims.length);
  for (const { actions } of steps) assert.match(actions, /^submit:system:demo-claims(,approve:system:demo-claims-review)?,approve:system:demo-claims-approve$/);
  const [audited] = await rows<{ n: number }>(`select count(*)::int as n from audit_log where action = 'benefits.claim.approve'`);
  assert.equal(audited.n, claims.length);

  // the unemployed lost their job involuntarily in the history's last six months; paid from their registration month
  const since = `${addMonths(summary.window.end.slice(0, 7), -5)}-01`;
  for (const claim of unemployed) {
    assert.equal(claim.separation_reason, 'involuntary', claim.id_number);
    assert.ok(claim.separated_on! >= since, `${claim.id_number} separated on ${claim.separated_on}`);
    assert.equal(claim.event_date, claim.separated_on);
    assert.equal(claim.first_period, String(claim.input.registeredOn).slice(0, 7));
    assert.equal(claim.last_period, addMonths(claim.first_period!, claim.months! - 1));
  }
  // grades spread, the gravest with nursing, one death with its dependants
  const injuries = ofKind('work_injury');
  assert.deepEqual(injuries.map((c) => c.input.grade).filter((grade) => grade !== undefined).sort((a, b) => Number(a) - Number(b)), [1, 2, 4, 5, 7, 9, 10]);
  assert.equal(injuries.filter((c) => c.input.benefit === 'death').length, 1);
  assert.equal(injuries.filter((c) => c.input.nursing).length, 2);
  // the claims of the unemployment fund's and the medical fund's region
  assert.ok(unemployed.every((c) => c.fund_code === unemployed[0].fund_code));
  assert.ok(ofKind('maternity').some((c) => c.input.deliveryType === 'caesarean') && ofKind('maternity').some((c) => c.input.babies === 2));
});

test('the amounts kept are the calculators\' for the claims\' input and record', { skip }, async () => {
  const store = getParameters();
  // unemployment: the months of enrollment up to the separation are the contributions counted
  for (const claim of claims.filter((c) => c.kind === 'unemployment').slice(0, 5)) {
    const counted = claim.trace.find((s) => s.step === 'contributionMonths')!.value as number;
    const [enrolled] = await rows<{ months: number }>(`select count(distinct to_char(m, 'YYYY-MM'))::int as months
      from enrollment n join person p on p.id = n.person_id
      cross join lateral generate_series(date_trunc('month', n.valid_from), date_trunc('month', coalesce(n.valid_to, current_date)), interval '1 month') m
      where p.id_number = $1 and n.insurance = 'unemployment' and m <= $2::date`, [claim.id_number, claim.separated_on]);
    assert.equal(counted, enrolled.months, claim.id_number);
    const input = { region: claim.region_code, contributionMonths: counted, unusedMonths: 0, separationReason: 'involuntary' as const, separationDate: claim.separated_on! };
    const quote = quoteUnemployment(input, unemploymentQuoteParameters(store, input));
    assert.equal(claim.months, quote.months, claim.id_number);
    assert.equal(amountsOf(claim).unemployment_benefit, quote.monthlyAmount, claim.id_number);
    assert.equal(formatYuan(BigInt(claim.monthly_amount)), quote.monthlyAmount, claim.id_number);
  }
  // work injury: every claim, from its stored input and the parameters of its date
  for (const claim of claims.filter((c) => c.kind === 'work_injury')) {
    const sent = claim.input as { benefit: WorkInjuryInput['benefit']; eventDate: string; ownWage: string; grade?: number; nursing?: WorkInjuryInput['nursing']; dependants?: WorkInjuryInput['dependants'] };
    const result = calculateWorkInjury({ benefit: sent.benefit, eventDate: sent.eventDate, ownWage: parseYuan(sent.ownWage), grade: sent.grade ?? null, nursing: sent.nursing ?? null, dependants: sent.dependants ?? [] },
      workInjuryParameters(store, sent.eventDate, claim.region_code));
    assert.deepEqual(amountsOf(claim), Object.fromEntries(result.amounts.map((a) => [a.item, formatYuan(a.amount)])), claim.id_number);
  }
  // maternity: the employer's average declared wage of the year before the birth
  for (const claim of claims.filter((c) => c.kind === 'maternity')) {
    const sent = claim.input as { childbirthDate: string; deliveryType: 'vaginal' | 'caesarean'; babies: number };
    const [employer] = await rows<{ average: string }>(`select round(avg(monthly_wage))::bigint::text as average from (
        select distinct on (b.person_id) b.monthly_wage from base_declaration b
        where b.year = $2 and b.employer_id = (select e.employer_id from employment e join person p on p.id = e.person_id
          where p.id_number = $1 and e.hired_on <= $3::date and (e.separated_on is null or e.separated_on >= $3::date) order by e.hired_on desc limit 1)
        order by b.person_id, b.version desc) latest`, [claim.id_number, Number(sent.childbirthDate.slice(0, 4)) - 1, sent.childbirthDate]);
    const result = calculateMaternity({ ...sent, employerAverageWage: BigInt(employer.average) }, maternityParameters(store, sent.childbirthDate, claim.region_code));
    assert.deepEqual(amountsOf(claim), Object.fromEntries(result.amounts.map((a) => [a.item, formatYuan(a.amount)])), claim.id_number);
  }
});

test('the list filters by region and ID number; one claim reads with its input and its trace', { skip }, async () => {
  const reader = systemActor('demo-claims-test', ['benefits.read', 'personal.full.read']);
  const all = await listClaims(db.database, reader, {}, { limit: 200 });
  assert.equal(all.total, claims.length);
  const county = claims[0].region_code;
  const inCounty = await listClaims(db.database, reader, { regionPrefix: county }, { limit: 200 });
  assert.equal(inCounty.total, claims.filter((c) => c.region_code === county).length);
  assert.ok(inCounty.items.every((c) => c.regionCode === county));
  const injured = claims.find((c) => c.kind === 'work_injury')!;
  const ofPerson = await listClaims(db.database, reader, { idNumber: injured.id_number }, { limit: 10 });
  assert.deepEqual(ofPerson.items.map((c) => c.id), [injured.id]);

  const detail = await getClaim(db.database, reader, BigInt(injured.id));
  assert.deepEqual(detail.trace, injured.trace);
  assert.deepEqual(detail.input, injured.input);
  assert.equal(detail.oneOffAmount, formatYuan(BigInt(injured.one_off_amount)));
  await assert.rejects(getClaim(db.database, reader, 1n), /no benefit claim 1/);
});
