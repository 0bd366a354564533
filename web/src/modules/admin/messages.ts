/** 系统管理 administration: the UI's words, `key: [中文, English]`. */
import type { Messages } from '../../platform/module.ts';

export const messages = {
  'menu.admin': ['系统管理', 'Administration'],
  'menu.regions': ['区划', 'Regions'],
  'menu.agencies': ['经办机构', 'Agencies'],
  'menu.users': ['用户', 'Users'],

  'region.code': ['区划代码', 'Code'],
  'region.name': ['区划名称', 'Name'],
  'region.level': ['级别', 'Level'],
  'region.parent': ['上级区划', 'Parent'],
  'region.create': ['新增区划', 'Add a region'],
  'region.created': ['区划已新增', 'Region added'],
  'region.level.province': ['省级', 'Province'],
  'region.level.city': ['市级', 'City'],
  'region.level.county': ['县级', 'County'],
  'region.codeRule': ['6 位 GB/T 2260 代码', 'Six-digit GB/T 2260 code'],

  'agency.name': ['机构名称', 'Agency name'],
  'agency.create': ['新增经办机构', 'Add an agency'],
  'agency.created': ['经办机构已新增', 'Agency added'],

  'user.username': ['用户名', 'Username'],
  'user.displayName': ['姓名', 'Display name'],
  'user.search': ['用户名或姓名', 'Username or name'],
  'user.password': ['初始密码', 'Initial password'],
  'user.passwordHint': ['留空则由系统生成', 'Leave empty to generate one'],
  'user.role': ['角色', 'Role'],
  'user.agency': ['经办机构', 'Agency'],
  'user.create': ['新增用户', 'Add a user'],
  'user.created': ['用户已创建', 'User created'],
  'user.generatedPassword': ['系统生成的初始密码（仅显示一次，请妥善转交）', 'Generated initial password (shown once; hand it over safely)'],
  'user.regionRequired': ['除系统管理员外均须指定区划', 'Every role but administrator needs a region'],
  'user.disable': ['停用', 'Disable'],
  'user.resetPassword': ['重置密码', 'Reset password'],
  'user.resetConfirm': ['重置该用户的密码？系统将生成新密码，用户下次登录时须修改，其现有会话立即失效。', 'Reset this user\'s password? A new one is generated, the user must change it at the next sign-in, and their sessions end now.'],
  'user.passwordReset': ['密码已重置', 'Password reset'],
  'user.enable': ['启用', 'Enable'],
  'user.disableConfirm': ['停用后该用户将无法登录，确认停用？', 'The user will no longer be able to sign in. Disable?'],
  'user.status.active': ['启用', 'Active'],
  'user.status.disabled': ['停用', 'Disabled'],
} satisfies Messages;
