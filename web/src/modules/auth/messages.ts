/** 登录与密码 sign-in and password: the UI's words, `key: [中文, English]`. */
import type { Messages } from '../../platform/module.ts';

export const messages = {
  'password.title': ['修改密码', 'Change password'],
  'password.current': ['当前密码', 'Current password'],
  'password.new': ['新密码', 'New password'],
  'password.confirm': ['确认新密码', 'Confirm the new password'],
  'password.rule': ['至少 10 个字符，不能是常见密码，不能包含用户名；建议由几个不相关的词和数字组成', 'At least 10 characters, not a common password, not containing your username; several unrelated words with digits work well'],
  'password.mismatch': ['两次输入的新密码不一致', 'The two new passwords differ'],
  'password.submit': ['修改密码', 'Change password'],
  'password.changed': ['密码已修改，其他设备上的登录已退出', 'Password changed; your sessions elsewhere were signed out'],
  'password.mustChange': ['管理员已重置您的密码，请先设置新密码再继续使用系统', 'An administrator reset your password: choose a new one to continue'],

  'login.title': ['登录', 'Sign in'],
  'login.subtitle': ['社会保险基金预算管理一体化 · 社保经办', 'Integrated fund budget management and social insurance operations'],
  'login.username': ['用户名', 'Username'],
  'login.password': ['密码', 'Password'],
  'login.submit': ['登录', 'Sign in'],
  'login.required': ['请输入{field}', 'Enter the {field}'],
} satisfies Messages;
