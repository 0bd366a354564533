import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { importLimits, tableReader } from '../../../platform/imports/index.ts';
import { taxCollectionsSchema } from './tax-collections.schema.ts';

const sample = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'samples', name));

test('the sample assessment file has the documented header, a BOM and CRLF line ends', () => {
  const text = sample('assessment.csv').toString('utf8');
  assert.ok(text.startsWith('\uFEFFperiod,creditCode,idNumber,insurance,base,employerAmount,employeeAmount\r\n'));
  assert.equal(text.split('\r\n').filter(Boolean).length, 5);
});

test('the sample collection file reads through the collection schema without a problem', async () => {
  const read = await tableReader(taxCollectionsSchema)({ fileName: 'collections.csv', content: sample('collections.csv') }, importLimits());
  assert.deepEqual(read.problems, []);
  assert.deepEqual(read.rows.rows.map((r) => `${r.values.insurance}:${r.values.amount}`), ['pension:240000', 'medical:110000', 'unemployment:10000', 'work_injury:2000']);
});
