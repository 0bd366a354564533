import test from 'node:test';
import assert from 'node:assert/strict';
import { defineFieldLabels, defineMessages, fieldLabel, languageOf, languageOfEnvironment, render } from './messages.ts';
import { AppError, invalid, invalidFields, notFound } from './errors.ts';

const said = defineMessages('messagesTest', {
  late: ['{employer} 逾期 {days} 天', '{employer} is {days} days late'],
  employer: ['单位 {code}', 'employer {code}'],
});
defineFieldLabels({ messagesTestAmount: ['金额', 'amount'] });

test('a said message renders in either language, nested messages and bigints included', () => {
  const message = said.late({ employer: said.employer({ code: '91110000' }), days: 3n });
  assert.equal(render(message, 'zh-CN'), '单位 91110000 逾期 3 天');
  assert.equal(render(message, 'en'), 'employer 91110000 is 3 days late');
  assert.equal(message.key, 'messagesTest.late');
  assert.throws(() => defineMessages('messagesTest', { late: ['x', 'y'] }), /defined twice/);
});

test('field labels: by name, by the last named part of a path, or the code itself', () => {
  assert.equal(fieldLabel('messagesTestAmount', 'zh-CN'), '金额');
  assert.equal(fieldLabel('lines.3.messagesTestAmount', 'en'), 'amount');
  assert.equal(fieldLabel('noSuchField', 'zh-CN'), 'noSuchField');
});

test('errors carry the rule and parameters; the message in the language asked for, the thrown message in English', () => {
  const error = invalid('messagesTestAmount', said.employer({ code: 'X1' }));
  assert.equal(error.message, 'amount: employer X1');
  const zh = error.toJSON('zh-CN').error;
  assert.deepEqual({ ...zh }, { code: 'invalid', rule: 'error.fieldProblem', message: '金额：单位 X1', params: { field: '金额', problem: '单位 X1' }, field: 'messagesTestAmount', fieldLabel: '金额' });
  assert.equal(notFound(said.employer({ code: 'Y' })).toJSON('zh-CN').error.message, '单位 Y不存在');
  const both = invalidFields([{ field: 'messagesTestAmount', message: said.employer({ code: 'A' }) }, { field: 'other', message: 'plain text' }]);
  assert.equal(both.toJSON('zh-CN').error.message, '金额：单位 A；other：plain text');
  assert.equal(both.field, 'messagesTestAmount');
  assert.ok(new AppError(400, 'x', 'as written').toJSON('zh-CN').error.message === 'as written');
});

test('the language of a request and of the command line', () => {
  assert.equal(languageOf(undefined), 'en');
  assert.equal(languageOf('zh-CN,zh;q=0.9,en;q=0.8'), 'zh-CN');
  assert.equal(languageOf('en-US,en;q=0.9'), 'en');
  assert.equal(languageOf('fr-FR, en;q=0.5, zh;q=0.7'), 'zh-CN');
  assert.equal(languageOf('de'), 'en');
  assert.equal(languageOfEnvironment({ LANG: 'zh_CN.UTF-8' }), 'zh-CN');
  assert.equal(languageOfEnvironment({ LANG: 'C.UTF-8' }), 'en');
});
