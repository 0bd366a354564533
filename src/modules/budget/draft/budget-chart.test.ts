/** The budget subject chart: every ledger subject of a budgeted fund in exactly one line, the layout's table numbers, strict loading. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chartFor } from '../../ledger/index.ts';
import { budgetChartDirectory, budgetChartFor, ledgerSubjectsOf, loadBudgetCharts, mappingProblems, parseBudgetChart, schemeTable } from './budget-chart.ts';

const chartText = fs.readFileSync(path.join(budgetChartDirectory, '2018.yaml'), 'utf8');

test('every revenue and expense subject of every budgeted fund is summed by exactly one line, in every ledger chart in force', () => {
  for (const budgetChart of loadBudgetCharts()) {
    for (let year = budgetChart.year; year <= new Date().getUTCFullYear() + 1; year++) {
      const ledgerChart = chartFor(year);
      const funds = Object.entries(ledgerChart.insurances).filter(([, entry]) => !entry.mergedInto).map(([insurance]) => insurance);
      for (const insurance of funds) {
        if (budgetChart.notBudgeted.includes(insurance)) continue;
        const table = schemeTable(budgetChart, insurance);
        assert.ok(table, `ledger fund insurance ${insurance} has a budget table in chart ${budgetChart.year}`);
        assert.deepEqual(mappingProblems(table, ledgerSubjectsOf(ledgerChart, insurance)), { unmapped: [], mappedTwice: [], unknown: [] }, `${insurance} in ${year}`);
      }
    }
  }
});

test('a subject dropped from the chart is reported unmapped; a subject in two lines is reported twice; a subject the fund lacks is unknown', () => {
  const dropped = parseBudgetChart(chartText.replace('      - { line: disability_allowance, name: 病残津贴, subjects: [benefit_expense.disability_allowance] }\n', ''));
  const ledger = ledgerSubjectsOf(chartFor(2026), 'pension');
  assert.deepEqual(mappingProblems(schemeTable(dropped, 'pension')!, ledger), { unmapped: ['benefit_expense.disability_allowance'], mappedTwice: [], unknown: [] });
  const twice = parseBudgetChart(chartText.replace('subjects: [other_income]', 'subjects: [other_income, interest_income]'));
  assert.deepEqual(mappingProblems(schemeTable(twice, 'pension')!, ledger), { unmapped: [], mappedTwice: ['interest_income'], unknown: [] });
  // the unemployment benefit is no subject of a pension fund
  assert.deepEqual(mappingProblems(schemeTable(budgetChartFor(2027), 'unemployment')!, ledger).unknown,
    ['benefit_expense.unemployment_benefit', 'benefit_expense.medical_premium_for_unemployed', 'benefit_expense.training_and_placement_subsidy', 'benefit_expense.job_retention_refund']);
});

test('the standard layout: 社预01 the summary, 社预02–08 the schemes in order; work injury adds 劳动能力鉴定费支出 after 社会保险待遇支出', () => {
  const chart = budgetChartFor(2027);
  assert.equal(chart.summary.table, '社预01');
  assert.deepEqual(Object.entries(chart.schemes).map(([scheme, entry]) => `${entry.table} ${scheme}`),
    ['社预02 pension', '社预03 resident_pension', '社预04 public_pension', '社预05 medical', '社预06 resident_medical', '社预07 work_injury', '社预08 unemployment']);
  assert.equal(schemeTable(chart, 'resident_pension'), undefined, 'no ledger fund, no lines');
  const workInjury = schemeTable(chart, 'work_injury')!;
  assert.deepEqual(workInjury.expense.map((line) => line.name), ['社会保险待遇支出', '劳动能力鉴定费支出', '转移支出', '补助下级支出', '上解上级支出', '其他支出']);
  assert.deepEqual(workInjury.expense[0].items!.map((item) => item.name), ['工伤医疗待遇', '伤残待遇', '工亡待遇', '工伤预防费', '其他工伤保险待遇支出']);
  assert.deepEqual(workInjury.income.map((line) => line.name), ['社会保险费收入', '财政补贴收入', '利息收入', '委托投资收益', '转移收入', '上级补助收入', '下级上解收入', '其他收入']);
});

test('a chart is refused naming each problem', () => {
  assert.throws(() => parseBudgetChart(chartText.replace('{ line: other_income, name: 其他收入, subjects: [other_income] }', '{ line: other_income, name: 其他收入 }'), 'broken.yaml'),
    /broken\.yaml: income\[7\] needs subjects/);
  assert.throws(() => parseBudgetChart(chartText.replace('table: 社预08', 'table: 社预07')), /schemes\.unemployment\.table must be a table number 社预0N used once/);
});
