/**
 * Text files as Chinese offices send them: UTF-8 with or without a BOM, or GB18030 — the encoding Excel in a
 * Chinese-locale Windows writes a "CSV" in (GBK is its two-byte subset, so a GBK file is a GB18030 file).
 * Detected (bytes that are valid UTF-8 are UTF-8, anything else is taken as GB18030) or chosen by the user.
 * A file whose bytes are not valid in that encoding is refused, naming the encoding: a decoder that silently
 * turns them into U+FFFD would store names whose originals are lost.
 */
import iconv from 'iconv-lite';
import { invalid } from '../errors.ts';
import { importMessages as said } from './imports.messages.ts';

export const textEncodings = ['utf-8', 'gb18030', 'gbk'] as const;
export type TextEncoding = (typeof textEncodings)[number];

/** 'UTF8', 'utf-8', 'GBK', 'gb2312', 'GB18030' → the encoding; anything else is refused naming the field. */
export function checkEncoding(value: string | undefined, field = 'encoding'): TextEncoding | undefined {
  if (value === undefined || value.trim() === '' || value.trim().toLowerCase() === 'auto') return undefined;
  const name = value.trim().toLowerCase().replace(/[_\s]/g, '-');
  if (name === 'utf-8' || name === 'utf8') return 'utf-8';
  if (name === 'gb18030') return 'gb18030';
  // GB2312 is a subset of GBK: decoding it as GBK reads the same characters.
  if (name === 'gbk' || name === 'gb2312' || name === 'cp936') return 'gbk';
  throw invalid(field, said.encodingChoice({ value }));
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function validUtf8(bytes: Uint8Array): string | undefined {
  try { return utf8.decode(bytes); } catch { return undefined; }
}

/**
 * GB18030/GBK through iconv-lite, which replaces an invalid sequence instead of failing: the text must encode back
 * to the same bytes, else the first differing byte is where the file stops being valid in that encoding.
 */
function decodeGb(bytes: Buffer, encoding: 'gb18030' | 'gbk'): string {
  const text = iconv.decode(bytes, encoding, { stripBOM: false });
  const again = iconv.encode(text, encoding);
  if (!again.equals(bytes)) {
    let offset = 0;
    while (offset < bytes.length && offset < again.length && bytes[offset] === again[offset]) offset++;
    throw invalid('file', said.notValidEncoding({ encoding: encoding.toUpperCase(), offset, line: lineAt(bytes, offset) }));
  }
  return text;
}

const lineAt = (bytes: Uint8Array, offset: number) => { let line = 1; for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++; return line; };

export interface DecodedText { text: string; encoding: TextEncoding }

/** The file's text (without a BOM) and the encoding it was read in. */
export function decodeText(bytes: Buffer, chosen?: TextEncoding): DecodedText {
  if (chosen === 'gb18030' || chosen === 'gbk') return { text: decodeGb(bytes, chosen), encoding: chosen };
  const text = validUtf8(bytes);
  if (text !== undefined) return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  if (chosen === 'utf-8') {
    throw invalid('file', said.notValidUtf8());
  }
  return { text: decodeGb(bytes, 'gb18030'), encoding: 'gb18030' };
}
