/**
 * Field labels every module shares (the request fields named alike everywhere: paging, region, period, dates), and
 * the rules said of any field (required, one of, length, a whole number in a range). A module's own fields are
 * labelled in its own catalog (registry.messages.ts: idNumber, creditCode …); a label is defined once in the app.
 * Loaded by ../http/input-checks.ts, which every server and the CLI load, so the labels are registered everywhere.
 */
import { defineFieldLabels, defineMessages } from './messages.ts';

defineFieldLabels({
  limit: ['每页条数', 'limit'],
  offset: ['起始位置', 'offset'],
  page: ['页码', 'page'],
  q: ['查询内容', 'search text'],
  id: ['编号', 'id'],
  name: ['名称', 'name'],
  status: ['状态', 'status'],
  reason: ['原因', 'reason'],
  region: ['行政区划', 'region'],
  regionCode: ['行政区划代码', 'region code'],
  period: ['所属期', 'period'],
  year: ['年度', 'year'],
  from: ['起始日期', 'from'],
  to: ['截止日期', 'to'],
  asOf: ['截止日期', 'as of'],
  file: ['文件', 'file'],
  encoding: ['文件编码', 'encoding'],
  out: ['输出文件', 'out'],
  format: ['格式', 'format'],
});

/** What is said of any field, whatever its module. */
export const fieldRules = defineMessages('rules', {
  required: ['必填', 'is required'],
  oneOf: ['须为以下之一：{values}', 'must be one of {values}'],
  atMostCharacters: ['至多 {max} 个字符', 'must be at most {max} characters'],
  integerFromTo: ['须为 {min} 至 {max} 之间的整数', 'must be an integer from {min} to {max}'],
  integerFromToGot: ['须为 {min} 至 {max} 之间的整数，实为 {value}', 'must be an integer from {min} to {max}, got {value}'],
  wholeNumberGot: ['须为整数，实为“{text}”', 'must be a whole number, got "{text}"'],
  yuanGot: ['须为以元为单位、至多两位小数的金额，实为“{text}”', 'must be an amount in yuan with at most two decimals, got "{text}"'],
  decimalGot: ['须为十进制数，实为“{text}”', 'must be a decimal number, got "{text}"'],
});
