/** What the risk-graded controls say (中文 for agency staff, English): the sample's refusals. */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

defineFieldLabels({
  size: ['抽样笔数', 'sample size'],
  verdict: ['核查结论', 'verdict'],
  position: ['样本序号', 'position in the sample'],
});

export const controlsSaid = defineMessages('supervision.controls', {
  monthAhead: ['{month} 尚未开始，不能抽样', '{month} has not begun: nothing to sample'],
  seedRange: ['须为 0 至 {max} 之间的整数', 'must be a whole number from 0 to {max}'],
  sizeRange: ['须为 1 至 {max} 之间的整数', 'must be a whole number from 1 to {max}'],
  regionUnknown: ['本经办机构范围内没有行政区划 {region}', 'no region {region} in your scope'],
  regionRequired: ['系统中有多个省级区划，请指定行政区划', 'the system holds several provinces: name the region'],
  sampleUnknown: ['稽核抽样 {id}', 'audit sample {id}'],
  positionRange: ['须为 1 至 {max} 之间的整数', 'must be a whole number from 1 to {max}'],
  positionOutside: ['该抽样共 {size} 笔，没有这个序号', 'the sample holds {size} operations: no such position'],
  noteText: ['须为文字', 'must be text'],
  noteLength: ['不能超过 {max} 个字', 'at most {max} characters'],
  noteRequired: ['发现问题时须写明问题', 'an irregular operation needs a note saying what was found'],
  ownOperation: ['业务 {id} 由您经办或审核，不能由您核查（不相容岗位分离）', 'you submitted or signed operation {id}: someone else reviews it (separation of duties)'],
  alreadyReviewed: ['第 {position} 笔已核查，核查记录不可更改；如需再查请立案', 'position {position} is reviewed already: the record stands; open a case to look again'],
});
