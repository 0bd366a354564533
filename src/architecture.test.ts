/**
 * The layering checks itself (style.md 14): a module reaches another module only through its index.ts, and the
 * platform (the kernel every module builds on) imports no module. Tests and test fixtures may reach further.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './platform/config.ts';

const src = path.join(projectRoot, 'src');
const isTestFile = (file: string) => /\.(test|testing)\.ts$/.test(file);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') && !isTestFile(entry.name) ? [full] : [];
  });
}

/** Relative imports of a file, resolved to paths below src/. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/g)].map((match) => path.relative(src, path.resolve(path.dirname(file), match[1])));
}

const moduleOf = (relative: string) => /^modules\/([^/]+)\//.exec(relative)?.[1];

test('a module imports another module only through its index.ts', () => {
  const wrong: string[] = [];
  for (const file of sourceFiles(path.join(src, 'modules'))) {
    const from = path.relative(src, file);
    for (const target of importsOf(file)) {
      const other = moduleOf(target);
      if (other && other !== moduleOf(from) && target !== `modules/${other}/index.ts`) wrong.push(`${from} → ${target}`);
    }
  }
  assert.ok(sourceFiles(path.join(src, 'modules')).length > 50);
  assert.deepEqual(wrong, []);
});

test('the platform imports no module', () => {
  const wrong = sourceFiles(path.join(src, 'platform')).flatMap((file) => importsOf(file).filter((target) => target.startsWith('modules/')).map((target) => `${path.relative(src, file)} → ${target}`));
  assert.deepEqual(wrong, []);
});

/** Query building or SQL text: what a repository holds (style.md 4) and a service never does. */
const SQL_IN_CODE = /sql`|selectFrom\(|insertInto\(|updateTable\(|deleteFrom\(|\.executeQuery\(|CompiledQuery/;

test('a service contains no SQL: its queries live in the repositories', () => {
  const services = sourceFiles(src).filter((file) => file.endsWith('.service.ts'));
  const withSql = services.filter((file) => SQL_IN_CODE.test(fs.readFileSync(file, 'utf8'))).map((file) => path.relative(src, file));
  assert.ok(services.length > 20);
  assert.ok(['tx.selectFrom(', 'sql`select 1`', 'tx.executeQuery(', 'CompiledQuery.raw('].every((sample) => SQL_IN_CODE.test(sample)));
  assert.deepEqual(withSql, []);
});
