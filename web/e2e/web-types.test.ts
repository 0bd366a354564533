/**
 * The web never copies an API shape, checked without a browser: a type in web/src named like a response schema
 * exported by a src/**\/*.schemas.ts file is `Static<typeof …>` of it (an interface, or a type alias without
 * `Static<`, is a copy); the web's types.ts files declare interfaces only for what the web itself sends (and the
 * health answer); and web/src imports from src/ only with `import type` (nothing of the server reaches the bundle).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './server.ts';

const webSource = path.join(projectRoot, 'web', 'src');
const serverSource = path.join(projectRoot, 'src');

function filesUnder(directory: string, name: RegExp): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(full, name) : name.test(entry.name) ? [full] : [];
  });
}

/** The schemas a schemas file exports (`export const Bill = Type.Object(…)`; not its helpers, `export const ImportAnswer = (fields) => …`). */
function schemaNames(text: string): string[] {
  return [...text.matchAll(/^export const (\w+)\s*=(?!\s*[<(])/gm)].map((match) => match[1]);
}

interface Declaration { name: string; kind: 'interface' | 'type'; text: string }

/** The interfaces and type aliases a source file declares; `text` runs from the name to the first `;` or `{`. */
function declarationsOf(text: string): Declaration[] {
  return [...text.matchAll(/^[ \t]*(?:export\s+)?(interface|type)\s+(\w+)(?=\s*[=<{]|\s+extends\b)([^;{]*)/gm)].map((match) => ({
    kind: match[1] as 'interface' | 'type', name: match[2], text: match[3],
  }));
}

/** A declaration named like a schema that does not derive its type from one. */
function copiesOf(text: string, schemas: Set<string>): string[] {
  return declarationsOf(text)
    .filter((declaration) => schemas.has(declaration.name) && (declaration.kind === 'interface' || !/\bStatic<\s*typeof\b/.test(declaration.text)))
    .map((declaration) => `${declaration.kind} ${declaration.name}`);
}

/**
 * Imports of server code (specifiers reaching src/ from web/src) that are not `import type` — except src/shared/,
 * pure rules both sides run (大写金额), which import nothing themselves (checked below).
 */
const sharedSource = path.join(serverSource, 'shared');
function valueImportsOfServerCode(file: string, text: string): string[] {
  return [...text.matchAll(/^\s*import\s+(type\s+)?[^'"]*?from\s*'([^']+)'/gm)]
    .filter((match) => {
      if (!match[2].startsWith('.') || match[1]) return false;
      const target = path.resolve(path.dirname(file), match[2]);
      return !target.startsWith(webSource + path.sep) && !target.startsWith(sharedSource + path.sep);
    })
    .map((match) => match[2]);
}

const exportedSchemaNames = new Set(filesUnder(serverSource, /\.schemas\.ts$/).flatMap((file) => schemaNames(fs.readFileSync(file, 'utf8'))));
const webFiles = filesUnder(webSource, /\.tsx?$/);
const relative = (file: string) => path.relative(webSource, file);

test('the scanner finds copies and accepts derived types', () => {
  const schemas = new Set(schemaNames("export const Bill = Type.Object({ number: Type.String() });\nconst Hidden = Type.String();\nexport const Listed = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });\nexport const Payment = Listed(Type.String());\nexport const BillList = Type.Object({ bills: Type.Array(Bill) });\n"));
  assert.deepEqual([...schemas], ['Bill', 'Payment', 'BillList']);
  const sample = [
    'export interface Bill { number: string }',
    'export type Payment = {\n  id: string; amount: Static<typeof Money>;\n};',
    'type BillList = { bills: Bill[] };',
    'export type Bill = Static<typeof Schemas.Bill>;',
    'export type BillList = Omit<Static<typeof Schemas.BillList>, \'bills\'> & {\n  bills: Bill[];\n};',
    'interface Values { number: string }',
  ].join('\n');
  assert.deepEqual(copiesOf(sample, schemas), ['interface Bill', 'type Payment', 'type BillList']);
  const file = path.join(webSource, 'modules', 'sample', 'types.ts');
  assert.deepEqual(valueImportsOfServerCode(file, "import type { Bill } from '../../../../src/a.schemas.ts';\nimport { Type } from '../../../../src/a.schemas.ts';\nimport { api } from '../../api.ts';\n"), ['../../../../src/a.schemas.ts']);
});

test('the schemas files export the response schemas the web derives from', () => {
  for (const name of ['Bill', 'Payment', 'DunningList', 'TrialBalance', 'ApprovalItem', 'Job', 'PortalEmployee']) assert.ok(exportedSchemaNames.has(name), name);
});

test('no web/src file copies a response schema: a type named like one is Static<typeof …> of it', () => {
  const copies = webFiles.flatMap((file) => copiesOf(fs.readFileSync(file, 'utf8'), exportedSchemaNames).map((copy) => `${relative(file)}: ${copy}`));
  assert.deepEqual(copies, []);
});

/**
 * The interfaces the web's types.ts files may declare: what the web sends (request bodies no schema file exports), the
 * list wrapper, and the answer whose schema is written inside its route (GET /api/health, src/platform/http/server.ts).
 */
const handWritten = new Set(['PaymentInput', 'DraftLine', 'DraftInput', 'List', 'Health']);

test('the web\'s types.ts files declare interfaces only for what the web sends', () => {
  const interfaces = filesUnder(webSource, /^types\.ts$/).flatMap((file) => declarationsOf(fs.readFileSync(file, 'utf8'))
    .filter((declaration) => declaration.kind === 'interface' && !handWritten.has(declaration.name))
    .map((declaration) => `${relative(file)}: interface ${declaration.name}`));
  assert.deepEqual(interfaces, []);
});

test('web/src imports server code only as types (values only from src/shared/)', () => {
  const valueImports = webFiles.flatMap((file) => valueImportsOfServerCode(file, fs.readFileSync(file, 'utf8')).map((specifier) => `${relative(file)} → ${specifier}`));
  assert.deepEqual(valueImports, []);
});

test('src/shared/ is pure: its files import nothing, so the web bundles no server code through them', () => {
  const shared = filesUnder(sharedSource, /\.ts$/).filter((file) => !file.endsWith('.test.ts'));
  assert.ok(shared.length > 0);
  const imports = shared.flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/^\s*(import|export)\s[^;]*?from\s*'([^']+)'/gm)].map((match) => `${path.relative(sharedSource, file)} → ${match[2]}`));
  assert.deepEqual(imports, []);
});
