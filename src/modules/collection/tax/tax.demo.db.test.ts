import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { refreshRegionalValues } from '../../../platform/params/regional-values.service.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { generateDemo, type DemoSummary } from '../../registry/demo/demo.service.ts';
import { collectionModel } from '../fund-accounts.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
let test_: TestDatabase;
let summary: DemoSummary;

before(async () => {
  if (skip) return;
  test_ = await createTestDatabase();
  summary = await generateDemo(test_.database, { persons: 200, employers: 10, years: 1, seed: 3, password: 'demo-pass-2024', collectionModel: 'tax' });
  await refreshRegionalValues(test_.database);
});
after(() => test_?.drop());

test('demo --collection-model tax: the demo province collects by tax from the first day of its history, set by the system and audited', { skip }, async () => {
  const { rows } = await test_.database.pool.query(`select region_code, since::text, value_text, approval_item_id, proposed_by from parameter_value where path = 'collection.model'`);
  assert.deepEqual(rows, [{ region_code: '990000', since: summary.window.start, value_text: 'tax', approval_item_id: null, proposed_by: 'system:demo' }]);
  assert.equal(collectionModel('990102', summary.window.start), 'tax', 'a county inherits the province value');
  assert.equal(collectionModel('990102', summary.window.end), 'tax');
  const audit = await test_.database.pool.query(`select entity_id from audit_log where action = 'params.regional_value.set'`);
  assert.deepEqual(audit.rows.map((r) => r.entity_id), ['collection.model@990000']);
});
