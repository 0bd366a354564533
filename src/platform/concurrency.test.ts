import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allEnded } from './concurrency.ts';

const after = <T>(ms: number, value: T, fail = false) => new Promise<T>((resolve, reject) => setTimeout(() => (fail ? reject(new Error(String(value))) : resolve(value)), ms));

test('allEnded answers every value in the order given', async () => {
  assert.deepEqual(await allEnded([after(20, 'a'), after(5, 2), after(10, true)]), ['a', 2, true]);
});

test('allEnded throws the first failure in the order given, and only once every one has ended', async () => {
  let slowEnded = false;
  const slow = after(40, 'slow').then((value) => { slowEnded = true; return value; });
  await assert.rejects(allEnded([after(30, 'first', true), after(5, 'second', true), slow]), /^Error: first$/);
  assert.equal(slowEnded, true);
});
