/** What the choice of staff for a task says (staff.ts), 中文 and English. */
import { defineMessages } from '../messages.ts';

export const staffSaid = defineMessages('access.staff', {
  userUnknown: ['用户 {username} 不存在或不在本人管辖范围内', 'user {username} does not exist or is outside your region'],
  userDisabled: ['用户 {username} 已停用，不能指定', 'user {username} is disabled and cannot be given the task'],
  userLacks: ['用户 {username}（{role}）没有“{permission}”权限（{code}），不能指定', 'user {username} ({role}) does not hold {code} ({permission}) and cannot be given the task'],
  userRegionNotCovering: [
    '用户 {username} 所属区划 {userRegion} 不覆盖 {region}：须为本级或上级人员',
    'user {username} belongs to {userRegion}, which does not cover {region}: the staff must be of the region or above it',
  ],
});
