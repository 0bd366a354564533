/** What the parameter store says when a value is asked for (issue 10), in Chinese and English. */
import { defineFieldLabels, defineMessages } from '../messages.ts';

defineFieldLabels({
  path: ['参数路径', 'path'],
  // the fields of a proposed regional value (regional-values.service.ts)
  value: ['取值', 'value'],
  since: ['生效日期', 'effective date'],
});

export const paramsMessages = defineMessages('params', {
  realDateGot: ['须为有效日期 YYYY-MM-DD，实为“{date}”', 'must be a real date YYYY-MM-DD, got "{date}"'],
  regionCodeGot: ['须为六位 GB/T 2260 行政区划代码，实为“{regionCode}”', 'must be a six-digit GB/T 2260 region code, got "{regionCode}"'],
  parameter: ['参数 {path}', 'parameter {path}'],
  noNationalValue: ['参数 {path} 没有全国统一值，按行政区划设定（{overrides}）：请指定其中一个区划', 'parameter {path} has no national value; it is set per region ({overrides}): give one of those regions'],
  noRegionValue: ['参数 {path} 没有区划 {region} 的值，按行政区划设定（{overrides}）：请指定其中一个区划', 'parameter {path} has no value for region {region}; it is set per region ({overrides}): give one of those regions'],
  noValueBefore: ['参数 {path} 在 {first} 之前没有值（查询日期 {date}）', 'parameter {path} has no value before {first} (asked for {date})'],
  noValueBeforeInRegion: ['参数 {path} 在 {first} 之前没有值（查询日期 {date}，区划 {region}）', 'parameter {path} has no value before {first} (asked for {date} in region {region})'],
});
