/**
 * The UI's words: the shell's web/src/messages.ts and every module's messages.ts are merged into one dictionary, so a
 * key must belong to one file, have both languages, and keep the same placeholders in both; and every key the code
 * names literally (`t('billing.title')`) must exist, or the UI would show the bare key.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './server.ts';

type Messages = Record<string, readonly [string, string]>;
const webSource = path.join(projectRoot, 'web', 'src');
const modulesDirectory = path.join(webSource, 'modules');

const messageFiles = [
  path.join(webSource, 'messages.ts'),
  path.join(webSource, 'components', 'list', 'messages.ts'),
  ...fs.readdirSync(modulesDirectory).map((name) => path.join(modulesDirectory, name, 'messages.ts')).filter((file) => fs.existsSync(file)),
];
const dictionaries = await Promise.all(messageFiles.map(async (file) => ({ file: path.relative(webSource, file), messages: (await import(file)).messages as Messages })));

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

test('the shell and the modules have their messages', () => {
  assert.ok(dictionaries.length >= 10, dictionaries.map((d) => d.file).join(', '));
  for (const { file, messages } of dictionaries) assert.ok(Object.keys(messages).length > 0, `${file} is empty`);
});

test('every message has Chinese and English, with the same placeholders', () => {
  const problems: string[] = [];
  for (const { file, messages } of dictionaries) {
    for (const [key, entry] of Object.entries(messages)) {
      if (entry.length !== 2 || !entry[0]?.trim() || !entry[1]?.trim()) problems.push(`${file} ${key}: not [中文, English]`);
      else if (placeholders(entry[0]).join() !== placeholders(entry[1]).join()) problems.push(`${file} ${key}: {${placeholders(entry[0])}} ≠ {${placeholders(entry[1])}}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('a key belongs to one file', () => {
  const owner = new Map<string, string>();
  const twice: string[] = [];
  for (const { file, messages } of dictionaries) {
    for (const key of Object.keys(messages)) {
      if (owner.has(key)) twice.push(`${key}: ${owner.get(key)} and ${file}`);
      owner.set(key, file);
    }
  }
  assert.deepEqual(twice, []);
});

test('every key named literally in the code exists', () => {
  const known = new Set(dictionaries.flatMap(({ messages }) => Object.keys(messages)));
  const missing: string[] = [];
  let named = 0;
  for (const file of sourceFiles(webSource)) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z]+\.[\w.]+)'/g)) {
      named++;
      if (!known.has(match[1])) missing.push(`${path.relative(webSource, file)}: ${match[1]}`);
    }
  }
  assert.ok(named > 300, `only ${named} keys found: the scan is broken`);
  assert.deepEqual(missing, []);
});
