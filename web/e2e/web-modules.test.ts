/**
 * The web app's layering, checked without a browser: a module folder (web/src/modules/<name>/) uses another module
 * only through that module's index.ts; web/src/platform uses no module; the shell (App.tsx, AppLayout.tsx, i18n.ts)
 * imports no module and no page (it finds them through modules.ts); every module folder has its manifest.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from './server.ts';

const webSource = path.join(projectRoot, 'web', 'src');
const modulesDirectory = path.join(webSource, 'modules');

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The files a source file imports (static, re-exported and dynamic), resolved; packages are left out. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g)].map((match) => match[1] ?? match[2]);
  return specifiers.filter((specifier) => specifier.startsWith('.')).map((specifier) => path.resolve(path.dirname(file), specifier));
}

/** The module a path is in ('registry' for web/src/modules/registry/...), or undefined. */
function moduleOf(file: string): string | undefined {
  const relative = path.relative(modulesDirectory, file);
  return relative.startsWith('..') ? undefined : relative.split(path.sep)[0];
}

const relative = (file: string) => path.relative(webSource, file);

test('the import scanner sees static, re-exported and dynamic imports', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-scan-'));
  try {
    const file = path.join(scratch, 'sample.tsx');
    fs.writeFileSync(file, "import { a } from './a.ts';\nimport type {\n  B,\n} from '../b.ts';\nexport { c } from './c/index.ts';\nconst Page = lazy(() => import('./Page.tsx'));\nimport React from 'react';\n");
    assert.deepEqual(importsOf(file).map((target) => path.relative(scratch, target)), ['a.ts', path.join('..', 'b.ts'), path.join('c', 'index.ts'), 'Page.tsx']);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});

test('a module imports another module only through its index.ts', () => {
  const crossings: string[] = [];
  for (const file of sourceFiles(modulesDirectory)) {
    const own = moduleOf(file);
    for (const target of importsOf(file)) {
      const other = moduleOf(target);
      if (other && other !== own && target !== path.join(modulesDirectory, other, 'index.ts')) crossings.push(`${relative(file)} → ${relative(target)}`);
    }
  }
  assert.deepEqual(crossings, []);
});

test('web/src/platform imports no module', () => {
  const platformFiles = sourceFiles(path.join(webSource, 'platform'));
  assert.ok(platformFiles.length > 0);
  const offending = platformFiles.flatMap((file) => importsOf(file).filter((target) => moduleOf(target)).map((target) => `${relative(file)} → ${relative(target)}`));
  assert.deepEqual(offending, []);
});

test('the shell (App.tsx, AppLayout.tsx, i18n.ts) imports no module and no page: it loops over modules.ts', () => {
  for (const shellFile of ['App.tsx', 'components/AppLayout.tsx', 'i18n.ts']) {
    const imports = importsOf(path.join(webSource, shellFile));
    assert.ok(imports.length > 0, shellFile);
    const direct = imports.filter((target) => moduleOf(target) || /Page\.tsx$/.test(target)).map(relative);
    assert.deepEqual(direct, [], `${shellFile} imports ${direct.join(', ')}`);
  }
  const discovery = fs.readFileSync(path.join(webSource, 'modules.ts'), 'utf8');
  assert.match(discovery, /import\.meta\.glob[^(]*\(\s*'\.\/modules\/\*\/index\.ts'/);
});

test('every module folder has an index.ts exporting its manifest under its own name', () => {
  const modules = fs.readdirSync(modulesDirectory, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  assert.ok(modules.length >= 10, modules.join(', '));
  for (const name of modules) {
    const index = path.join(modulesDirectory, name, 'index.ts');
    assert.ok(fs.existsSync(index), `${name} has no index.ts`);
    const text = fs.readFileSync(index, 'utf8');
    assert.match(text, /export const webModule: WebModule = \{/, `${name}/index.ts exports no webModule`);
    assert.match(text, new RegExp(`name: '${name}'`), `${name}/index.ts names another module`);
  }
});
