/**
 * The backup file: a small plain header, then the compressed content sealed in chunks with AES-256-GCM under a key
 * derived by scrypt from the operator's backup key (SIFUND_BACKUP_KEY or a key file). Nothing about the database
 * is readable without the key, and every byte is authenticated: a wrong key, a changed byte, a cut-off or
 * reordered file is refused (docs/decisions.md, "Backups: a logical dump in Node, sealed with the operator's key").
 *
 * Header (59 bytes):
 *   0  "SIFBK1"                       magic and format version
 *   6  1, log2 N, r, p               key derivation: scrypt with these parameters
 *  10  salt (16 random bytes)        a new key per file, so chunk nonces can be a counter
 *  26  log2 chunk size               plaintext bytes per chunk (the last one may be shorter)
 *  27  key check (32 bytes)          HMAC-SHA256(check key, bytes 0–26): a wrong key is named as such at once
 * Chunks: AES-256-GCM(chunk) ‖ tag (16 bytes); nonce = the chunk's number (96-bit big-endian); additional data =
 * the header ‖ 0x01 for the last chunk, 0x00 for the others. A file that lost its end has no last chunk and is
 * refused (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár, as in age).
 *
 * The content (before sealing, gzip-compressed) is a sequence of frames: type (1 byte), length (uint32 BE), payload.
 */
import fs from 'node:fs';
import crypto from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../errors.ts';

export const MAGIC = Buffer.from('SIFBK1', 'latin1');
export const HEADER_LENGTH = 59;
const TAG_LENGTH = 16;
const KDF_SCRYPT = 1;
const DEFAULT_KDF = { log2N: 15, r: 8, p: 1 };
const DEFAULT_LOG2_CHUNK = 20;   // 1 MiB
export const MIN_KEY_LENGTH = 16;

/** A refusal about the backup key or the file (exit 1 with the message; the message says what to do). */
export class BackupError extends AppError {
  constructor(message: string, code = 'invalid') {
    super(400, code, message);
  }
}

export const KEY_HELP = `set SIFUND_BACKUP_KEY to a passphrase of at least ${MIN_KEY_LENGTH} characters, or name a file holding one with --key-file FILE ` +
  `(e.g. \`openssl rand -hex 32 > backup.key; chmod 600 backup.key\`); keep the key apart from the backups: without it no backup can be read`;

/**
 * The operator's backup key: the text of `--key-file FILE` when given, else of SIFUND_BACKUP_KEY (trimmed). Refused
 * when missing or short, with how to set one.
 */
