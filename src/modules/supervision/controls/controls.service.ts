/**
 * Risk-graded controls (issue 15 R9.3): the register of the agency's control points with what each grade requires
 * and how often each fired this month, and the monthly audit sample (稽核抽样) of high-risk operations.
 *
 * The register (params/supervision/controls.yaml) names each operation and the sign-off kind that carries it; the
 * grade is that kind's own risk parameter (signoff.<kind>.risk), the one that already decides its levels, so a grade
 * lives in one place. The sample draws from the month's items of the register's kinds graded high when submitted
 * (the grade stored on each item), ordered by id, with a seeded generator: the same month, seed and size give the same
 * sample. A sample is stored when taken, and taking it again answers the stored one, so what an auditor confirms or
 * raises a finding on never shifts.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, scopePrefix, type Actor, type Tx } from '../../../platform/actor.ts';
import { requirePermission } from '../../../platform/access/permissions.ts';
import { conflict, forbidden, invalid, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { checkPeriod } from '../../../platform/dates.ts';
import { getParameters, todayInChina } from '../../../platform/params/index.ts';
import { onlyProvince } from '../../../platform/regions.ts';
import { eventsPerPoint } from '../../../platform/checks/index.ts';
import { signoffKinds, type RiskGrade, type SignoffKind } from '../../../platform/signoff/index.ts';
import { formatYuan } from '../../../platform/money.ts';
import type { Said } from '../../../platform/messages.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { controlsOfGrade, defaultSeed, drawSample, MAX_SEED, readControlRegister, reviewProgress, sampleVerdicts, type ControlPoint, type SampleVerdict } from './controls.calc.ts';
import * as repository from './controls.repository.ts';
import { controlsSaid as said } from './controls.messages.ts';

const MAX_SIZE = 1000;

/** The register in force today: each control point with its sign-off kind, if carried by one (a kind no module registers is a configuration error). */
function registerInForce(): { point: ControlPoint; kind: SignoffKind | null }[] {
  const kinds = new Map(signoffKinds().map((kind) => [kind.kind, kind]));
  return readControlRegister(getParameters().lookup('supervision.controls', todayInChina()).value as never).map((point) => {
    if (point.carrier === 'checks') return { point, kind: null };
    const kind = kinds.get(point.signoffKind);
    if (!kind) throw new Error(`supervision.controls: ${point.operation} names the sign-off kind ${point.signoffKind}, which no module registers`);
    return { point, kind };
  });
}

/** The kinds of the register's sign-off points (what the audit sample draws from). */
const signoffKindsOf = (register: { kind: SignoffKind | null }[]) => register.flatMap(({ kind }) => (kind ? [kind.kind] : []));

const thisMonth = () => todayInChina().slice(0, 7);

/** A month to look at or sample: YYYY-MM in range, not after the current one. */
function checkMonth(value: unknown): string {
  const month = checkPeriod(value, 'month');
  if (month > thisMonth()) throw invalid('month', said.monthAhead({ month }));
  return month;
}

/**
 * 风险控制点登记: every control point with its grade, what the grade requires, the levels its kind signs and how many
 * operations it saw in the month (fired) and how many of them the month's samples drew (sampled); for a point carried
 * by checks that warn, how often they warned in the month (fired) and how often the operator carried on over them
 * with a reason (overridden).
 */
export async function controlRegister(database: DatabaseHandle, actor: Actor, input: { month?: unknown } = {}) {
  requirePermission(actor, 'supervision.read');
  const month = input.month === undefined ? thisMonth() : checkMonth(input.month);
  const register = registerInForce();
  const scope = scopePrefix(actor.regionCode);
  const today = todayInChina();
  const parameters = getParameters();
  return inScope(database, actor, async (tx) => {
    const fired = new Map((await repository.submittedPerKind(tx, signoffKindsOf(register), scope, month)).map((row) => [row.kind, row.count]));
    const sampled = new Map((await repository.sampledPerKind(tx, scope, month)).map((row) => [row.kind, row]));
    const checkPoints = register.flatMap(({ point }) => (point.carrier === 'checks' ? [point.checkPoint] : []));
    const warned = new Map((await eventsPerPoint(tx, { points: checkPoints, prefix: scope, month })).map((row) => [row.point, row]));
    const registerReference = parameters.lookup('supervision.controls', today).reference;
    const controls = register.map(({ point, kind }) => {
      const common = { operation: point.operation, label: point.label, labelEn: point.labelEn, basis: point.basis };
      if (point.carrier === 'checks') {
        const events = warned.get(point.checkPoint);
        return {
          ...common, signoffKind: null, kindLabel: null, checkPoint: point.checkPoint, grade: point.grade, gradeReference: registerReference,
          controls: controlsOfGrade(point.grade, 'checks'), levels: [], allLevelsFrom: null,
          fired: events?.fired ?? 0, overridden: events?.overridden ?? 0, sampled: 0, irregular: 0,
        };
      }
      const signoff = kind!;
      const risk = parameters.lookup(`${signoff.parameters}.risk`, today, actor.regionCode);
      const allLevelsFrom = parameters.lookup(`${signoff.parameters}.all_levels_from`, today, actor.regionCode).value as bigint;
      const grade = risk.value as RiskGrade;
      return {
        ...common, signoffKind: signoff.kind, kindLabel: signoff.label, checkPoint: null,
        grade, gradeReference: risk.reference, controls: controlsOfGrade(grade),
        levels: signoff.levels.map((level) => level.label), allLevelsFrom: grade === 'high' ? null : formatYuan(allLevelsFrom),
        fired: fired.get(signoff.kind) ?? 0, overridden: 0, sampled: sampled.get(signoff.kind)?.count ?? 0, irregular: sampled.get(signoff.kind)?.irregular ?? 0,
      };
    });
    return { month, controls };
  });
}
export type ControlRegisterView = Awaited<ReturnType<typeof controlRegister>>;

