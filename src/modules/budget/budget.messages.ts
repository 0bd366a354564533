/** What the budget module says (预算编制): the forecast's refusals, its model names and its table for people. */
import { defineFieldLabels, defineMessages } from '../../platform/messages.ts';

defineFieldLabels({ horizon: ['预测期数', 'horizon'] });

/** Refusals of a series file (`sifund forecast --input`). */
export const seriesRules = defineMessages('budget.series', {
  header: ['表头须以 period,value 开头，其后为驱动因素列，实为“{header}”', 'the header must start with period,value, then driver columns; got "{header}"'],
  duplicateColumn: ['列名“{column}”重复', 'column "{column}" appears twice'],
  periodFormat: ['须为年度（YYYY）或年月（YYYY-MM），实为“{text}”', 'must be a year (YYYY) or a month (YYYY-MM), got "{text}"'],
  periodMixed: ['须与第一行同为{frequency}期间，实为“{text}”', 'must be a {frequency} period like the first row, got "{text}"'],
  periodNotNext: ['须紧接上一期 {previous}（应为 {expected}），实为“{text}”', 'must follow {previous} (expected {expected}), got "{text}"'],
  valueAfterGap: ['待预测期间（数值为空）之后不得再填实际数', 'no observed value may follow a period to forecast (an empty value)'],
  driverRequired: ['驱动因素须逐期填写，待预测期间也须填写', 'a driver needs a value for every period, the periods to forecast included'],
  rejected: ['文件有 {count} 处错误，未作预测', 'problems in the file: {count}; nothing was forecast'],
  tooShort: ['至少需要 {minimum} 期实际数才能回测，文件只有 {count} 期', 'at least {minimum} observed periods are needed for a backtest; the file has {count}'],
  horizonBeyondDrivers: ['驱动因素只填了 {count} 个待预测期间，少于预测期数 {horizon}', 'the drivers give values for {count} period(s) to forecast, fewer than the horizon {horizon}'],
});

export const frequencyNames = defineMessages('budget.frequency', {
  annual: ['年度', 'annual'],
  monthly: ['月度', 'monthly'],
});

/** The models, as a budget officer reads them. */
export const modelNames = defineMessages('budget.model', {
  naive: ['朴素预测（取上期值）', 'naive (last value)'],
  'seasonal-naive': ['季节朴素预测（取上年同月值）', 'seasonal naive (same month last year)'],
  drift: ['漂移法（上期值加平均增量）', 'drift (last value plus the average change)'],
  'linear-trend': ['线性趋势', 'linear trend'],
  'driver-regression': ['驱动因素回归', 'driver regression'],
  ets: ['指数平滑（ETS）', 'exponential smoothing (ETS)'],
  actuarial: ['精算测算（人数 × 基数 × 费率）', 'actuarial (contributors or recipients, average base or amount, rate)'],
});

export const forecastReport = defineMessages('budget.forecast', {
  leftOutHistory: ['历史期数不足，未参与回测', 'history too short for it: not backtested'],
  leftOutFit: ['有回测起点无法拟合，未参与比较', 'could not be fitted at some origin: not compared'],
  chosen: ['选用模型：{model}（回测 MASE 最小{verdict}）', 'chosen model: {model} (lowest backtest MASE{verdict})'],
  beatsNaive: ['，优于朴素预测', ', beats naive'],
  naiveKept: ['，其他模型均未优于朴素预测', ', no other model beats naive'],
  interval: ['预测区间：{level}%，回测覆盖率 {coverage}', 'prediction interval: {level}%, backtest coverage {coverage}'],
  period: ['期间', 'period'],
  value: ['预测值', 'forecast'],
  lower: ['下限', 'lower'],
  upper: ['上限', 'upper'],
  model: ['模型', 'model'],
  origins: ['回测期数', 'origins'],
  beats: ['优于朴素预测', 'beats naive'],
  yes: ['是', 'yes'],
  no: ['否', 'no'],
  backtestTitle: ['回测（扩展窗口滚动起点，逐期向前预测一期）', 'backtest (expanding window, rolling origin, one step ahead)'],
});

/** 预算草案 (`sifund budget draft`): its refusals and its table for people. */
export const draftRules = defineMessages('budget.draft', {
  yearShape: ['须为四位年度，实为“{value}”', 'must be a year like 2027, got "{value}"'],
  regionShape: ['须为六位行政区划代码，实为“{value}”', 'must be a six-digit region code, got "{value}"'],
  yearNotAfterActuals: ['预算年度须晚于已有实际数的年度 {lastYear}（实际数截至 {lastMonth}）', 'the budget year must come after {lastYear}, the year of the actuals (up to {lastMonth})'],
  noFund: ['区划 {region} 及其下级没有编制预算的社会保险基金', 'region {region} has no social insurance fund to budget, itself or below it'],
  noActuals: ['基金 {fund} 截至 {lastMonth} 尚无实际收支，无从预测', 'fund {fund} has no actuals up to {lastMonth}: nothing to forecast from'],
  title: ['社会保险基金预算草案', 'Social insurance fund budget draft'],
  budgetYear: ['预算年度', 'budget year'],
  actualsUpTo: ['实际数截至', 'actuals up to'],
  unit: ['金额单位', 'unit'],
  yuan: ['元', 'yuan'],
  line: ['项目', 'line'],
  subject: ['预算科目', 'subject'],
  amount: ['预算数', 'amount'],
  model: ['预测模型', 'model'],
  mase: ['回测 MASE', 'backtest MASE'],
  naiveMase: ['朴素预测 MASE', 'naive MASE'],
  itemOf: ['其中：{name}', 'of which: {name}'],
  totalIncome: ['收入合计', 'total income'],
  totalExpense: ['支出合计', 'total expense'],
  balance: ['本年收支结余', 'balance of the year'],
  previousAccumulatedBalance: ['上年滚存结余', 'accumulated balance brought forward'],
  accumulatedBalance: ['年末滚存结余', 'accumulated balance at year end'],
  sumOfItems: ['各项之和', 'sum of its items'],
});
