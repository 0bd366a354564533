/**
 * Identifier checksums (pure): the resident ID number (GB 11643-1999) and the unified social credit code
 * (GB 32100-2015). Each check returns the derived facts or the reason the identifier is wrong.
 */
import { defineMessages, type Said } from '../../platform/messages.ts';
import { idNumberCheckCharacter } from '../../platform/personal-data.ts';

const said = defineMessages('identifiers', {
  idNumberShape: ['须为 18 位：17 位数字加 1 位数字或 X', 'must be 18 characters: 17 digits and a digit or X'],
  idNumberBirthDate: ['第 7–14 位须为真实的出生日期，实为 {digits}', 'digits 7–14 must be a real birth date, got {digits}'],
  idNumberFutureBirth: ['出生日期在未来', 'birth date is in the future'],
  idNumberCheckCharacter: ['校验码错误（应为 {expected}，GB 11643）', 'check character is wrong (expected {expected}, GB 11643)'],
  creditCodeLength: ['须为 18 位', 'must be 18 characters'],
  creditCodeCharacter: ['不允许字符“{character}”（只能是 0-9 和除 I、O、Z、S、V 以外的大写字母）', 'character "{character}" is not allowed (0-9 and A-Z without I, O, Z, S, V)'],
  creditCodeRegion: ['第 3–8 位须为六位行政区划代码', 'characters 3–8 must be the six-digit region code'],
  creditCodeCheckCharacter: ['校验码错误（应为 {expected}，GB 32100）', 'check character is wrong (expected {expected}, GB 32100)'],
});

// The GB 11643-1999 check character is the platform's (personal-data.ts), which also finds ID numbers in free text.
export { idNumberCheckCharacter };

export type IdNumberCheck =
  | { ok: true; idNumber: string; regionCode: string; birthDate: string; gender: 'M' | 'F' }
  | { ok: false; reason: Said };

export function checkIdNumber(input: string): IdNumberCheck {
  const idNumber = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber)) return { ok: false, reason: said.idNumberShape() };
  const year = Number(idNumber.slice(6, 10)), month = Number(idNumber.slice(10, 12)), day = Number(idNumber.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, reason: said.idNumberBirthDate({ digits: idNumber.slice(6, 14) }) };
  }
  if (date.getTime() > Date.now()) return { ok: false, reason: said.idNumberFutureBirth() };
  const expected = idNumberCheckCharacter(idNumber);
  if (idNumber[17] !== expected) return { ok: false, reason: said.idNumberCheckCharacter({ expected }) };
  return {
    ok: true, idNumber, regionCode: idNumber.slice(0, 6),
    birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    gender: Number(idNumber[16]) % 2 === 1 ? 'M' : 'F',   // sequence digit: odd = male
  };
}

// GB 32100-2015: alphabet 0-9 A-Z without I O Z S V (31 characters, value = position);
// weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28; check = 31 − (sum mod 31), 31 → 0.
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(first17[i]) * CREDIT_WEIGHTS[i];
  const check = 31 - (sum % 31);
  return CREDIT_ALPHABET[check === 31 ? 0 : check];
}

export type CreditCodeCheck = { ok: true; creditCode: string; regionCode: string } | { ok: false; reason: Said };

export function checkCreditCode(input: string): CreditCodeCheck {
  const creditCode = input.trim().toUpperCase();
  if (creditCode.length !== 18) return { ok: false, reason: said.creditCodeLength() };
  const bad = [...creditCode].find((c) => !CREDIT_ALPHABET.includes(c));
  if (bad) return { ok: false, reason: said.creditCodeCharacter({ character: bad }) };
  if (!/^\d{6}$/.test(creditCode.slice(2, 8))) return { ok: false, reason: said.creditCodeRegion() };
  const expected = creditCodeCheckCharacter(creditCode);
  if (creditCode[17] !== expected) return { ok: false, reason: said.creditCodeCheckCharacter({ expected }) };
  return { ok: true, creditCode, regionCode: creditCode.slice(2, 8) };
}

/** GB/T 2260 code shape and level: PP0000 province, PPCC00 city, PPCCDD county. */
export function regionLevel(code: string): 'province' | 'city' | 'county' | undefined {
  if (!/^\d{6}$/.test(code) || code.startsWith('00')) return undefined;
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return code.slice(2, 4) === '00' ? undefined : 'city';
  return code.slice(2, 4) === '00' ? undefined : 'county';
}
