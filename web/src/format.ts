import dayjs from 'dayjs';

export const formatDateTime = (value: string | null | undefined) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '');
export const formatDate = (value: string | null | undefined) => (value ? String(value).slice(0, 10) : '');

/** "1234567.8" → "1,234,567.80" (money stays a string; no float arithmetic). */
export function formatYuan(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(value));
  if (!match) return String(value);
  const [, sign, whole, fraction = ''] = match;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0')}`;
}

/** "1234.56" → 123456n (sums of money without floating point). */
export function toFen(yuan: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim().replace(/,/g, ''));
  if (!match) return 0n;
  const fen = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -fen : fen;
}

/** 123456n → "1234.56" */
export function fenToYuan(fen: bigint): string {
  const size = fen < 0n ? -fen : fen;
  return `${fen < 0n ? '-' : ''}${size / 100n}.${String(size % 100n).padStart(2, '0')}`;
}

export const romanClass = (n: number | null | undefined) => (n ? ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'][n] ?? String(n) : '');

/** A non-negative decimal rate as a percentage, without floating point: "0.085" → "8.5%", "0.16" → "16%"; null when not a decimal. */
export function percentOf(rate: string): string | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(rate);
  if (!match) return null;
  const [, whole, fraction = ''] = match;
  const digits = `${whole}${fraction.padEnd(2, '0')}`;
  const units = digits.slice(0, whole.length + 2).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(whole.length + 2).replace(/0+$/, '');
  return `${units}${rest ? `.${rest}` : ''}%`;
}