/** The subtree a sample is drawn from: the one asked (in scope), else the actor's own, else the only province. */
async function sampleRegion(tx: Tx, actor: Actor, region: string | undefined): Promise<string> {
  if (region) {
    if (!region.startsWith(scopePrefix(actor.regionCode)) || !(await repository.regionExists(tx, region))) throw invalid('region', said.regionUnknown({ region }));
    return region;
  }
  const code = actor.regionCode ?? await onlyProvince(tx);
  if (!code) throw invalid('region', said.regionRequired());
  return code;
}

function checkWhole(value: unknown, field: string, min: number, max: number, problem: Said): number {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < min || number > max) throw invalid(field, problem);
  return number;
}

export interface SampleInput { month: unknown; seed?: unknown; size?: unknown; region?: string }

/**
 * 稽核抽样: draws the month's sample of high-risk operations for the auditors and stores it; the same month, seed,
 * size and region answer the stored sample. Seed by default the month as a number, size by default
 * supervision.sample_size.
 */
export async function takeSample(database: DatabaseHandle, actor: Actor, input: SampleInput) {
  requirePermission(actor, 'supervision.run');
  const month = checkMonth(input.month);
  const seed = input.seed === undefined ? defaultSeed(month) : checkWhole(input.seed, 'seed', 0, MAX_SEED, said.seedRange({ max: MAX_SEED }));
  const size = input.size === undefined ? getParameters().lookup('supervision.sample_size', `${month}-01`, actor.regionCode).value as number
    : checkWhole(input.size, 'size', 1, MAX_SIZE, said.sizeRange({ max: MAX_SIZE }));
  const kinds = signoffKindsOf(registerInForce());
  return inScope(database, actor, async (tx) => {
    const regionCode = await sampleRegion(tx, actor, input.region);
    const key = { regionCode, month, seed: BigInt(seed), size };
    const stored = await repository.findSample(tx, key);
    if (stored) return storedSampleView(tx, stored);
    const population = await repository.highRiskOperations(tx, kinds, scopePrefix(regionCode), month);
    const id = newId();
    if (!(await repository.insertSample(tx, { id, region_code: regionCode, month, seed: key.seed, size, population: population.length, taken_by_id: actor.userId, taken_by: actor.username }))) {
      return storedSampleView(tx, (await repository.findSample(tx, key))!);   // the same sample taken meanwhile by someone else
    }
    const items = drawSample(population, seed, size).map((operation, index): repository.SampleItemRow => ({
      sample_id: id, position: index + 1, region_code: operation.region_code, approval_item_id: operation.id, kind: operation.kind,
      submitted_at: operation.submitted_at, submitted_by: operation.submitted_by, subject: operation.title,
    }));
    await repository.insertSampleItems(tx, items);
    await recordAudit(tx, actor, { action: 'supervision.sample.take', entityType: 'supervision_sample', entityId: id, regionCode,
      after: { month, seed, size, population: population.length, drawn: items.map((item) => item.approval_item_id.toString()) } });
    return sampleView((await repository.findSample(tx, key))!, items, []);
  });
}

