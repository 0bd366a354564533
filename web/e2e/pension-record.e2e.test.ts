/**
 * 从参保记录带出 in a real browser, on a small demo city: a province reviewer types a contributor's ID number and a
 * retirement date on 养老金测算, and the form takes the months, the index and the account balance of the record (GET
 * /api/pension/record gives the same figures) and the birth date from the registry (the demo's last three months run
 * through billing and payments, so its contributors have paid months); 180 months at index 1.0 and
 * 5000.00 carried over from outside sifund are added up by the server; a person with no contributions in sifund gets
 * the empty state and the totals of the outside part alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemo } from '../../src/modules/registry/demo/demo.service.ts';
import { newId } from '../../src/platform/ids.ts';
import { apiClient } from './server.ts';
import { fillDate, inputOf, openMenuEntry, setUpE2e, signInAs, watchPage } from './session.ts';

const DEMO_PASSWORD = 'E2e-Demo-Pass-2026';
const STAFF = 'review.990000';
const NEWCOMER = '110101196501010015';

const e2e = setUpE2e({
  cjkFont: false,
  beforeServer: async (database) => {
    await generateDemo(database.database, { persons: 300, employers: 10, years: 1, seed: 21, password: DEMO_PASSWORD, historyMonths: 3 });
    // a man with no contributions in sifund: his months come from the personnel file
    const { rows: [{ region_code }] } = await database.owner.query<{ region_code: string }>('select region_code from person order by id limit 1');
    await database.database.db.insertInto('person').values({ id: newId(), id_number: NEWCOMER, name: '赵新', gender: 'M', birth_date: '1965-01-01', region_code }).execute();
  },
});



interface RecordAnswer {
  months: number; averageIndex: string | null; accountBalance: string; birthDate: string; quoteHistory: { contributionMonths: number; averageIndex: string; accountBalance: string };
  trace: { step: string; name?: string; formula?: string; parameter?: string }[];
}

test('the pension quote fills from the person\'s record, with the outside part added and an empty state', { timeout: 300_000 }, async (t) => {
  const { server, browser, database } = e2e;
  const staff = await apiClient(server.baseUrl, STAFF, DEMO_PASSWORD);
  const page = browser.page;
  const errors = watchPage(page, 30_000);
  // the oldest contributor without an award: an age at retirement the divisor table covers, so the quote answers
  const { rows: [contributor] } = await database.owner.query<{ id_number: string; last: string }>(`
    select p.id_number, max(e.period) as last from person p join individual_account_entry e on e.person_id = p.id and e.kind = 'contribution'
    where not exists (select 1 from pension_award a where a.person_id = p.id)
    group by p.id, p.id_number, p.birth_date order by p.birth_date, p.id limit 1`); 
  assert.ok(contributor, 'the demo has a contributor');
  const retirementDate = `${contributor.last}-28`;

  await t.test('opens 养老金测算', async () => {
    await signInAs(page, server.baseUrl, STAFF, DEMO_PASSWORD);
    await page.getByTestId('dashboard').waitFor();
    await openMenuEntry(page, '待遇管理', 'menu-pensionQuote');
    await page.getByTestId('pension-quote-page').waitFor();
  });

  await t.test('从参保记录带出: the record\'s months, index and balance, and the birth date, as the API gives them', async () => {
    const api = await staff.call<RecordAnswer>('GET', `/api/pension/record?idNumber=${contributor.id_number}&retirementDate=${retirementDate}`);
    assert.equal(api.status, 200, JSON.stringify(api.body));
    assert.ok(api.body.months > 0 && api.body.averageIndex !== null, 'the contributor has months in sifund');
    await inputOf(page, 'record-idNumber').fill(contributor.id_number);
    await fillDate(page, 'quote-retirementDate', retirementDate);
    await page.getByTestId('record-fill').click();
    await page.getByTestId('record-summary').waitFor();
    assert.equal(await inputOf(page, 'quote-contributionMonths').inputValue(), String(api.body.months));
    assert.equal(await inputOf(page, 'quote-averageIndex').inputValue(), api.body.averageIndex);
    assert.equal(await inputOf(page, 'quote-accountBalance').inputValue(), api.body.accountBalance);
    assert.equal(await inputOf(page, 'quote-birthDate').inputValue(), api.body.birthDate);
    assert.equal(await inputOf(page, 'quote-contributionMonths').isDisabled(), true, 'the record\'s totals are not typed over');
    const recordRow = await page.getByTestId('record-row-record').innerText();
    assert.match(recordRow, new RegExp(`\\b${api.body.months}\\b`));
    assert.match(recordRow, new RegExp(api.body.averageIndex!.replace('.', '\\.')));
    assert.ok(await page.getByTestId('record-years').isVisible(), 'the years with their average wage parameters');
    assert.match(await page.getByTestId('record-years').innerText(), /contribution\.base\.average_wage@/);
    // the interest of the years not yet credited (the retirement year's through its month) beside the balance, with its rate's parameter
    const interest = api.body.trace.filter((step) => step.step === 'accountInterest');
    assert.ok(interest.some((step) => step.name === retirementDate.slice(0, 4)), 'the retirement year has no interest run yet: it is valued through its month');
    for (const step of interest) {
      const shown = await page.getByTestId(`record-source-accountInterest-${step.name}`).innerText();
      assert.ok(shown.includes(step.formula!) && shown.includes(step.parameter!), `${step.name}: ${shown}`);
    }
  });

  await t.test('the outside part: 180 months at index 1.0 and 5000.00 carried over, added up by the server', async () => {
    await inputOf(page, 'record-outsideMonths').fill('180');
    await inputOf(page, 'record-outsideAverageIndex').fill('1.0');
    await inputOf(page, 'record-openingAccountBalance').fill('5000.00');
    await inputOf(page, 'record-outsideNote').fill('人事档案 原系统缴费');
    const api = await staff.call<RecordAnswer>('GET',
      `/api/pension/record?idNumber=${contributor.id_number}&retirementDate=${retirementDate}&outsideMonths=180&outsideAverageIndex=1.0&openingAccountBalance=5000.00`);
    await page.getByTestId('record-fill').click();
    await page.waitForFunction((expected) => (document.querySelector('[data-testid="quote-contributionMonths"] input, input[data-testid="quote-contributionMonths"]') as HTMLInputElement | null)?.value === expected,
      String(api.body.months + 180));
    assert.equal(api.body.quoteHistory.contributionMonths, api.body.months + 180);
    assert.equal(await inputOf(page, 'quote-averageIndex').inputValue(), api.body.quoteHistory.averageIndex);
    assert.equal(await inputOf(page, 'quote-accountBalance').inputValue(), api.body.quoteHistory.accountBalance);
    const cents = (yuan: string) => BigInt(yuan.replace('.', ''));
    assert.equal(cents(api.body.quoteHistory.accountBalance), cents(api.body.accountBalance) + 500_000n);
    assert.match(await page.getByTestId('record-row-total').innerText(), new RegExp(`\\b${api.body.months + 180}\\b`));
    await page.getByTestId('quote-submit').click();
    await page.locator('[data-testid="quote-answer"], [data-testid="quote-error"], .ant-form-item-explain-error').first().waitFor();
    assert.equal(await page.locator('[data-testid="quote-error"], .ant-form-item-explain-error').count(), 0,
      await page.locator('[data-testid="quote-error"], .ant-form-item-explain-error').allInnerTexts().then((texts) => texts.join('; ')));
  });

  await t.test('a person with no contributions in sifund: the empty state, the totals the outside part\'s', async () => {
    await inputOf(page, 'record-idNumber').fill(NEWCOMER);
    await page.getByTestId('record-fill').click();
    await page.getByTestId('record-empty').waitFor();
    assert.match(await page.getByTestId('record-empty').innerText(), /系统内无缴费记录/);
    assert.equal(await inputOf(page, 'quote-contributionMonths').inputValue(), '180');
    assert.equal(await inputOf(page, 'quote-averageIndex').inputValue(), '1.0000');
    assert.equal(await inputOf(page, 'quote-accountBalance').inputValue(), '5000.00');
    assert.equal(await inputOf(page, 'quote-birthDate').inputValue(), '1965-01-01');
  });

  assert.deepEqual(errors, []);
});
