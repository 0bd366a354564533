/** What the alert webhooks and the monthly analyses generated at month close say (中文 for agency staff, English). */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

defineFieldLabels({
  url: ['推送地址', 'endpoint URL'],
  secret: ['签名密钥', 'secret'],
  events: ['推送事件', 'events'],
  enabled: ['是否启用', 'enabled'],
});

export const notificationSaid = defineMessages('execution.notifications', {
  urlNotHttp: ['须为 http:// 或 https:// 开头的完整地址（不含用户名、密码），收到“{value}”', 'must be a full http:// or https:// address without a user name or password, got "{value}"'],
  secretLength: ['须为 16 至 200 个字符', 'must be 16 to 200 characters'],
  eventsUnknown: ['须为以下一项或多项：{values}；收到“{value}”', 'must be one or more of {values}; got "{value}"'],
  eventsRequired: ['至少选择一项推送事件', 'name at least one event'],
  regionOutOfScope: ['区划 {region} 不在本人管理范围内', 'region {region} is outside your scope'],
  regionUnknown: ['区划 {region} 不存在', 'region {region} does not exist'],
  subscription: ['推送订阅 {id}', 'webhook subscription {id}'],
  nothingToChange: ['未给出要修改的内容（enabled、url、events）', 'nothing to change (enabled, url, events)'],
  jobLabel: ['预警推送', 'alert webhook delivery'],
  analysisJobLabel: ['月度基金收支分析（月结后自动生成）', 'monthly fund analysis (generated at month close)'],
  analysis: ['月度基金收支分析 {id}', 'monthly fund analysis {id}'],
  subscriptionDisabled: ['推送订阅已停用，不再投递', 'the subscription is disabled: not sent'],
  timedOut: ['{seconds} 秒内无应答', 'no answer within {seconds} s'],
  answeredStatus: ['对方应答 HTTP {status}', 'the endpoint answered HTTP {status}'],
});
