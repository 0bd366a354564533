/** The register's reading, the grades' controls and the seeded sample, by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { controlsOfGrade, defaultSeed, drawSample, readControlRegister, seededRandom } from './controls.calc.ts';

const population = Array.from({ length: 30 }, (_, index) => 1000 + index);

test('the same seed draws the same sample; another seed another; answered in the population\'s order', () => {
  const first = drawSample(population, 7, 5);
  assert.equal(first.length, 5);
  assert.deepEqual(drawSample(population, 7, 5), first);
  assert.deepEqual(first, [...first].sort((a, b) => a - b));
  assert.equal(new Set(first).size, 5, 'no operation drawn twice');
  assert.ok(first.every((id) => population.includes(id)));
  assert.notDeepEqual(drawSample(population, 8, 5), first);
  // a larger sample with the same seed keeps every operation the smaller one drew
  const larger = drawSample(population, 7, 12);
  assert.ok(first.every((id) => larger.includes(id)));
});

test('a population no larger than the size is drawn whole; an empty one gives nothing', () => {
  assert.deepEqual(drawSample([3, 1, 2], 99, 5), [3, 1, 2]);
  assert.deepEqual(drawSample([], 99, 5), []);
});

test('the generator: mulberry32\'s published first values for seed 1, and [0, 1) over many draws', () => {
  const random = seededRandom(1);
  // mulberry32(1): 0.6270739405881613, 0.002735721180215478, 0.5274470399599522
  assert.deepEqual([random(), random(), random()], [0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  const largest = seededRandom(4_294_967_295);   // the state wraps at 2^32 as the reference's int32 arithmetic does
  assert.deepEqual([largest(), largest()], [0.8964226141106337, 0.189478256739676]);
  const many = seededRandom(202607);
  for (let i = 0; i < 10_000; i++) { const value = many(); assert.ok(value >= 0 && value < 1); }
});

test('the default seed is the month as a number', () => {
  assert.equal(defaultSeed('2026-07'), 202607);
  assert.equal(defaultSeed('1999-12'), 199912);
});

test('what each grade requires', () => {
  assert.deepEqual(controlsOfGrade('high'), ['every_level', 'monthly_audit_sample']);
  assert.deepEqual(controlsOfGrade('medium'), ['levels_from_amount']);
  assert.deepEqual(controlsOfGrade('low'), ['levels_from_amount']);
  assert.deepEqual(controlsOfGrade('medium', 'checks'), ['warn_with_reason'], 'carried by checks: the warnings stop it unless a reason is given');
});

test('the register: entries in order; a missing or unknown field is a configuration error naming the entry', () => {
  const entry = { label: '退费', label_en: 'Refund', signoff: 'payment.refund', basis: '财社〔2017〕144号' };
  const checked = { label: '手工登记到账', label_en: 'By hand', checks: 'payment.manual', grade: 'medium', basis: 'seed 004 篇7' };
  assert.deepEqual(readControlRegister({ payment_refund: entry, other: { ...entry, signoff: 'payment.reversal' }, manual_payment: checked })
    .map((point) => [point.operation, point.carrier === 'signoff' ? point.signoffKind : `${point.checkPoint} ${point.grade}`, point.labelEn]),
  [['payment_refund', 'payment.refund', 'Refund'], ['other', 'payment.reversal', 'Refund'], ['manual_payment', 'payment.manual medium', 'By hand']]);
  const { grade: _grade, ...ungraded } = checked;
  assert.throws(() => readControlRegister({ manual_payment: ungraded }), /manual_payment needs grade/);
  assert.throws(() => readControlRegister({ manual_payment: { ...checked, grade: 'severe' } }), /manual_payment\.grade must be one of high, medium, low/);
  assert.throws(() => readControlRegister({ manual_payment: { ...checked, grade: 'high' } }), /high-risk operation is carried by a sign-off kind/);
  assert.throws(() => readControlRegister({ manual_payment: { ...checked, signoff: 'payment.refund' } }), /manual_payment has unknown fields signoff/);
  assert.throws(() => readControlRegister({ payment_refund: { label: '退费', label_en: 'Refund', basis: 'x' } }), /payment_refund needs signoff/);
  assert.throws(() => readControlRegister({ payment_refund: { ...entry, grade: 'high' } }), /payment_refund has unknown fields grade/);
  assert.throws(() => readControlRegister({ payment_refund: 'high' }), /payment_refund must be a mapping/);
});
