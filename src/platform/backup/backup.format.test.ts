import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BackupError, countLines, frame, Frame, HEADER_LENGTH, loadBackupKey, openStream, readFrames, sealStream } from './backup.format.ts';
import { checkMigrations, parametersVersion } from './backup.service.ts';

const KEY = Buffer.from('a-backup-key-for-tests-0123456789');
const FAST = { log2N: 10, r: 8, p: 1 };
const LOG2_CHUNK = 12;   // 4 KiB chunks: several per test

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part);
  return Buffer.concat(parts);
}

async function seal(plain: Buffer, key = KEY): Promise<Buffer> {
  const parts: Buffer[] = [];
  // Fed in uneven pieces, as a gzip stream would.
  const pieces = [];
  for (let at = 0; at < plain.length; at += 1000 + (at % 3000)) pieces.push(plain.subarray(at, at + 1000 + (at % 3000)));
  await pipeline(Readable.from(pieces, { objectMode: false }), sealStream(key, { log2Chunk: LOG2_CHUNK, kdf: FAST }), async (source: AsyncIterable<Buffer>) => {
    for await (const part of source) parts.push(part);
  });
  return Buffer.concat(parts);
}

async function open(sealed: Buffer, key = KEY, pieceSize = 777): Promise<Buffer> {
  const pieces = [];
  for (let at = 0; at < sealed.length; at += pieceSize) pieces.push(sealed.subarray(at, at + pieceSize));
  const parts: Buffer[] = [];
  await pipeline(Readable.from(pieces, { objectMode: false }), openStream(key), async (source: AsyncIterable<Buffer>) => {
    for await (const part of source) parts.push(part);
  });
  return Buffer.concat(parts);
}

const refusedAs = (code: string) => (error: unknown) => error instanceof BackupError && error.code === code;

test('sealed content opens again with the key, for sizes around the chunk boundary', async () => {
  for (const size of [0, 1, 4095, 4096, 4097, 8192, 8193, 50_000]) {
    const plain = crypto.randomBytes(size);
    const sealed = await seal(plain);
    assert.ok(sealed.subarray(0, 6).equals(Buffer.from('SIFBK1')));
    assert.equal(sealed.length, HEADER_LENGTH + size + 16 * Math.max(1, Math.ceil(size / 4096)), `size ${size}`);
    assert.deepEqual(await open(sealed), plain, `size ${size}`);
    assert.deepEqual(await open(sealed, KEY, 65536), plain, `size ${size}, read in large pieces`);
  }
});

test('nothing of the content is readable in the file, and two backups of the same content differ', async () => {
  const plain = Buffer.from('王小明,李晓红,张建国 '.repeat(500));
  const [a, b] = [await seal(plain), await seal(plain)];
  assert.equal(a.includes(Buffer.from('王小明')), false);
  assert.equal(a.subarray(HEADER_LENGTH).equals(b.subarray(HEADER_LENGTH)), false, 'a new salt, so a new key, per file');
});

test('a wrong key is refused at the header, before any content', async () => {
  const sealed = await seal(crypto.randomBytes(10_000));
  await assert.rejects(open(sealed, Buffer.from('another-key-0123456789abcdef')), refusedAs('wrong_key'));
  await assert.rejects(open(sealed.subarray(0, HEADER_LENGTH + 10), Buffer.from('another-key-0123456789abcdef')), refusedAs('wrong_key'));
});

test('a cut, altered, reordered or extended file is refused', async () => {
  const plain = crypto.randomBytes(20_000);
  const sealed = await seal(plain);
  const chunk = 4096 + 16;
  // cut at a chunk boundary (a whole number of chunks, no last one), inside a chunk, inside the header
  await assert.rejects(open(sealed.subarray(0, HEADER_LENGTH + 2 * chunk)), refusedAs('damaged'));
  await assert.rejects(open(sealed.subarray(0, sealed.length - 5)), refusedAs('damaged'));
  await assert.rejects(open(sealed.subarray(0, 30)), refusedAs('damaged'));
  // one byte changed in a middle chunk, in the header's salt
  for (const at of [HEADER_LENGTH + chunk + 100, 12]) {
    const altered = Buffer.from(sealed);
    altered[at] ^= 1;
    await assert.rejects(open(altered), (error: unknown) => error instanceof BackupError && ['damaged', 'wrong_key'].includes(error.code));
  }
  // two chunks swapped
  const swapped = Buffer.concat([sealed.subarray(0, HEADER_LENGTH), sealed.subarray(HEADER_LENGTH + chunk, HEADER_LENGTH + 2 * chunk),
    sealed.subarray(HEADER_LENGTH, HEADER_LENGTH + chunk), sealed.subarray(HEADER_LENGTH + 2 * chunk)]);
  await assert.rejects(open(swapped), refusedAs('damaged'));
  // bytes appended after the last chunk
  await assert.rejects(open(Buffer.concat([sealed, Buffer.alloc(20)])), refusedAs('damaged'));
  // not a backup at all, and an empty file
  await assert.rejects(open(Buffer.from('PGDMP custom format dump')), refusedAs('not_a_backup'));
  await assert.rejects(open(Buffer.alloc(0)), refusedAs('not_a_backup'));
});

