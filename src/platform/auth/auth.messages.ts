/** What sign-in, passwords and user management say (R9, issue 10), in Chinese and English, and their fields' labels. */
import { defineFieldLabels, defineMessages } from '../messages.ts';

defineFieldLabels({
  username: ['用户名', 'username'],
  password: ['密码', 'password'],
  currentPassword: ['当前密码', 'current password'],
  newPassword: ['新密码', 'new password'],
  role: ['角色', 'role'],
  displayName: ['姓名', 'display name'],
});

export const authMessages = defineMessages('auth', {
  wrongPassword: ['用户名或密码错误', 'wrong username or password'],
  locked: ['连续 {failures} 次登录失败，账户已锁定，请于 {until} 后重试', 'account locked after {failures} failed sign-ins until {until}'],
  throttledAddress: ['该地址登录失败次数过多，请 15 分钟后重试', 'too many failed sign-ins from this address; wait 15 minutes'],
  throttledAccount: ['该账户登录失败次数过多，请 15 分钟后重试', 'too many failed sign-ins for this account; wait 15 minutes'],
  passwordChangeRequired: ['管理员已重置您的密码，请先修改密码', 'your password was reset: change it first (POST /api/auth/password)'],
  currentPasswordWrong: ['当前密码不正确', 'the current password is wrong'],
  samePassword: ['新密码不能与当前密码相同', 'must differ from the current password'],
  userManagerOnly: ['只有系统管理员可以管理用户', 'managing users needs the permission user.manage'],
  user: ['用户', 'user'],
  ownPasswordReset: ['请通过“修改密码”更改自己的密码', 'change your own password with POST /api/auth/password'],
  employer: ['参保单位', 'employer'],
  person: ['参保人员', 'person'],
  bindingMissing: ['{what} {id} 不存在', 'no {what} with id {id}'],
  bindingOutsideRegion: ['{what} {id} 属于区划 {recordRegion}，不在账户区划 {regionCode} 内', 'the {what} is in region {recordRegion}, outside the account\'s region {regionCode}'],
  usernameShape: ['须为 3–64 个字符：字母、数字、点、连字符或下划线', 'must be 3–64 characters: letters, digits, dot, dash or underscore'],
  regionRequiredForRole: ['除系统管理员外，每个角色都须指定行政区划', 'is required for every role but admin'],
  employerRequired: ['单位账户须绑定参保单位', 'is required for an employer account'],
  personRequired: ['参保人员账户须绑定参保人员', 'is required for an insured-person account'],
  employerOnlyForEmployerAccount: ['只有单位账户才能绑定参保单位', 'only an employer account is bound to an employer'],
  personOnlyForPersonAccount: ['只有参保人员账户才能绑定参保人员', 'only an insured-person account is bound to a person'],
  unknownRegion: ['行政区划 {regionCode} 不存在', 'unknown region {regionCode}'],
  usernameTaken: ['用户名 {username} 已被占用', 'username {username} is taken'],
  cannotDisableSelf: ['不能停用自己的账户', 'you cannot disable your own account'],
  // password rules (password.ts)
  passwordTooShort: ['密码至少 {min} 个字符', 'must be at least {min} characters'],
  passwordSpaces: ['密码首尾不能有空格', 'must not begin or end with a space'],
  passwordContainsUsername: ['密码不能包含用户名', 'must not contain the username'],
  passwordWeak: ['密码太弱或太常见，请使用更长且不易猜测的密码（例如由几个不相关的词和数字组成）', 'too weak or too common: use a longer password that is hard to guess, e.g. several unrelated words with digits'],
  passwordWeakBecause: ['密码太弱或太常见（{warning}），请使用更长且不易猜测的密码（例如由几个不相关的词和数字组成）', 'too weak or too common ({warning}): use a longer password that is hard to guess, e.g. several unrelated words with digits'],
});

/** zxcvbn's warning keys, said in words. */
export const passwordWarnings = defineMessages('passwordWarning', {
  common: ['常见密码', 'a common password'],
  similarToCommon: ['与常见密码相近', 'similar to a common password'],
  topTen: ['最常用的密码之一', 'one of the most used passwords'],
  topHundred: ['非常常见的密码', 'a very common password'],
  userInputs: ['由用户名或产品名组成', 'made of the username or the product name'],
  sequences: ['abc、123 之类的序列', 'a sequence like abc or 123'],
  recentYears: ['近年的年份', 'a recent year'],
  dates: ['日期', 'a date'],
  straightRow: ['键盘上的一行按键', 'a row of keys'],
  keyPattern: ['键盘图案', 'a keyboard pattern'],
  simpleRepeat: ['重复的字符', 'a repeated character'],
  extendedRepeat: ['重复的模式', 'a repeated pattern'],
  namesByThemselves: ['人名', 'a name'],
  commonNames: ['常见人名', 'a common name'],
  wordByItself: ['单个单词', 'a single word'],
});
