/**
 * The audit key: the secret that keys the audit chain's hashes (HMAC-SHA256) and signs anchors. It lives outside
 * the database, so that whoever controls the database alone cannot write records or anchors that verify:
 * `SIFUND_AUDIT_KEY` when set, else the file `<dataDir>/audit-key` (mode 0600, generated on first use). The key is
 * the text of the variable or of the file (trimmed) as UTF-8 bytes, so the file's content can be moved into the
 * variable unchanged.
 *
 * One process works with one data directory, so the key of the process is set once when its database is opened
 * (`useAuditKey`), like the id generator's node number.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { loadConfig } from '../config.ts';

export const AUDIT_KEY_FILE = 'audit-key';
const MIN_LENGTH = 16;

export class AuditKeyError extends Error {}

export function auditKeyFile(dataDir: string) {
  return path.join(dataDir, AUDIT_KEY_FILE);
}

function keyFrom(text: string, where: string): Buffer {
  const key = text.trim();
  if (key.length < MIN_LENGTH) throw new AuditKeyError(`the audit key in ${where} is shorter than ${MIN_LENGTH} characters`);
  return Buffer.from(key, 'utf8');
}

function readKeyFile(file: string): Buffer | undefined {
  let stat: fs.Stats;
  try { stat = fs.statSync(file); } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if ((stat.mode & 0o077) !== 0) throw new AuditKeyError(`the audit key file ${file} can be read by other users: chmod 600 it`);
  return keyFrom(fs.readFileSync(file, 'utf8'), file);
}

/**
 * The key from the environment or the key file, or undefined when neither exists (`create: false`), or a new key
 * written to the key file (`create: true`; two processes creating it at once end up with the same key).
 */
export function loadAuditKey(dataDir: string, options: { create: boolean }, env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  if (env.SIFUND_AUDIT_KEY) return keyFrom(env.SIFUND_AUDIT_KEY, 'SIFUND_AUDIT_KEY');
  const file = auditKeyFile(dataDir);
  const existing = readKeyFile(file);
  if (existing || !options.create) return existing;
  fs.mkdirSync(dataDir, { recursive: true });
  // Written in full under a private name, then linked into place: a reader never sees half a key.
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(temporary, crypto.randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  return readKeyFile(file);
}

/** Identifies a key without revealing it (stored in audit_key_fingerprint). */
export function auditKeyFingerprint(key: Buffer): string {
  return crypto.createHmac('sha256', key).update('sifund audit key fingerprint').digest('hex');
}

let current: Buffer | undefined;

/** Sets the key this process writes and verifies the audit trail with (done by openDatabase). */
export function useAuditKey(key: Buffer) {
  current = key;
}

/** The process's audit key; without openDatabase (a script), the one of the configured data directory. */
export function auditKey(): Buffer {
  current ??= loadAuditKey(loadConfig().dataDir, { create: true });
  return current!;
}
