/** What the risk-graded controls say (中文 for agency staff, English): the sample's refusals. */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

defineFieldLabels({
  size: ['抽样笔数', 'sample size'],
});

export const controlsSaid = defineMessages('supervision.controls', {
  monthAhead: ['{month} 尚未开始，不能抽样', '{month} has not begun: nothing to sample'],
  seedRange: ['须为 0 至 {max} 之间的整数', 'must be a whole number from 0 to {max}'],
  sizeRange: ['须为 1 至 {max} 之间的整数', 'must be a whole number from 1 to {max}'],
  regionUnknown: ['本经办机构范围内没有行政区划 {region}', 'no region {region} in your scope'],
  regionRequired: ['系统中有多个省级区划，请指定行政区划', 'the system holds several provinces: name the region'],
});
