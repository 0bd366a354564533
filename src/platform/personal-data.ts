/**
 * Personal data in places it does not belong: resident ID numbers (公民身份号码, GB 11643) are masked in audit
 * images shown to non-auditors, in download file names, and in the server log (policy: docs/decisions.md,
 * "ID numbers are masked outside the record itself").
 *
 * Masked form: the six-digit region, eight asterisks, the last four characters — 110105********002X.
 *
 * Lists and their exports show ID and phone numbers masked by policy (params/privacy/list_masking.yaml:
 * 个人信息保护法 第五十一条 去标识化; GB/T 35273-2020 7.5 个人信息展示限制) to everyone whose work does not need them;
 * staff who hold `personal.full.read` (经办, 复核, 审批, 稽核: matching a person, checking ages and duplicate
 * enrolments, inspections) see the lists of their own region in full (docs/decisions.md). On the person's record the
 * numbers stay masked until asked for, and each such view is audited (registry: person.personal_data.reveal).
 */
import { getParameters, todayInChina, type TableValue } from './params/index.ts';
import { can, type PermissionHolder } from './access/permissions.ts';

/** GB 11643-1999: the weights of the 17 leading digits; their weighted sum mod 11 picks the check character. */
export const ID_NUMBER_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** GB 11643-1999: the check character of each weighted sum mod 11 (0 → 1, 1 → 0, 2 → X, 3 → 9 …). */
export const ID_NUMBER_CHECK = '10X98765432';

/** The GB 11643 check character of the 17 leading digits of an ID number. */
export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_NUMBER_WEIGHTS[i];
  return ID_NUMBER_CHECK[sum % 11];
}

/** 18 characters, not part of a longer run of digits (64-bit record ids have up to 19 digits). */
const ID_RUN = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9Xx])/g;

/** A real resident ID number: a birth date in digits 7–14 and the GB 11643 check character. */
export function looksLikeIdNumber(text: string): boolean {
  if (!/^[0-9]{17}[0-9Xx]$/.test(text)) return false;
  const year = Number(text.slice(6, 10)), month = Number(text.slice(10, 12)), day = Number(text.slice(12, 14));
  if (year < 1850 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  return idNumberCheckCharacter(text) === text[17].toUpperCase();
}

/** The characters a masked number keeps at its start and at its end; the rest shows as asterisks. */
export interface KeptEnds { keepStart: number; keepEnd: number }

/** Fewer hidden characters than this and the ends would all but give the number away: the whole text is starred. */
const FEWEST_HIDDEN = 4;

/** 13812345678 keeping 3 and 4 → 138****5678; a text too short to hide four characters is starred whole. */
export function maskMiddle(text: string, kept: KeptEnds): string {
  const hidden = text.length - kept.keepStart - kept.keepEnd;
  if (hidden < FEWEST_HIDDEN) return '*'.repeat(text.length);
  return text.slice(0, kept.keepStart) + '*'.repeat(hidden) + text.slice(text.length - kept.keepEnd);
}

/** The form of audit images, logs and file names (docs/decisions.md), whatever the list policy says. */
const ID_NUMBER_ENDS: KeptEnds = { keepStart: 6, keepEnd: 4 };

/** 110105194912310021 → 110105********0021 (a 15-digit first-generation number keeps the same ends); short texts are masked whole. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length < 15) return '*'.repeat(idNumber.length);
  return maskMiddle(idNumber, ID_NUMBER_ENDS);
}

/** How lists show personal numbers (privacy.list_masking). */
export interface ListMasking { idNumber: KeptEnds; phone: KeptEnds }

function keptEnds(table: TableValue, key: string): KeptEnds {
  const entry = table[key] as Record<string, unknown> | undefined;
  const keepStart = entry?.keep_start, keepEnd = entry?.keep_end;
  if (typeof keepStart !== 'number' || typeof keepEnd !== 'number' || keepStart < 0 || keepEnd < 0) {
    throw new Error(`parameter privacy.list_masking: ${key} needs keep_start and keep_end, whole numbers of 0 or more`);
  }
  return { keepStart, keepEnd };
}

/** The list policy in force on `date` (today in China by default) for the viewer's region. */
export function listMasking(regionCode: string | null, date = todayInChina()): ListMasking {
  const table = getParameters().table('privacy.list_masking', date, regionCode);
  return { idNumber: keptEnds(table, 'id_number'), phone: keptEnds(table, 'phone') };
}

/** How lists show personal numbers to this actor: in full (null) to a holder of personal.full.read, else by the policy. */
export function listMaskingFor(actor: PermissionHolder & { regionCode: string | null }, date = todayInChina()): ListMasking | null {
  return can(actor, 'personal.full.read') ? null : listMasking(actor.regionCode, date);
}

/** A row of a list with its ID number and phone number (where it has them) masked by the policy. */
export function maskPersonalData<Row extends { idNumber?: string; phone?: string | null }>(row: Row, masking: ListMasking | null): Row {
  if (!masking) return row;
  const masked = { ...row };
  if (typeof row.idNumber === 'string') masked.idNumber = maskMiddle(row.idNumber, masking.idNumber);
  if (typeof row.phone === 'string') masked.phone = maskMiddle(row.phone, masking.phone);
  return masked;
}

/** Masks every resident ID number inside a text; `all` masks any 18-character run of digits (+X), valid or not. */
export function maskIdNumbersIn(text: string, all = false): string {
  return text.replace(ID_RUN, (run) => (all || looksLikeIdNumber(run) ? maskIdNumber(run) : run));
}

const ID_FIELD = /^(id_?number|idNo|id_no|sfzh|cert(ificate)?_?(number|no))$/i;

/**
 * A JSON value (an audit image) with every ID number masked: the values of ID-number fields whatever they hold,
 * and any other string holding a real ID number. Numbers, ids and everything else stay as they are.
 */
export function maskIdNumbersDeep(value: unknown, fieldName?: string): unknown {
  if (typeof value === 'string') return fieldName && ID_FIELD.test(fieldName) ? maskIdNumber(value) : maskIdNumbersIn(value);
  if (Array.isArray(value)) return value.map((item) => maskIdNumbersDeep(item, fieldName));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, maskIdNumbersDeep(item, key)]));
  }
  return value;
}

/**
 * A request URL for the log: ID numbers masked. The query string is user input (a search box), so any
 * 18-character run of digits there is masked; in the path only real ID numbers are (paths carry record ids).
 */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return maskIdNumbersIn(url);
  // Digits and X written as percent escapes are read as what they are before looking for ID numbers.
  const query = url.slice(at + 1).replace(/%(3[0-9]|58|78)/gi, (escape) => decodeURIComponent(escape));
  return maskIdNumbersIn(url.slice(0, at)) + '?' + maskIdNumbersIn(query, true);
}

/** Fastify's request log entry (method, url, host, address) with ID numbers masked in the URL. */
export function logRequest(request: { method: string; url: string; host?: string; hostname?: string; ip?: string; socket?: { remotePort?: number } }) {
  return { method: request.method, url: redactUrl(request.url), host: request.host ?? request.hostname, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}
