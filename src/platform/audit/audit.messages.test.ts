/**
 * Every action and entity type the code records has a name: the test reads each recordAudit(…) call under src/ (and
 * the seal written by SQL) and resolves what its `action` and `entityType` can be — literals, both branches of a
 * conditional, a template over a literal union (`billing.${kind}` with `kind: 'supplementary' | 'credit_note'`), a
 * parameter by the literals its callers pass. A template over a plain string (`import.${definition.kind}`) can only
 * be checked to name some action of its form.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, auditActionName, auditCodeChoices, auditEntityTypeName, namedAuditRecord } from './audit.messages.ts';
import type { AuditRecordView } from './audit.service.ts';

const SRC = path.resolve(import.meta.dirname, '../..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}
const files = sourceFiles(SRC).map((file) => ({ file: path.relative(SRC, file), text: readFileSync(file, 'utf8') }));

/** The text from `start` to the first top-level `,` or the closing bracket, skipping strings and `${…}`. */
function expressionAt(text: string, start: number): string {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\'' || c === '"' || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) {
        if (text[i] === '\\') i++;
        else if (c === '`' && text[i] === '$' && text[i + 1] === '{') { let inner = 0; for (; i < text.length; i++) { if (text[i] === '{') inner++; if (text[i] === '}' && --inner === 0) break; } }
      }
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) { if (depth === 0) return text.slice(start, i).trim(); depth--; } else if (c === ',' && depth === 0) return text.slice(start, i).trim();
  }
  return text.slice(start).trim();
}

/** The text of each recordAudit(…) call. */
function recordAuditCalls(text: string): Array<{ call: string; at: number }> {
  const calls: Array<{ call: string; at: number }> = [];
  for (const match of text.matchAll(/recordAudit\(/g)) {
    const open = match.index + match[0].length;
    if (/export async function\s*$/.test(text.slice(Math.max(0, match.index - 30), match.index))) continue;   // its definition
    let depth = 1, i = open;
    for (; i < text.length && depth > 0; i++) { if (text[i] === '(') depth++; if (text[i] === ')') depth--; }
    calls.push({ call: text.slice(open, i - 1), at: match.index });
  }
  return calls;
}

const literal = /^'([^']*)'$/;
const literalUnion = (source: string) => [...source.matchAll(/'([^']*)'/g)].map((m) => m[1]);

