/** What the performance evaluation says (中文 for agency staff, English). */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

defineFieldLabels({ pool: ['以奖代补资金总额', 'reward pool'] });

export const evaluationSaid = defineMessages('supervision.evaluation', {
  poolNegative: ['不得为负数', 'must not be negative'],
  poolMissing: ['{year} 年度未设定以奖代补资金额度（参数 supervision.evaluation.reward_pool），请指定', 'no reward pool is set for {year} (parameter supervision.evaluation.reward_pool): give one'],
});
