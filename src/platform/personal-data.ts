/**
 * Personal data in places it does not belong: resident ID numbers (公民身份号码, GB 11643) are masked in audit
 * images shown to non-auditors, in download file names, and in the server log (policy: docs/decisions.md,
 * "ID numbers are masked outside the record itself").
 *
 * Masked form: the six-digit region, eight asterisks, the last four characters — 110105********002X.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 18 characters, not part of a longer run of digits (64-bit record ids have up to 19 digits). */
const ID_RUN = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9Xx])/g;

/** A real resident ID number: a birth date in digits 7–14 and the GB 11643 check character. */
export function looksLikeIdNumber(text: string): boolean {
  if (!/^[0-9]{17}[0-9Xx]$/.test(text)) return false;
  const year = Number(text.slice(6, 10)), month = Number(text.slice(10, 12)), day = Number(text.slice(12, 14));
  if (year < 1850 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(text[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === text[17].toUpperCase();
}

/** 110105194912310021 → 110105********0021 (a 15-digit first-generation number keeps the same ends); short texts are masked whole. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length < 15) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
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
