/** What the performance evaluation says (中文 for agency staff, English). */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

defineFieldLabels({ pool: ['以奖代补资金总额', 'reward pool'], evidence: ['依据材料', 'evidence'] });

export const evaluationSaid = defineMessages('supervision.evaluation', {
  poolNegative: ['不得为负数', 'must not be negative'],
  levelUnknown: ['考核层级须为 county（区县）或 city（地市），实为“{value}”', 'the level evaluated must be county or city, got "{value}"'],
  yearShape: ['须为 2000–2100 的年度，实为“{value}”', 'must be a year 2000–2100, got "{value}"'],
  yearNotBegun: ['{year} 年度尚未开始，不能录入', '{year} has not begun: nothing can be entered for it'],
  regionShape: ['须为六位行政区划代码，实为“{value}”', 'must be a six-digit region code, got "{value}"'],
  regionOutOfScope: ['区划 {region} 不在您的管辖范围内', 'region {region} is outside your scope'],
  regionNotEvaluated: ['区划 {region} 不是考核对象（须为区县或地市）', 'region {region} is not evaluated (a county or a city is)'],
  indicatorNotEntered: ['“{value}”不是手工录入的指标；可录入：{codes}', '"{value}" is not an indicator entered by hand; these are: {codes}'],
  valueRange: ['须为 {min}–{max} 之间的数', 'must be a number from {min} to {max}'],
  valuePlaces: ['最多四位小数', 'at most four decimal places'],
  evidenceLength: ['请写明依据材料（文号、报告或记录），4–500 字', 'name the evidence (document number, report or record), 4–500 characters'],
  poolMissing: ['{year} 年度未设定以奖代补资金额度（参数 supervision.evaluation.reward_pool），请指定', 'no reward pool is set for {year} (parameter supervision.evaluation.reward_pool): give one'],
});
