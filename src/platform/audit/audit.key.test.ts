import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditKeyFingerprint, loadAuditKey } from './audit.key.ts';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-key-'));

test('the key file is generated on first use with mode 0600 and read back the same', () => {
  const dir = tempDir();
  try {
    assert.equal(loadAuditKey(dir, { create: false }, {}), undefined);
    const key = loadAuditKey(dir, { create: true }, {})!;
    assert.equal(fs.statSync(path.join(dir, 'audit-key')).mode & 0o777, 0o600);
    assert.equal(key.length, 64);
    assert.deepEqual(loadAuditKey(dir, { create: true }, {}), key);
    assert.deepEqual(fs.readdirSync(dir), ['audit-key'], 'no temporary file left');
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
});

test('SIFUND_AUDIT_KEY wins over the file; the file\'s text works as the variable', () => {
  const dir = tempDir();
  try {
    const fromFile = loadAuditKey(dir, { create: true }, {})!;
    const env = { SIFUND_AUDIT_KEY: 'another key of enough length' };
    assert.equal(loadAuditKey(dir, { create: true }, env)!.toString(), 'another key of enough length');
    assert.deepEqual(loadAuditKey('/nonexistent', { create: false }, { SIFUND_AUDIT_KEY: fs.readFileSync(path.join(dir, 'audit-key'), 'utf8') }), fromFile);
    assert.notEqual(auditKeyFingerprint(fromFile), auditKeyFingerprint(Buffer.from(env.SIFUND_AUDIT_KEY)));
    assert.throws(() => loadAuditKey(dir, { create: true }, { SIFUND_AUDIT_KEY: 'short' }), /shorter than 16/);
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
});

test('a key file other users can read is refused', () => {
  const dir = tempDir();
  try {
    loadAuditKey(dir, { create: true }, {});
    fs.chmodSync(path.join(dir, 'audit-key'), 0o644);
    assert.throws(() => loadAuditKey(dir, { create: true }, {}), /can be read by other users/);
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
});
