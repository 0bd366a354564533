import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatePassword, passwordProblem } from './password.ts';
import { render } from '../messages.ts';
import { parseTrustProxy } from '../config.ts';

test('common and username-based passwords are refused with a Chinese and an English message', () => {
  for (const password of ['password123', 'Password12', 'Qwerty123456', 'abcdefghij1', '1234567890', 'short']) {
    const problem = passwordProblem(password);
    assert.ok(problem, password);
    assert.match(render(problem!, 'zh-CN'), /^密码/, password);
    assert.match(render(problem!, 'en'), /^(must|too weak)/, password);
  }
  assert.equal(render(passwordProblem('Op.990102-Kx7-river', 'op.990102')!, 'en'), 'must not contain the username');
  assert.equal(render(passwordProblem('Kx7-river-Lamp-93', 'river')!, 'zh-CN'), '密码不能包含用户名');
  assert.equal(passwordProblem('Kx7-river-Lamp-93', 'op.990102'), undefined);
});

test('the passwords the tests, scripts and acceptance use stay acceptable', () => {
  for (const password of ['Accept-Test-Pw-2026!', 'Demo-Staff-Pw-2026!', 'Race-Test-Pw-2026!', 'Kx7-river-Lamp-93', 'Chief-Test-Pass-2026',
    'User-Test-Pass-2026', 'demo-pass-2024', 'bench-password-1', 'E2e-Demo-Pass-2026', 'E2e-Employer-Pass-2026', 'E2e-Chief-Pass-2026']) {
    assert.equal(passwordProblem(password, 'op.990102'), undefined, password);
  }
  for (let i = 0; i < 50; i++) assert.equal(passwordProblem(generatePassword(), 'admin'), undefined);
});

test('SIFUND_TRUST_PROXY', () => {
  assert.equal(parseTrustProxy(undefined), false);
  assert.equal(parseTrustProxy('false'), false);
  assert.equal(parseTrustProxy('true'), true);
  assert.deepEqual(parseTrustProxy('127.0.0.1, 10.0.0.0/8,loopback'), ['127.0.0.1', '10.0.0.0/8', 'loopback']);
  const hops = parseTrustProxy('1') as (address: string, hop: number) => boolean;
  assert.equal(hops('10.0.0.1', 0), true);
  assert.equal(hops('10.0.0.1', 1), false);
  assert.throws(() => parseTrustProxy('proxy.example'), /SIFUND_TRUST_PROXY/);
});