export function loadBackupKey(keyFile: string | undefined, env: NodeJS.ProcessEnv = process.env, warn: (message: string) => void = () => {}): Buffer {
  let text: string | undefined;
  let where: string;
  if (keyFile) {
    where = keyFile;
    try {
      const stat = fs.statSync(keyFile);
      if ((stat.mode & 0o077) !== 0) warn(`the backup key file ${keyFile} can be read by other users (chmod 600 it)`);
      text = fs.readFileSync(keyFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BackupError(`backup key: the key file ${keyFile} does not exist; ${KEY_HELP}`);
      throw error;
    }
  } else {
    where = 'SIFUND_BACKUP_KEY';
    text = env.SIFUND_BACKUP_KEY;
    if (!text) throw new BackupError(`backup key: no key given; ${KEY_HELP}`);
  }
  const key = text.trim();
  if (key.length < MIN_KEY_LENGTH) throw new BackupError(`backup key: the key in ${where} is shorter than ${MIN_KEY_LENGTH} characters; ${KEY_HELP}`);
  return Buffer.from(key.normalize('NFC'), 'utf8');
}

interface HeaderFields { log2N: number; r: number; p: number; salt: Buffer; log2Chunk: number }

function deriveKeys(passphrase: Buffer, fields: HeaderFields): { encryption: Buffer; check: Buffer } {
  const N = 2 ** fields.log2N;
  const derived = crypto.scryptSync(passphrase, fields.salt, 64, { N, r: fields.r, p: fields.p, maxmem: 256 * N * fields.r * fields.p + 1024 * 1024 });
  return { encryption: derived.subarray(0, 32), check: derived.subarray(32) };
}

function headerPrefix(fields: HeaderFields): Buffer {
  return Buffer.concat([MAGIC, Buffer.from([KDF_SCRYPT, fields.log2N, fields.r, fields.p]), fields.salt, Buffer.from([fields.log2Chunk])]);
}

function nonce(counter: bigint): Buffer {
  const value = Buffer.alloc(12);
  value.writeBigUInt64BE(counter, 4);
  return value;
}

function additionalData(header: Buffer, last: boolean): Buffer {
  return Buffer.concat([header, Buffer.from([last ? 1 : 0])]);
}

/** Seals what is written to it into the backup format (header first). */
export function sealStream(passphrase: Buffer, options: { log2Chunk?: number; kdf?: typeof DEFAULT_KDF } = {}): Transform {
  const fields: HeaderFields = { ...(options.kdf ?? DEFAULT_KDF), salt: crypto.randomBytes(16), log2Chunk: options.log2Chunk ?? DEFAULT_LOG2_CHUNK };
  const keys = deriveKeys(passphrase, fields);
  const prefix = headerPrefix(fields);
  const header = Buffer.concat([prefix, crypto.createHmac('sha256', keys.check).update(prefix).digest()]);
  const chunkSize = 2 ** fields.log2Chunk;
  let counter = 0n;
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let headerWritten = false;
  const seal = (plain: Buffer, last: boolean) => {
    const cipher = crypto.createCipheriv('aes-256-gcm', keys.encryption, nonce(counter++));
    cipher.setAAD(additionalData(header, last));
    return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  };
  const out = (transform: Transform) => {
    if (!headerWritten) { transform.push(header); headerWritten = true; }
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      out(this);
      pending.push(chunk);
      pendingLength += chunk.length;
      // Strictly more than a chunk: what is left at the end (the last chunk) is never empty unless nothing came.
      if (pendingLength > chunkSize) {
        let all = Buffer.concat(pending, pendingLength);
        while (all.length > chunkSize) {
          this.push(seal(all.subarray(0, chunkSize), false));
          all = all.subarray(chunkSize);
        }
        pending = [all];
        pendingLength = all.length;
      }
      callback();
    },
    flush(callback: TransformCallback) {
      out(this);
      this.push(seal(Buffer.concat(pending, pendingLength), true));
      callback();
    },
  });
}

/** Reads a header; answers its fields, or refuses a file that is not a backup. */
export function parseHeader(header: Buffer): HeaderFields & { check: Buffer; prefix: Buffer } {
  if (header.length < HEADER_LENGTH || !header.subarray(0, 6).equals(MAGIC)) {
    throw new BackupError('the file is not a sifund backup (no SIFBK1 header)', 'not_a_backup');
  }
  if (header[6] !== KDF_SCRYPT || header[7] < 10 || header[7] > 22 || header[8] < 1 || header[8] > 32 || header[9] < 1 || header[9] > 16 || header[26] < 12 || header[26] > 24) {
    throw new BackupError('the backup\'s header is damaged or from a newer sifund (unknown key derivation or chunk size)', 'damaged');
  }
  return {
    log2N: header[7], r: header[8], p: header[9], salt: header.subarray(10, 26), log2Chunk: header[26],
    check: header.subarray(27, HEADER_LENGTH), prefix: header.subarray(0, 27),
  };
}

/**
 * Opens a sealed stream: checks the header's key check (a wrong key is refused before anything else), then
 * authenticates and decrypts chunk by chunk; only authenticated bytes come out. A missing last chunk, or a chunk
 * that fails its tag, is an error naming the byte offset.
 */
