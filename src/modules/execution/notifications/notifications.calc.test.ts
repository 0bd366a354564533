/** The webhooks' pure rules: endpoint URLs, the signature as a receiver checks it, what follows an attempt. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { afterAttempt, deliveryStatus, isEndpointUrl, secretHint, signature, verifySignature } from './notifications.calc.ts';

test('an endpoint is an http or https URL with a host and no credentials', () => {
  const cases: [string, boolean][] = [
    ['https://hooks.example.cn/sifund', true], ['http://127.0.0.1:8080/hook', true], ['HTTPS://EXAMPLE.CN', true],
    ['ftp://example.cn/hook', false], ['example.cn/hook', false], ['https://user:pass@example.cn/', false], ['javascript:alert(1)', false],
    ['', false], [`https://example.cn/${'a'.repeat(2000)}`, false],
  ];
  for (const [url, expected] of cases) assert.equal(isEndpointUrl(url), expected, url);
});

test('the signature is sha256= and the hex HMAC-SHA256 of "<timestamp>.<body>" with the secret', () => {
  const body = '{"event":"alert.raised","id":"1"}';
  const expected = createHmac('sha256', 'a-secret-of-16-chars').update(`1767225600.${body}`).digest('hex');
  assert.equal(signature('a-secret-of-16-chars', '1767225600', body), `sha256=${expected}`);
  assert.match(signature('another-secret-16chars', '1767225600', body), /^sha256=[0-9a-f]{64}$/);
  assert.notEqual(signature('another-secret-16chars', '1767225600', body), `sha256=${expected}`);
});

test('a receiver verifies the signature over the bytes received and refuses an old timestamp or a changed body', () => {
  const secret = 'whsec-0123456789abcdef', body = '{"event":"alert.resolved"}', now = new Date('2026-12-06T12:00:00Z');
  const timestamp = String(now.getTime() / 1000 - 60);
  const headers = { signature: signature(secret, timestamp, body), timestamp };
  assert.equal(verifySignature(secret, headers, body, now), true);
  assert.equal(verifySignature(secret, headers, `${body} `, now), false, 'a body changed by one byte');
  assert.equal(verifySignature('whsec-another-secret-00', headers, body, now), false, 'another secret');
  assert.equal(verifySignature(secret, headers, body, new Date(now.getTime() + 10 * 60_000)), false, 'replayed 11 minutes later');
});

test('after an attempt: a 2xx is delivered; otherwise a retry after the interval of that attempt; past the last one, failed', () => {
  const at = new Date('2026-12-06T12:00:00Z'), minutes = [1, 5, 30, 120, 720];
  const cases: [number, number | null, string, string | null][] = [
    [1, 200, 'delivered', null], [3, 204, 'delivered', null],
    [1, 500, 'retry', '2026-12-06T12:01:00.000Z'], [2, null, 'retry', '2026-12-06T12:05:00.000Z'], [3, 302, 'retry', '2026-12-06T12:30:00.000Z'],
    [5, 404, 'retry', '2026-12-07T00:00:00.000Z'], [6, 500, 'failed', null], [6, 299, 'delivered', null], [1, 199, 'retry', '2026-12-06T12:01:00.000Z'],
  ];
  for (const [attempt, status, outcome, next] of cases) {
    const found = afterAttempt(attempt, status, minutes, at);
    assert.deepEqual([found.outcome, found.nextAttemptAt?.toISOString() ?? null], [outcome, next], `attempt ${attempt}, status ${status}`);
  }
  assert.equal(afterAttempt(1, 500, [], at).outcome, 'failed', 'no retries configured');
});

test('the secret is shown by its last 4 characters; a delivery without an attempt is pending', () => {
  assert.equal(secretHint('whsec-0123456789abcdef'), '…cdef');
  assert.deepEqual([deliveryStatus(null), deliveryStatus('retry'), deliveryStatus('delivered')], ['pending', 'retry', 'delivered']);
});
