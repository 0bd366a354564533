/**
 * One dictionary of the headers and values that import files use, whatever the module: a header may be the English
 * field name or any of the Chinese titles offices write (公民身份号码 / 身份证号码 / idNumber); coded values may be
 * Chinese (性别 男 → male, 户口性质 城镇 → urban); dates and amounts are read the way Excel shows them.
 * A module adds its own fields with `registerFields` (next to its import schema); a header belongs to one field.
 */

export interface FieldEntry {
  /** Titles of the column besides the field name itself; the first is the Chinese title templates print. */
  titles: string[];
  /** Coded values: what a file may write → the code stored (e.g. 男 → male). */
  values?: Record<string, string>;
}

const fields = new Map<string, FieldEntry>();
const byHeader = new Map<string, string>();

/** A header as compared: no BOM, no surrounding spaces, no required-mark (* ＊), no inner spaces or underscores, ASCII lower case. */
export const normalizeHeader = (header: string) =>
  header.replace(/^\uFEFF/, '').trim().replace(/[*＊]+$/, '').replace(/^[*＊]+/, '').replace(/[\s_]/g, '').toLowerCase();

export function registerFields(entries: Record<string, FieldEntry>): void {
  for (const [field, entry] of Object.entries(entries)) {
    const known = fields.get(field);
    const merged: FieldEntry = known
      ? { titles: [...new Set([...known.titles, ...entry.titles])], values: { ...known.values, ...entry.values } }
      : entry;
    fields.set(field, merged);
    for (const header of [field, ...entry.titles]) {
      const key = normalizeHeader(header);
      const owner = byHeader.get(key);
      if (owner && owner !== field) throw new Error(`import dictionary: the header "${header}" belongs to ${owner} already, not ${field}`);
      byHeader.set(key, field);
    }
  }
}

/** The field a header names, or undefined. */
export const fieldOfHeader = (header: string) => byHeader.get(normalizeHeader(header));

/** The title a template prints for a field (its first Chinese title, else the field name). */
export const titleOf = (field: string) => fields.get(field)?.titles[0] ?? field;

/** Every header that names the field, for messages ("idNumber / 公民身份号码 / 身份证号码"). */
export const headersOf = (field: string) => [field, ...(fields.get(field)?.titles ?? [])];

/** A coded value in its stored form (男 → male), the text itself when the field has no such code, undefined for an unknown code. */
export function codeOf(field: string, text: string): string | undefined {
  const values = fields.get(field)?.values;
  if (!values) return text;
  if (Object.values(values).includes(text)) return text;
  return values[text] ?? values[text.toLowerCase()];
}

/** The codes a field accepts, as a message lists them: "male (男), female (女)". */
export function codesOf(field: string): string {
  const values = fields.get(field)?.values ?? {};
  const byCode = new Map<string, string[]>();
  for (const [text, code] of Object.entries(values)) if (text !== code) byCode.set(code, [...(byCode.get(code) ?? []), text]);
  return [...byCode].map(([code, texts]) => `${code} (${texts.join('/')})`).join(', ');
}

// Excel's day 0 is 1899-12-30 (its 1900 leap-year bug folded in), so serial 1 = 1900-01-01 only from day 61 on.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** An Excel serial day number (as an XLSX number cell holds a date) → YYYY-MM-DD; 1900-03-01 (61) to 9999. */
export function excelSerialDate(serial: number): string | undefined {
  if (!Number.isInteger(serial) || serial < 61 || serial > 2958465) return undefined;
  return new Date(EXCEL_EPOCH_MS + serial * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A date as offices write it → YYYY-MM-DD, or undefined: 2026-12-09, 2026/12/9, 2026.12.9, 20261209,
 * 2026年12月9日, and (only from an XLSX number cell, `serial` true) an Excel serial day.
 */
export function dateOf(text: string, options: { serial?: boolean } = {}): string | undefined {
  const value = text.trim();
  if (options.serial && /^\d{2,7}$/.test(value)) return excelSerialDate(Number(value));
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value)
    ?? /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]0{1,2}:0{2}(?::0{2}(?:\.0+)?)?)?$/.exec(value)
    ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * An amount in yuan as offices write it → exact fen, or undefined: 276550.19, "276,550.19", ¥1,234.00, ￥12, 1 234.5,
 * -8.00, (8.00) for a negative in accounting style. At most two decimals: a third is refused, never rounded.
 */
export function amountOf(text: string): bigint | undefined {
  let value = text.trim().replace(/^[¥￥]|元$/g, '').replace(/[,，\s]/g, '');
  let negative = false;
  const bracketed = /^\((.*)\)$/.exec(value) ?? /^（(.*)）$/.exec(value);
  if (bracketed) { negative = true; value = bracketed[1]; }
  if (value.startsWith('-')) { negative = !negative; value = value.slice(1); }
  value = value.replace(/^[¥￥]/, '');
  const match = /^(\d{1,15})(?:\.(\d{0,2}))?$/.exec(value) ?? /^()\.(\d{1,2})$/.exec(value);
  if (!match) return undefined;
  const fen = BigInt(match[1] || '0') * 100n + BigInt((match[2] ?? '').padEnd(2, '0') || '0');
  return negative ? -fen : fen;
}

// The fields every module's files share. Module-specific fields are registered beside the module's import schema.
registerFields({
  idNumber: { titles: ['公民身份号码', '身份证号码', '身份证号', '社会保障号码', '证件号码'] },
  name: { titles: ['姓名', '名称', '单位名称'] },
  gender: { titles: ['性别'], values: { 男: 'male', 女: 'female', M: 'male', F: 'female', m: 'male', f: 'female' } },
  birthDate: { titles: ['出生日期'] },
  hukouType: { titles: ['户口性质', '户籍性质', '户口类型'], values: { 城镇: 'urban', 农村: 'rural', 非农业: 'urban', 农业: 'rural', 非农业户口: 'urban', 农业户口: 'rural', 城镇户口: 'urban', 农村户口: 'rural' } },
  occupation: { titles: ['职业'] },
  phone: { titles: ['联系电话', '电话', '手机号码'] },
  regionCode: { titles: ['行政区划代码', '区划代码', '所属区划'] },
  creditCode: { titles: ['统一社会信用代码', '社会信用代码', '信用代码'] },
  date: { titles: ['交易日期', '日期', '记账日期', '到账日期', '缴款日期'] },
  amount: { titles: ['金额', '交易金额', '缴款金额'] },
  reference: { titles: ['附言', '业务参考号', '用途', '参考号'] },
  transactionId: { titles: ['交易流水号', '银行流水号', '流水号'] },
});