/** The values a template substitution can take: a conditional's branches, or the literal union its name is declared with. */
function substitutionValues(expression: string, fileText: string): string[] | undefined {
  const branches = /\?\s*'([^']*)'\s*:\s*'([^']*)'\s*$/.exec(expression);
  if (branches) return [branches[1], branches[2]];
  const name = /(\w+)$/.exec(expression)?.[1];
  if (!name) return undefined;
  const declared = new RegExp(`\\b${name}\\??:\\s*('[^']*'(?:\\s*\\|\\s*'[^']*')+|[A-Z]\\w*)`).exec(fileText)?.[1];
  if (!declared) return undefined;
  if (declared.startsWith('\'')) return literalUnion(declared);
  const alias = files.map(({ text }) => new RegExp(`type ${declared} = ('[^']*'(?:\\s*\\|\\s*'[^']*')+);`).exec(text)?.[1]).find(Boolean);
  return alias ? literalUnion(alias) : undefined;
}

/** A conditional's two branches, or the expression itself (a template keeps its own conditionals). */
function branchesOf(expression: string): string[] {
  const question = expression.indexOf(' ? ');
  if (question < 0 || expression.startsWith('`')) return [expression];
  const rest = expression.slice(question + 3);
  const colon = rest.lastIndexOf(' : ');
  return [rest.slice(0, colon).trim(), rest.slice(colon + 3).trim()];
}

interface Found { codes: Set<string>; patterns: Map<RegExp, string> }

/** What a property (`action` or `entityType`) of the recordAudit calls can be, over every source file. */
function recorded(property: 'action' | 'entityType'): Found {
  const found: Found = { codes: new Set(), patterns: new Map() };
  for (const { file, text } of files) {
    for (const { call, at } of recordAuditCalls(text)) {
      const start = new RegExp(`\\b${property}:\\s*`).exec(call);
      assert.ok(start, `${file}: a recordAudit call without ${property}`);
      for (const branch of branchesOf(expressionAt(call, start.index + start[0].length))) {
        const single = literal.exec(branch);
        if (single) { found.codes.add(single[1]); continue; }
        if (branch.startsWith('`')) {
          const parts = branch.slice(1, -1).split(/\$\{([^}]*)\}/);
          let expansions = [''];
          let resolved = true;
          parts.forEach((part, index) => {
            if (index % 2 === 0) { expansions = expansions.map((prefix) => prefix + part); return; }
            const values = substitutionValues(part, text);
            if (!values) { resolved = false; expansions = expansions.map((prefix) => `${prefix}\u0000`); return; }
            expansions = expansions.flatMap((prefix) => values.map((value) => prefix + value));
          });
          if (resolved) expansions.forEach((code) => found.codes.add(code));
          else expansions.forEach((shape) => found.patterns.set(new RegExp(`^${shape.replaceAll('.', '\\.').replaceAll('\u0000', '[a-z_]+')}$`), `${file}: ${branch}`));
          continue;
        }
        // A parameter of the enclosing function: the literals its callers in the file pass.
        assert.match(branch, /^\w+$/, `${file}: cannot read the ${property} ${branch}`);
        const enclosing = [...text.slice(0, at).matchAll(/function (\w+)\(/g)].pop()?.[1];
        assert.ok(enclosing, `${file}: ${property} ${branch} is not a parameter of a function`);
        const passed = [...text.matchAll(new RegExp(`\\b${enclosing}\\(([^)]*)\\)`, 'g'))].flatMap((m) => literalUnion(m[1]).filter((value) => /^[a-z_]+(\.[a-z_]+)+$/.test(value)));
        assert.ok(passed.length > 0, `${file}: no caller of ${enclosing} passes the ${property}`);
        passed.forEach((code) => found.codes.add(code));
      }
    }
  }
  return found;
}

test('every action recorded under src/ has a name, and every name belongs to a recorded action', () => {
  const { codes, patterns } = recorded('action');
  // the seal that closes the unkeyed part of the trail is written by SQL (audit.repository.ts, appendSealRecord)
  const seal = /audit_append\(null, '[^']*', '[^']*', null, '([^']+)', '([^']+)'/.exec(files.find(({ file }) => file.endsWith('audit.repository.ts'))!.text);
  assert.ok(seal);
  codes.add(seal[1]);
  assert.ok(codes.size > 50, `only ${codes.size} actions found: the reading of src/ is broken`);
  assert.ok(codes.has('billing.credit_note') && codes.has('user.disable') && codes.has('signoff.return') && codes.has('auth.password_change_failed'), 'templates, conditionals and parameters are resolved');
  const named = new Set<string>(AUDIT_ACTIONS);
  assert.deepEqual([...codes].filter((code) => !named.has(code)).sort(), [], 'actions recorded without a name in audit.messages.ts');
  for (const [pattern, where] of patterns) assert.ok(AUDIT_ACTIONS.some((code) => pattern.test(code)), `${where}: no action of this form has a name`);
  const unused = AUDIT_ACTIONS.filter((code) => !codes.has(code) && ![...patterns.keys()].some((pattern) => pattern.test(code)));
  assert.deepEqual(unused, [], 'names of actions nothing records');
});

test('every entity type recorded under src/ has a name, and every name belongs to a recorded type', () => {
  const { codes, patterns } = recorded('entityType');
  assert.equal(patterns.size, 0);
  codes.add('audit_log');   // the seal's
  const named = new Set<string>(AUDIT_ENTITY_TYPES);
  assert.deepEqual([...codes].filter((code) => !named.has(code)).sort(), []);
  assert.deepEqual(AUDIT_ENTITY_TYPES.filter((code) => !codes.has(code)), []);
});

test('names in Chinese and English; a code without a name is shown as it is', () => {
  assert.deepEqual([auditActionName('person.create', 'zh-CN'), auditActionName('person.create', 'en')], ['个人参保登记', 'Person registered']);
  assert.deepEqual([auditEntityTypeName('approval_item', 'zh-CN'), auditEntityTypeName('approval_item', 'en')], ['审核事项', 'Sign-off item']);
  assert.equal(auditActionName('thing.bulk', 'zh-CN'), 'thing.bulk');
  assert.equal(auditEntityTypeName('toString', 'en'), 'toString', 'an inherited property is not a name');
  const record = { action: 'auth.lockout', entityType: 'user' } as AuditRecordView;
  assert.deepEqual([namedAuditRecord('zh-CN')(record).actionName, namedAuditRecord('en')(record).entityTypeName], ['账号锁定', 'User']);
  const choices = auditCodeChoices('en');
  assert.deepEqual(choices.actions.find((choice) => choice.code === 'signoff.approve'), { code: 'signoff.approve', name: 'Approved' });
  assert.equal(choices.entityTypes.length, AUDIT_ENTITY_TYPES.length);
});

test('no two actions share a Chinese name (the filter would offer two alike)', () => {
  const chinese = AUDIT_ACTIONS.map((code) => auditActionName(code, 'zh-CN'));
  assert.deepEqual(chinese.filter((name, index) => chinese.indexOf(name) !== index), []);
});
