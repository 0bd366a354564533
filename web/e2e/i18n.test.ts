/** The UI's words on i18next (web/src/platform/translator.ts): `{name}` interpolation, both languages, flat keys, fallbacks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTranslator } from '../src/platform/translator.ts';

const { translate, has } = createTranslator({
  'dashboard.welcome': ['欢迎，{name}', 'Welcome, {name}'],
  'fileImport.rejected': ['导入被拒绝：{rows} 行有误，共 {n} 处错误', 'Refused: {rows} rows have {n} problems'],
  'auditAction.auth.login': ['登录', 'Sign-in'],
  'markup.kept': ['<b>{what}</b> & 更多', '<b>{what}</b> & more'],
});

test('placeholders are filled in the chosen language', () => {
  assert.equal(translate('zh', 'dashboard.welcome', { name: '张三' }), '欢迎，张三');
  assert.equal(translate('en', 'dashboard.welcome', { name: 'Zhang San' }), 'Welcome, Zhang San');
  assert.equal(translate('zh', 'fileImport.rejected', { rows: 3, n: 5 }), '导入被拒绝：3 行有误，共 5 处错误');
  assert.equal(translate('en', 'fileImport.rejected', { rows: 3, n: 5 }), 'Refused: 3 rows have 5 problems');
});

test('keys with dots are flat keys, not paths', () => {
  assert.equal(translate('zh', 'auditAction.auth.login'), '登录');
  assert.equal(translate('en', 'auditAction.auth.login'), 'Sign-in');
  assert.equal(has('auditAction.auth.login'), true);
  assert.equal(has('auditAction.auth'), false);
});

test('values are not HTML-escaped (React escapes) and a missing value leaves its placeholder', () => {
  assert.equal(translate('en', 'markup.kept', { what: 'a < b' }), '<b>a < b</b> & more');
  assert.equal(translate('zh', 'dashboard.welcome'), '欢迎，{name}');
});

test('an unknown key shows its code after the first dot (an action or enum value the UI has no name for yet)', () => {
  assert.equal(translate('zh', 'auditAction.benefits.pay'), 'benefits.pay');
  assert.equal(translate('en', 'status.suspended'), 'suspended');
});
