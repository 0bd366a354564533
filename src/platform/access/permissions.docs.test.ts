/** The README's permission table is the matrix (as `sifund permissions` prints it): a change to one is a change to both. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.ts';
import { roles } from '../actor.ts';
import { permissionMatrix, permissions } from './permissions.ts';

test('README: one row per permission, a tick exactly where the role holds it', () => {
  const readme = fs.readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
  const rows = readme.split('\n').filter((line) => /^\| `[a-z_.]+` /.test(line) && line.split('|').length === roles.length + 3);
  const table = rows.map((line) => {
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    return { permission: /`([a-z_.]+)`/.exec(cells[0])![1], ticks: cells.slice(1) };
  });
  assert.deepEqual(table.map((row) => row.permission), permissions);
  for (const row of table) {
    assert.deepEqual(row.ticks, roles.map((role) => (permissionMatrix[role].includes(row.permission as never) ? '✓' : '')), row.permission);
  }
});
