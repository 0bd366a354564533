/**
 * An XLSX is a zip: before exceljs inflates it in memory, every entry is checked against limits, first by the size
 * its central-directory record declares, then by inflating it as a stream and counting the bytes, stopping at the
 * cap (a declared size can lie). A 4.7 MB workbook whose sheet inflated to 4.5 GiB once took the server down.
 */
import zlib from 'node:zlib';
import { AppError, fieldSaid, invalid } from '../errors.ts';
import type { Said } from '../messages.ts';
import { importMessages as said } from './imports.messages.ts';

export interface InflateLimits {
  /** Largest inflated size of one entry (a worksheet), bytes. */
  entryBytes: number;
  /** Largest inflated size of all entries together, bytes. */
  totalBytes: number;
  /** Most entries in the archive. */
  entries: number;
}

interface Entry { name: string; method: number; compressedSize: number; declaredSize: number; localHeaderOffset: number }

const FILE = fieldSaid('file');
const tooLarge = (message: Said) => new AppError(413, 'too_large', message, 'file');
const notZip = (reason: Said) => invalid('file', said.xlsxUnreadable({ reason }));

function centralDirectory(bytes: Buffer): Entry[] {
  // End of central directory: signature 0x06054b50, at most 64 KiB of comment after it.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) { end = i; break; }
  }
  if (end < 0) throw notZip(said.zipNoDirectory());
  const count = bytes.readUInt16LE(end + 10);
  const size = bytes.readUInt32LE(end + 12);
  let offset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw tooLarge(said.zip64({ field: FILE }));
  if (offset + size > end) throw notZip(said.zipDirectoryPastEnd());
  const entries: Entry[] = [];
  for (let k = 0; k < count; k++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) throw notZip(said.zipDirectoryDamaged());
    const nameLength = bytes.readUInt16LE(offset + 28), extraLength = bytes.readUInt16LE(offset + 30), commentLength = bytes.readUInt16LE(offset + 32);
    entries.push({
      name: bytes.toString('utf8', offset + 46, offset + 46 + nameLength),
      method: bytes.readUInt16LE(offset + 10),
      compressedSize: bytes.readUInt32LE(offset + 20),
      declaredSize: bytes.readUInt32LE(offset + 24),
      localHeaderOffset: bytes.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflates one entry as a stream, counting bytes; stops past `cap` and returns how many came out. */
function inflatedSize(data: Buffer, cap: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
    let total = 0;
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > cap) { inflate.destroy(); resolve(total); }
    });
    inflate.on('end', () => resolve(total));
    inflate.on('error', (error) => reject(notZip(said.zipEntryNotInflating({ reason: error.message }))));
    inflate.end(data);
  });
}

/** Refuses (413) a workbook whose entries declare or inflate past the limits; refuses (400) a damaged one. */
export async function checkZipInflation(bytes: Buffer, limits: InflateLimits): Promise<void> {
  const entries = centralDirectory(bytes);
  if (entries.length > limits.entries) throw tooLarge(said.zipTooManyEntries({ field: FILE, entries: entries.length, limit: limits.entries }));
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
  let declared = 0;
  for (const entry of entries) {
    declared += entry.declaredSize;
    if (entry.declaredSize > limits.entryBytes) throw tooLarge(said.zipPartWouldInflate({ field: FILE, part: entry.name, size: mib(entry.declaredSize), limit: mib(limits.entryBytes) }));
  }
  if (declared > limits.totalBytes) throw tooLarge(said.zipWouldInflate({ field: FILE, size: mib(declared), limit: mib(limits.totalBytes) }));
  let actual = 0;
  for (const entry of entries) {
    if (entry.method === 0) { actual += entry.compressedSize; continue; } // stored: its size is its size
    if (entry.method !== 8) throw notZip(said.zipPartMethod({ part: entry.name, method: entry.method }));
    const local = entry.localHeaderOffset;
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) throw notZip(said.zipPartNoLocalHeader({ part: entry.name }));
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const size = await inflatedSize(bytes.subarray(start, start + entry.compressedSize), Math.min(limits.entryBytes, limits.totalBytes - actual));
    if (size > limits.entryBytes) throw tooLarge(said.zipPartInflatesPast({ field: FILE, part: entry.name, limit: mib(limits.entryBytes), declared: mib(entry.declaredSize) }));
    actual += size;
    if (actual > limits.totalBytes) throw tooLarge(said.zipInflatesPast({ field: FILE, limit: mib(limits.totalBytes) }));
  }
}
