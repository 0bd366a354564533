import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listMasking, looksLikeIdNumber, maskIdNumber, maskIdNumbersDeep, maskIdNumbersIn, maskMiddle, maskPersonalData, redactUrl } from './personal-data.ts';

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

test('list masking keeps the ends the policy names and stars the middle', () => {
  const cases: [string, number, number, string][] = [
    ['110105194912310021', 6, 4, '110105********0021'],
    ['13812345678', 3, 4, '138****5678'],
    ['010-12345678', 3, 4, '010*****5678'],
    ['1381234567', 3, 4, '**********'],   // three hidden would be too few: starred whole
    ['12345678', 0, 0, '********'],
    ['', 3, 4, ''],
  ];
  for (const [text, keepStart, keepEnd, masked] of cases) assert.equal(maskMiddle(text, { keepStart, keepEnd }), masked, `${text} keeping ${keepStart} and ${keepEnd}`);
});

test('the list policy comes from privacy.list_masking, dated: in force from 2021-11-01 (个人信息保护法)', () => {
  assert.deepEqual(listMasking('990102', '2025-01-01'), { idNumber: { keepStart: 6, keepEnd: 4 }, phone: { keepStart: 3, keepEnd: 4 } });
  assert.deepEqual(listMasking(null, '2021-11-01').phone, { keepStart: 3, keepEnd: 4 });
  assert.throws(() => listMasking(null, '2021-10-31'), /privacy\.list_masking/);
});

test('a list row: its ID and phone numbers masked, nothing else touched, no phone where there was none', () => {
  const masking = listMasking(null, '2025-01-01');
  assert.deepEqual(maskPersonalData({ id: '7', idNumber: ID, name: '张三', phone: '13812345678' }, masking), { id: '7', idNumber: '110105********002X', name: '张三', phone: '138****5678' });
  assert.deepEqual(maskPersonalData({ idNumber: ID, phone: null }, masking), { idNumber: '110105********002X', phone: null });
  assert.deepEqual(maskPersonalData({ employmentId: '1', idNumber: ID }, masking), { employmentId: '1', idNumber: '110105********002X' });
});
