import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render, type Said } from '../../platform/messages.ts';
import { checkCreditCode, checkIdNumber, creditCodeCheckCharacter, idNumberCheckCharacter, regionLevel } from './identifiers.calc.ts';

test('resident ID numbers (GB 11643): valid ones give birth date and gender', () => {
  const cases = [
    { id: '11010519491231002X', birthDate: '1949-12-31', gender: 'F', regionCode: '110105' },
    { id: '11010519491231002x', birthDate: '1949-12-31', gender: 'F', regionCode: '110105' },
    { id: '440524198001010013', birthDate: '1980-01-01', gender: 'M', regionCode: '440524' },
    { id: '110101200002290018', birthDate: '2000-02-29', gender: 'M', regionCode: '110101' },
  ];
  for (const c of cases) {
    const result = checkIdNumber(c.id);
    assert.ok(result.ok, `${c.id} should be valid: ${!result.ok && result.reason}`);
    assert.equal(result.birthDate, c.birthDate);
    assert.equal(result.gender, c.gender);
    assert.equal(result.regionCode, c.regionCode);
    assert.equal(result.idNumber, c.id.toUpperCase());
  }
});

test('resident ID numbers: each kind of mistake is named', () => {
  const cases: [string, RegExp][] = [
    ['110105194912310021', /check character is wrong \(expected X/],
    ['11010519491231002', /18 characters/],
    ['1101051949123100211', /18 characters/],
    ['11010519491231A02X', /18 characters/],
    ['110105194902300029', /real birth date/],
    ['440524188001010014', /real birth date/],      // before 1900
    ['110101190002290018', /real birth date/],     // 1900 was not a leap year
    ['110105299912310021', /future/],
    ['', /18 characters/],
  ];
  for (const [id, reason] of cases) {
    const result = checkIdNumber(id);
    assert.equal(result.ok, false, `${id} should be invalid`);
    assert.match(render((result as { reason: Said }).reason, 'en'), reason, id);
  }
});

test('check characters follow the published weights', () => {
  assert.equal(idNumberCheckCharacter('11010519491231002'), 'X');
  assert.equal(idNumberCheckCharacter('44052419800101001'), '3');
  assert.equal(creditCodeCheckCharacter('91110000600037341'), 'L');
});

test('unified social credit codes (GB 32100)', () => {
  assert.deepEqual(checkCreditCode('91110000600037341L'), { ok: true, creditCode: '91110000600037341L', regionCode: '110000' });
  assert.deepEqual(checkCreditCode(' 91110000600037341l '), { ok: true, creditCode: '91110000600037341L', regionCode: '110000' });
  const bad: [string, RegExp][] = [
    ['91110000600037341A', /expected L/],
    ['91110000600037341', /18 characters/],
    ['9111000060003734IL', /"I" is not allowed/],
    ['91110000600037341O', /"O" is not allowed/],
    ['91AB0000600037341L', /region code/],
  ];
  for (const [code, reason] of bad) {
    const result = checkCreditCode(code);
    assert.equal(result.ok, false, code);
    assert.match(render((result as { reason: Said }).reason, 'en'), reason, code);
  }
});

test('GB/T 2260 region levels', () => {
  assert.equal(regionLevel('990000'), 'province');
  assert.equal(regionLevel('990100'), 'city');
  assert.equal(regionLevel('990102'), 'county');
  assert.equal(regionLevel('990002'), undefined);
  assert.equal(regionLevel('000000'), undefined);
  assert.equal(regionLevel('99010'), undefined);
});
