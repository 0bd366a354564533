/** The web app names the server's permissions in a type of its own (it cannot import server code): they must agree. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.ts';
import { permissions } from './permissions.ts';

test('web/src/permissions.ts lists exactly the server\'s permissions', () => {
  const text = fs.readFileSync(path.join(projectRoot, 'web', 'src', 'permissions.ts'), 'utf8');
  const union = text.slice(text.indexOf('export type Permission ='), text.indexOf(';', text.indexOf('export type Permission =')));
  const named = [...union.matchAll(/'([a-z_.]+)'/g)].map((match) => match[1]);
  assert.ok(named.length > 10, 'the web type was found');
  assert.deepEqual([...named].sort(), [...permissions].sort());
});
