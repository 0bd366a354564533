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

/** Packages slow to load, which no command start or server start may pay for: imported only on first use. */
const LOADED_ON_FIRST_USE = ['exceljs'];

test('exceljs is loaded on first use (platform/workbook.ts), never by a static import', () => {
  const wrong = sourceFiles(src).filter((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return LOADED_ON_FIRST_USE.some((name) => new RegExp(`^import (?!type )[^;]*from '${name}'`, 'm').test(text));
  }).map((file) => path.relative(src, file));
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

/**
 * SQL lives in repositories (`*.repository.ts`) and set-based batch files (`*.sql.ts`); besides them only the
 * database plumbing below may hold it, each for a reason. Tests and fixtures (platform/testing/) may too.
 */
const SQL_ANYWHERE = /sql`|selectFrom\(|insertInto\(|updateTable\(|deleteFrom\(|\.executeQuery\(|CompiledQuery|\.query\(/;
const SQL_PLUMBING: Record<string, string> = {
  'platform/database.ts': 'roles, the audit key fingerprint and the database itself, on the owner connection before any Kysely',
  'platform/migrate.ts': 'applies the migration files',
  'platform/actor.ts': 'sets the transaction\'s data scope and role (row-level security)',
  'platform/http/server.ts': 'the health check\'s select 1',
  'platform/http/lists.ts': 'keyset paging for every list: the comparison past a cursor and the capped count, applied to a repository\'s query',
};

test('SQL only in repositories, *.sql.ts files and the listed database plumbing', () => {
  const files = sourceFiles(src).map((file) => path.relative(src, file));
  const outside = files.filter((file) => !/\.(repository|sql)\.ts$/.test(file) && !file.startsWith('platform/testing/') && !Object.hasOwn(SQL_PLUMBING, file))
    .filter((file) => SQL_ANYWHERE.test(fs.readFileSync(path.join(src, file), 'utf8')));
  assert.ok(['db.selectFrom(', 'sql`x`', 'pool.query(', 'tx.deleteFrom('].every((sample) => SQL_ANYWHERE.test(sample)));
  // every listed exception still needs its place (a stale entry would hide a new query there)
  const stale = Object.keys(SQL_PLUMBING).filter((file) => !files.includes(file) || !SQL_ANYWHERE.test(fs.readFileSync(path.join(src, file), 'utf8')));
  assert.deepEqual({ outside, stale }, { outside: [], stale: [] });
});

const moduleFolders = fs.readdirSync(path.join(src, 'modules'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

test('every module folder has an index.ts exporting its manifest, and the one list of modules holds them all', async () => {
  const { modules } = await import('./modules/index.ts');
  assert.deepEqual(moduleFolders.toSorted(), ['benefits', 'budget', 'collection', 'execution', 'ledger', 'medical', 'registry', 'supervision']);
  for (const folder of moduleFolders) {
    const index = path.join(src, 'modules', folder, 'index.ts');
    assert.ok(fs.existsSync(index), `src/modules/${folder}/index.ts is missing`);
    const exported = Object.values(await import(index)).filter((value: any) => value && typeof value === 'object' && value.name === folder && Array.isArray(value.routes));
    assert.equal(exported.length, 1, `src/modules/${folder}/index.ts exports one manifest named ${folder}`);
    assert.ok(modules.includes(exported[0] as any), `${folder} is listed in src/modules/index.ts`);
  }
  assert.deepEqual(modules.map((module) => module.name).toSorted(), moduleFolders.toSorted());
});

test('the composition roots import modules only through src/modules/index.ts and the modules\' index.ts', () => {
  const wrong = ['app.ts', 'cli/main.ts'].flatMap((root) => importsOf(path.join(src, root))
    .filter((target) => target.startsWith('modules/') && target !== 'modules/index.ts' && !/^modules\/[^/]+\/index\.ts$/.test(target))
    .map((target) => `${root} → ${target}`));
  assert.deepEqual(wrong, []);
  assert.ok(importsOf(path.join(src, 'app.ts')).includes('modules/index.ts'));
  assert.ok(importsOf(path.join(src, 'cli/main.ts')).includes('modules/index.ts'));
});

test('a manifest lists every permission its routes and approval levels need, and parameter namespaces that exist', async () => {
  const { modules } = await import('./modules/index.ts');
  const { isPermission } = await import('./platform/access/permissions.ts');
  const parameterExists = (namespace: string) => {
    const base = path.join(projectRoot, 'params', ...namespace.split('.'));
    return fs.existsSync(base) || fs.existsSync(`${base}.yaml`);
  };
  const problems: string[] = [];
  for (const module of modules) {
    const routeFiles = sourceFiles(path.join(src, 'modules', module.name)).filter((file) => file.endsWith('.routes.ts'));
    const routePermissions = routeFiles.flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/permission: (\[[^\]]*\]|'[^']*')/g)]
      .flatMap((match) => [...match[1].matchAll(/'([^']+)'/g)].map((name) => name[1])));
    const levelPermissions = module.approvalKinds.flatMap((kind) => [kind.requestPermission, ...kind.levels.map((level) => level.permission)]);
    const needed = new Set([...routePermissions, ...levelPermissions].filter((name) => name !== 'public' && name !== 'signed-in'));
    for (const name of needed) if (!module.permissions.includes(name as never)) problems.push(`${module.name}: permission ${name} not in its manifest`);
    for (const name of module.permissions) if (!isPermission(name)) problems.push(`${module.name}: unknown permission ${name}`);
    for (const namespace of module.parameters) if (!parameterExists(namespace)) problems.push(`${module.name}: no params/${namespace.replaceAll('.', '/')}`);
    for (const kind of module.approvalKinds) {
      if (!module.parameters.some((namespace) => kind.parameters === namespace || kind.parameters.startsWith(`${namespace}.`))) problems.push(`${module.name}: approval kind ${kind.kind} reads ${kind.parameters}, not in its parameters`);
    }
    if (routeFiles.length > 0) assert.ok(needed.size > 0, `${module.name}: its routes declare permissions`);
  }
  assert.deepEqual(problems, []);
});