test('frames come back in order across any split, and a content cut inside a frame is refused', async () => {
  const frames = [frame(Frame.manifest, { kind: 'x' }), frame(Frame.table, { name: 't' }), frame(Frame.data, Buffer.from('1\ta\n2\tb\\nc\n')), frame(Frame.end, {})];
  const all = Buffer.concat(frames);
  for (const size of [1, 3, 7, 1000]) {
    const pieces = [];
    for (let at = 0; at < all.length; at += size) pieces.push(all.subarray(at, at + size));
    const read = [];
    for await (const f of readFrames(Readable.from(pieces, { objectMode: false }))) read.push(f);
    assert.deepEqual(read.map((f) => f.type), [Frame.manifest, Frame.table, Frame.data, Frame.end]);
    assert.equal(read[2].payload.toString(), '1\ta\n2\tb\\nc\n');
  }
  await assert.rejects(collect(readFrames(Readable.from([all.subarray(0, all.length - 2)], { objectMode: false })) as unknown as AsyncIterable<Buffer>), refusedAs('damaged'));
  assert.equal(countLines(Buffer.from('1\ta\n2\tb\\nc\n')), 2);
});

test('the backup key: from --key-file, else SIFUND_BACKUP_KEY; missing or short keys are refused saying how to set one', () => {
  assert.throws(() => loadBackupKey(undefined, {}), (error: Error) => error instanceof BackupError && /SIFUND_BACKUP_KEY/.test(error.message) && /--key-file/.test(error.message));
  assert.throws(() => loadBackupKey(undefined, { SIFUND_BACKUP_KEY: 'short' }), /shorter than 16/);
  assert.deepEqual(loadBackupKey(undefined, { SIFUND_BACKUP_KEY: '  a-long-enough-key-123  ' }), Buffer.from('a-long-enough-key-123'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-key-'));
  try {
    const file = path.join(dir, 'backup.key');
    fs.writeFileSync(file, 'the-key-in-a-file-0123456789\n', { mode: 0o644 });
    const warnings: string[] = [];
    assert.deepEqual(loadBackupKey(file, { SIFUND_BACKUP_KEY: 'the-variable-loses-0123456' }, (m) => warnings.push(m)), Buffer.from('the-key-in-a-file-0123456789'));
    assert.match(warnings[0], /chmod 600/);
    assert.throws(() => loadBackupKey(path.join(dir, 'missing.key'), {}), /does not exist/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a backup restores only with the same migrations: unknown, edited or missing ones are refused', () => {
  const known = [{ version: 1, name: '0001_a.sql', checksum: 'aa' }, { version: 2, name: '0002_b.sql', checksum: 'bb' }];
  assert.doesNotThrow(() => checkMigrations(known, known, '0.1.0'));
  assert.throws(() => checkMigrations([...known, { version: 3, name: '0003_c.sql', checksum: 'cc' }], known, '0.2.0'), /newer sifund \(0\.2\.0\).*0003_c\.sql/);
  assert.throws(() => checkMigrations([known[0], { ...known[1], checksum: 'xx' }], known, '0.1.0'), /0002_b\.sql.*differs/);
  assert.throws(() => checkMigrations([known[0]], known, '0.0.9'), /0002_b\.sql.*then upgrade/);
});

test('the parameters\' version changes with any file\'s content or name', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-params-'));
  try {
    fs.mkdirSync(path.join(dir, 'a'));
    fs.writeFileSync(path.join(dir, 'a', 'rate.yaml'), 'unit: rate\n');
    const first = parametersVersion(dir);
    assert.equal(first.files, 1);
    assert.deepEqual(parametersVersion(dir), first);
    fs.writeFileSync(path.join(dir, 'a', 'rate.yaml'), 'unit: rate \n');
    assert.notEqual(parametersVersion(dir).hash, first.hash);
    fs.renameSync(path.join(dir, 'a', 'rate.yaml'), path.join(dir, 'a', 'rates.yaml'));
    assert.notEqual(parametersVersion(dir).hash, first.hash);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