export function openStream(passphrase: Buffer): Transform {
  let header: Buffer | undefined;
  let keys: { encryption: Buffer; check: Buffer } | undefined;
  let sealedChunk = 0;
  let counter = 0n;
  let offset = 0;   // of the next chunk in the file
  let pending: Buffer[] = [];
  let pendingLength = 0;
  const damaged = (what: string) => new BackupError(`the backup is damaged or was altered: ${what} (nothing was restored)`, 'damaged');
  const open = (sealed: Buffer, last: boolean): Buffer => {
    if (sealed.length < TAG_LENGTH) throw damaged(`it ends inside a chunk at byte ${offset}`);
    const decipher = crypto.createDecipheriv('aes-256-gcm', keys!.encryption, nonce(counter++));
    decipher.setAAD(additionalData(header!, last));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_LENGTH));
    const plain = decipher.update(sealed.subarray(0, sealed.length - TAG_LENGTH));
    try { decipher.final(); } catch {
      throw damaged(last ? `the chunk at byte ${offset} does not authenticate as the last one (the file was cut short, or altered there)` : `the chunk at byte ${offset} does not authenticate`);
    }
    offset += sealed.length;
    return plain;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        pending.push(chunk);
        pendingLength += chunk.length;
        if (!header) {
          if (pendingLength < HEADER_LENGTH) return callback();
          const all = Buffer.concat(pending, pendingLength);
          const fields = parseHeader(all);
          header = all.subarray(0, HEADER_LENGTH);
          keys = deriveKeys(passphrase, fields);
          const expected = crypto.createHmac('sha256', keys.check).update(fields.prefix).digest();
          if (!crypto.timingSafeEqual(expected, fields.check)) {
            throw new BackupError('the backup key does not open this backup (it was made with another SIFUND_BACKUP_KEY or key file, or its header was altered); nothing was restored', 'wrong_key');
          }
          sealedChunk = 2 ** fields.log2Chunk + TAG_LENGTH;
          offset = HEADER_LENGTH;
          pending = [all.subarray(HEADER_LENGTH)];
          pendingLength = pending[0].length;
        }
        // A full chunk followed by more bytes is not the last one; the last is decided at the end of the file.
        if (pendingLength > sealedChunk) {
          let all = Buffer.concat(pending, pendingLength);
          while (all.length > sealedChunk) {
            this.push(open(all.subarray(0, sealedChunk), false));
            all = all.subarray(sealedChunk);
          }
          pending = [all];
          pendingLength = all.length;
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        if (!header) {
          const all = Buffer.concat(pending, pendingLength);
          if (all.length === 0) throw new BackupError('the backup file is empty', 'not_a_backup');
          if (all.length < MAGIC.length || !all.subarray(0, MAGIC.length).equals(MAGIC)) parseHeader(all);
          throw damaged('it ends inside the header');
        }
        this.push(open(Buffer.concat(pending, pendingLength), true));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

// Frames ---------------------------------------------------------------------------------------------------------

/** Frame types of the content. */
export const Frame = {
  manifest: 0x4d,     // M: JSON, first
  auditKey: 0x4b,     // K: the audit key's bytes (absent when the backup was made without it)
  table: 0x54,        // T: JSON {name, columns}: the COPY data of that table follows
  data: 0x44,         // D: COPY text data of the current table
  tableEnd: 0x45,     // E: JSON {name, rows}
  sequences: 0x53,    // S: JSON [{name, value, isCalled}]
  end: 0x5a,          // Z: JSON {tables, rows}: last; a content without it is incomplete
} as const;

export function frame(type: number, payload: Buffer | string | object): Buffer {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload), 'utf8');
  const head = Buffer.alloc(5);
  head[0] = type;
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

const MAX_FRAME = 64 * 1024 * 1024;

/** The frames of a content stream, in order; a content cut inside a frame is an error. Each frame is copied once. */
export async function* readFrames(source: AsyncIterable<Buffer>): AsyncGenerator<{ type: number; payload: Buffer }> {
  let chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of source) {
    chunks.push(chunk);
    length += chunk.length;
    while (length >= 5) {
      if (chunks[0].length < 5) chunks = [Buffer.concat(chunks, length)];
      const size = chunks[0].readUInt32BE(1);
      if (size > MAX_FRAME) throw new BackupError('the backup\'s content is not in the expected format (a frame too long)', 'damaged');
      if (length < 5 + size) break;
      const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length);
      yield { type: all[0], payload: all.subarray(5, 5 + size) };
      const rest = all.subarray(5 + size);
      chunks = rest.length ? [rest] : [];
      length = rest.length;
    }
  }
  if (length > 0) throw new BackupError('the backup\'s content ends inside a frame', 'damaged');
}

/** Rows in COPY text data: one line each (newlines inside values are escaped as \n). */
export function countLines(data: Buffer): number {
  let count = 0;
  for (let at = data.indexOf(10); at !== -1; at = data.indexOf(10, at + 1)) count++;
  return count;
}
