import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikeIdNumber, maskIdNumber, maskIdNumbersDeep, maskIdNumbersIn, redactUrl } from './personal-data.ts';

const ID = '11010519491231002X';

test('ID numbers are masked to region, eight asterisks and the last four', () => {
  assert.equal(maskIdNumber(ID), '110105********002X');
  assert.equal(maskIdNumber('110105491231002'), '110105*****1002', 'a 15-digit first-generation number');
  assert.equal(maskIdNumber('1234'), '****');
  assert.ok(looksLikeIdNumber(ID) && looksLikeIdNumber(ID.toLowerCase()));
  assert.ok(!looksLikeIdNumber('110105194912310021'), 'wrong check character');
  assert.ok(!looksLikeIdNumber('291234567890123456'), 'a record id is no ID number');
});

test('texts: real ID numbers are masked, record ids of 18 or 19 digits are left alone', () => {
  assert.equal(maskIdNumbersIn(`person ${ID} moved`), 'person 110105********002X moved');
  assert.equal(maskIdNumbersIn('id 291234567890123456 and 1291234567890123456'), 'id 291234567890123456 and 1291234567890123456');
  assert.equal(maskIdNumbersIn('110105194912310021', true), '110105********0021', 'all: any 18-character run');
});

test('audit images: ID-number fields whatever they hold, other strings when they hold a real ID number', () => {
  assert.deepEqual(maskIdNumbersDeep({ idNumber: '110105194912310021', id_number: 'x', people: [{ note: `of ${ID}` }], n: 3, id: '291234567890123456' }),
    { idNumber: '110105********0021', id_number: '*', people: [{ note: 'of 110105********002X' }], n: 3, id: '291234567890123456' });
});

test('log URLs: any ID-like run in the query string, real ID numbers in the path', () => {
  assert.equal(redactUrl(`/api/persons?q=${ID}&limit=20`), '/api/persons?q=110105********002X&limit=20');
  assert.equal(redactUrl('/api/persons?q=110105194912310021'), '/api/persons?q=110105********0021', 'even with a wrong check character');
  assert.equal(redactUrl('/api/persons?q=%31%31010519491231002%58'), '/api/persons?q=110105********002X', 'percent-escaped digits');
  assert.equal(redactUrl('/api/persons/291234567890123456/account?year=2024'), '/api/persons/291234567890123456/account?year=2024');
  assert.equal(redactUrl(`/api/persons/by-id/${ID}`), '/api/persons/by-id/110105********002X');
  assert.equal(redactUrl('/api/persons?q=1101051949'), '/api/persons?q=1101051949', 'a prefix search is not a whole ID number');
});
