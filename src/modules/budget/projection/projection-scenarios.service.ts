/**
 * A pension pool's own projection scenarios (精算情景), saved beside the built-in ones (issue 13 R8.3): a name, a label
 * and a set of assumption overrides (projection.scenarios.ts readOverrides), in the pooling region of the region asked.
 * Saved by a holder of budget.scenario, never edited (another set of assumptions is another scenario), archived rather
 * than deleted (migration 0078), every change audited. A projection under a saved name reads its overrides.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { requirePermission } from '../../../platform/access/permissions.ts';
import { AppError, conflict, invalidFields, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { isRegionCode, regionChain } from '../../../platform/params/index.ts';
import { render, type Language, type Said } from '../../../platform/messages.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import * as repository from './projection.repository.ts';
import { projectionRules as say, scenarioNames } from './projection.messages.ts';
import { BASELINE_SCENARIO, isBuiltInScenario, readOverrides, scenarioNamesInOrder, scenarios, type ScenarioOverrides } from './projection.scenarios.ts';

export interface ScenarioView {
  name: string; label: string; builtIn: boolean; overrides: ScenarioOverrides;
  /** saved ones: their id, pool, note, who saved them and when; null for the built-in */
  saved: { id: string; poolingRegion: string; note: string | null; createdBy: string; createdAt: string } | null;
}

/** The pension pooling region of a region (the pool whose fund is projected), or a 422 naming the region. */
export async function poolOf(tx: Tx, region: string): Promise<string> {
  const pools = await repository.pensionPoolingRegions(tx);
  const pool = regionChain(region).find((code) => pools.includes(code));
  if (!pool) throw new AppError(422, 'no_pension_pool', say.noPensionPool({ region, pools: pools.join(', ') || '—' }), 'region');
  return pool;
}

const builtInViews = (language: Language): ScenarioView[] => scenarioNamesInOrder.map((name) => ({
  name, label: render(scenarioNames[name](), language), builtIn: true, overrides: { ...scenarios[name] }, saved: null,
}));

const savedView = (row: repository.ScenarioRow): ScenarioView => ({
  name: row.name, label: row.label, builtIn: false, overrides: row.overrides as ScenarioOverrides,
  saved: { id: String(row.id), poolingRegion: row.region_code, note: row.note, createdBy: row.created_by, createdAt: row.created_at.toISOString() },
});

/** The built-in scenarios, then — given a region — its pool's saved ones in the order they were saved. */
export async function listScenarios(database: DatabaseHandle, actor: Actor, input: { region?: string }, language: Language): Promise<{ baseline: string; poolingRegion: string | null; items: ScenarioView[] }> {
  if (input.region === undefined) return { baseline: BASELINE_SCENARIO, poolingRegion: null, items: builtInViews(language) };
  if (!isRegionCode(input.region)) throw invalidFields([{ field: 'region', message: say.regionShape({ value: input.region }) }]);
  return inScope(database, actor, async (tx) => {
    const pool = await poolOf(tx, input.region!);
    return { baseline: BASELINE_SCENARIO, poolingRegion: pool, items: [...builtInViews(language), ...(await repository.activeScenarios(tx, pool)).map(savedView)] };
  });
}

/** The overrides and label of a scenario for the pool: a built-in one, or one the pool saved (active). */
export async function scenarioFor(tx: Tx, pool: string, name: string, language: Language): Promise<{ overrides: ScenarioOverrides; label: string } | undefined> {
  if (isBuiltInScenario(name)) return { overrides: scenarios[name], label: render(scenarioNames[name](), language) };
  const [row] = await repository.activeScenarios(tx, pool, { name });
  return row && { overrides: row.overrides as ScenarioOverrides, label: row.label };
}

/** The names a pool may project under (for a refusal). */
export async function scenarioNamesOf(tx: Tx, pool: string): Promise<string[]> {
  return [...scenarioNamesInOrder, ...(await repository.activeScenarios(tx, pool)).map((row) => row.name)];
}

export interface ScenarioRequest { region: string; name: string; label: string; note?: string | null; overrides: unknown }

/** Saves a scenario in the pool of the region: every bad field named at once, nothing saved. */
export async function saveScenario(database: DatabaseHandle, actor: Actor, input: ScenarioRequest): Promise<ScenarioView> {
  requirePermission(actor, 'budget.scenario');
  const problems: { field: string; message: Said }[] = [];
  if (!isRegionCode(input.region ?? '')) problems.push({ field: 'region', message: say.regionShape({ value: String(input.region) }) });
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(name)) problems.push({ field: 'name', message: say.scenarioName() });
  else if (isBuiltInScenario(name)) problems.push({ field: 'name', message: say.scenarioBuiltIn({ name }) });
  const label = typeof input.label === 'string' ? input.label.trim() : '';
  if (label.length < 2 || label.length > 60) problems.push({ field: 'label', message: say.scenarioLabel() });
  const note = typeof input.note === 'string' && input.note.trim() ? input.note.trim() : null;
  if (note !== null && note.length > 500) problems.push({ field: 'note', message: say.scenarioNote() });
  const read = readOverrides(input.overrides);
  problems.push(...read.problems);
  if (problems.length) throw invalidFields(problems);
  return inScope(database, actor, async (tx) => {
    const pool = await poolOf(tx, input.region);
    if (await repository.scenarioNameTaken(tx, pool, name)) throw conflict('name', say.scenarioTaken({ region: pool, name }));
    const id = newId();
    await repository.insertScenario(tx, { id, region_code: pool, name, label, note, overrides: JSON.stringify(read.overrides), created_by: actor.username });
    await recordAudit(tx, actor, { action: 'budget.projection.scenario.save', entityType: 'budget_projection_scenario', entityId: id, regionCode: pool,
      after: { name, label, note, overrides: read.overrides } });
    return savedView((await repository.activeScenarios(tx, pool, { id }))[0]);
  });
}

/** Archives a saved scenario: it leaves the list and can no longer be projected under; its name stays taken. */
export async function archiveScenario(database: DatabaseHandle, actor: Actor, id: bigint): Promise<{ id: string; name: string; status: 'archived' }> {
  requirePermission(actor, 'budget.scenario');
  return inScope(database, actor, async (tx) => {
    const row = await repository.lockScenario(tx, id);
    if (!row) throw notFound(say.scenarioUnknown({ id: String(id) }));
    if (row.status === 'archived') throw conflict('id', say.scenarioArchived({ name: row.name }));
    await repository.archiveScenarioRow(tx, id, actor.username);
    await recordAudit(tx, actor, { action: 'budget.projection.scenario.archive', entityType: 'budget_projection_scenario', entityId: id, regionCode: row.region_code,
      before: { status: 'active' }, after: { status: 'archived', name: row.name } });
    return { id: String(id), name: row.name, status: 'archived' };
  });
}