/** The samples taken of a month in scope, with what each drew. */
export async function listSamples(database: DatabaseHandle, actor: Actor, input: { month: unknown }) {
  requirePermission(actor, 'supervision.read');
  const month = checkMonth(input.month);
  return inScope(database, actor, async (tx) => {
    const samples = await repository.samplesOfMonth(tx, month, scopePrefix(actor.regionCode));
    const ids = samples.map((sample) => sample.id);
    const [items, reviews] = await Promise.all([repository.itemsOfSamples(tx, ids), repository.reviewsOfSamples(tx, ids)]);
    return { month, items: samples.map((sample) => sampleView(sample, items.filter((item) => item.sample_id === sample.id), reviews.filter((review) => review.sample_id === sample.id))) };
  });
}

async function storedSampleView(tx: Tx, sample: repository.SampleRow) {
  const [items, reviews] = await Promise.all([repository.itemsOfSamples(tx, [sample.id]), repository.reviewsOfSamples(tx, [sample.id])]);
  return sampleView(sample, items, reviews);
}

function sampleView(sample: repository.SampleRow, items: repository.SampleItemRow[], reviews: repository.SampleReviewRow[]) {
  const reviewAt = new Map(reviews.map((review) => [review.position, review]));
  const kindLabels = new Map(signoffKinds().map((kind) => [kind.kind, kind.label]));
  const sampled = items.map((item) => {
    const review = reviewAt.get(item.position);
    return {
      kind: item.kind, kindLabel: kindLabels.get(item.kind) ?? item.kind, id: item.approval_item_id.toString(), at: item.submitted_at.toISOString(), by: item.submitted_by,
      subject: item.subject, position: item.position,
      review: review ? { verdict: review.verdict, note: review.note, reviewedBy: review.reviewed_by, reviewedAt: review.reviewed_at.toISOString() } : null,
    };
  });
  return {
    id: sample.id.toString(), month: sample.month, region: sample.region_code, seed: Number(sample.seed), size: sample.size, population: sample.population,
    takenBy: sample.taken_by, takenAt: sample.taken_at.toISOString(), progress: reviewProgress(sampled.map((item) => item.review?.verdict ?? null)), sample: sampled,
  };
}
export type SampleView = ReturnType<typeof sampleView>;

export interface ReviewInput { sampleId: string; position: unknown; verdict: unknown; note?: unknown }

/**
 * 抽样核查: the auditor's finding on one sampled operation — conforming, or irregular with a note saying what was found
 * (required). Once per operation of a sample (a second review is refused, 409: the record stands; a second look is a
 * case). The reviewer is never the operation's submitter nor one who signed it (LD/T 05-2022: 不相容岗位分离). Audited.
 */
export async function reviewSampledOperation(database: DatabaseHandle, actor: Actor, input: ReviewInput) {
  requirePermission(actor, 'supervision.case');
  if (!/^\d{1,19}$/.test(input.sampleId)) throw notFound(said.sampleUnknown({ id: input.sampleId }));
  const position = checkWhole(input.position, 'position', 1, MAX_SIZE, said.positionRange({ max: MAX_SIZE }));
  if (!(sampleVerdicts as readonly unknown[]).includes(input.verdict)) throw invalid('verdict', fieldRules.oneOf({ values: sampleVerdicts.join(', ') }));
  const verdict = input.verdict as SampleVerdict;
  const note = typeof input.note === 'string' && input.note.trim() !== '' ? input.note.trim() : null;
  if (input.note !== undefined && input.note !== null && typeof input.note !== 'string') throw invalid('note', said.noteText());
  if (note !== null && note.length > 500) throw invalid('note', said.noteLength({ max: 500 }));
  if (verdict === 'irregular' && note === null) throw invalid('note', said.noteRequired());
  return inScope(database, actor, async (tx) => {
    const sample = await repository.findSampleById(tx, BigInt(input.sampleId));
    if (!sample) throw notFound(said.sampleUnknown({ id: input.sampleId }));
    const item = await repository.sampleItemAt(tx, sample.id, position);
    if (!item) throw invalid('position', said.positionOutside({ size: sample.size }));
    const hands = await repository.handsOnOperation(tx, item.approval_item_id);
    if (hands.some((hand) => (hand.user_id !== null && hand.user_id === actor.userId) || hand.username === actor.username)) {
      throw forbidden(said.ownOperation({ id: item.approval_item_id.toString() }));
    }
    const written = await repository.insertReview(tx, {
      sample_id: sample.id, position, region_code: item.region_code, approval_item_id: item.approval_item_id, verdict, note,
      reviewed_by_id: actor.userId, reviewed_by: actor.username,
    });
    if (!written) throw conflict('position', said.alreadyReviewed({ position }));
    await recordAudit(tx, actor, { action: 'supervision.sample.review', entityType: 'supervision_sample', entityId: sample.id, regionCode: item.region_code,
      after: { position, operation: item.approval_item_id.toString(), kind: item.kind, verdict, note } });
    return storedSampleView(tx, sample);
  });
}
