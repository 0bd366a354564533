/**
 * 单位登记事项变更: the facts of an employer that billing reads — its type (which pension scheme), region (which
 * pooling region and rates), work-injury class and floating factor — are dated. A change is recorded from the day it
 * takes effect (today or earlier, not before the registration), with who and why, and audited; the employer row keeps
 * the facts in force today. A reassessment of a past period reads that period's facts through employer_facts_on(date)
 * (migrations/0026_years_and_history.sql), so it bills the period as it was.
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, inActorScope, type Actor } from '../../platform/actor.ts';
import { requirePermission } from '../../platform/access/permissions.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { newId } from '../../platform/ids.ts';
import { checkDate } from '../../platform/dates.ts';
import { todayInChina } from '../../platform/params/index.ts';
import { employerTypes } from './registry.tables.ts';
import { registryMessages } from './registry.messages.ts';
import { employerFactsSaid as said } from './employer-history.messages.ts';
import { factHistory, factsOn, insertFacts, laterFactDays, registrationDay, regionExists, setCurrentFacts, type EmployerType } from './employer-history.repository.ts';

export interface EmployerFacts { employerType: EmployerType; regionCode: string; workInjuryClass: number | null; workInjuryFloat: string }
export interface EmployerFactsChange extends Partial<EmployerFacts> { validFrom: string; reason: string }
export interface EmployerFactsRow extends EmployerFacts { validFrom: string; changedBy: string; reason: string; recordedAt: string }

const FLOAT = /^[01](\.\d{1,2})?$/;

/** The facts asked for, each checked: a 400 naming the first field that is wrong. */
function checkChange(input: EmployerFactsChange, today: string): EmployerFactsChange {
  const validFrom = checkDate(input.validFrom, 'validFrom');
  if (validFrom > today) throw invalid('validFrom', said.notInFuture({ today }));
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (reason.length < 2 || reason.length > 500) throw invalid('reason', said.reasonLength());
  if (input.employerType !== undefined && !(employerTypes as readonly string[]).includes(input.employerType)) {
    throw invalid('employerType', said.unknownType({ choices: employerTypes.join(', ') }));
  }
  if (input.workInjuryClass !== undefined && input.workInjuryClass !== null && !(Number.isInteger(input.workInjuryClass) && input.workInjuryClass >= 1 && input.workInjuryClass <= 8)) {
    throw invalid('workInjuryClass', said.classRange());
  }
  if (input.workInjuryFloat !== undefined && (!FLOAT.test(input.workInjuryFloat) || Number(input.workInjuryFloat) < 0.5 || Number(input.workInjuryFloat) > 1.5)) throw invalid('workInjuryFloat', said.floatRange());
  return { ...input, validFrom, reason };
}

const sameFacts = (a: EmployerFacts, b: EmployerFacts) =>
  a.employerType === b.employerType && a.regionCode === b.regionCode && a.workInjuryClass === b.workInjuryClass && Number(a.workInjuryFloat) === Number(b.workInjuryFloat);

const factsView = (row: { employer_type: string; region_code: string; work_injury_class: number | null; work_injury_float: string }): EmployerFacts => ({
  employerType: row.employer_type as EmployerType, regionCode: row.region_code, workInjuryClass: row.work_injury_class, workInjuryFloat: Number(row.work_injury_float).toFixed(2),
});

/** Records a change of an employer's facts from `validFrom` on; returns the employer's history, newest first. */
export async function changeEmployerFacts(database: DatabaseHandle, actor: Actor, employerId: bigint, input: EmployerFactsChange): Promise<EmployerFactsRow[]> {
  requirePermission(actor, 'registry.employer.create');
  const today = todayInChina();
  const change = checkChange(input, today);
  return inScope(database, actor, async (tx) => {
    const registered = await registrationDay(tx, employerId);
    if (!registered) throw notFound(registryMessages.employer());
    if (change.validFrom < registered) throw invalid('validFrom', said.beforeRegistration({ registered }));
    const before = factsView(await factsOn(tx, employerId, change.validFrom));
    const after: EmployerFacts = {
      employerType: change.employerType ?? before.employerType, regionCode: change.regionCode ?? before.regionCode,
      workInjuryClass: change.workInjuryClass === undefined ? before.workInjuryClass : change.workInjuryClass,
      workInjuryFloat: change.workInjuryFloat === undefined ? before.workInjuryFloat : Number(change.workInjuryFloat).toFixed(2),
    };
    if (sameFacts(before, after)) throw invalid('validFrom', said.nothingChanges({ validFrom: change.validFrom }));
    // 人社部发〔2015〕71号: class I floats up only (120% or 150%); classes II–VIII up or down
    if (after.workInjuryClass === 1 && Number(after.workInjuryFloat) < 1) throw invalid('workInjuryFloat', said.classOneNotDown());
    if (after.regionCode !== before.regionCode) {
      if (!(await regionExists(tx, after.regionCode))) throw invalid('regionCode', registryMessages.unknownRegion({ code: after.regionCode }));
      if (!inActorScope(actor, after.regionCode)) throw forbidden(registryMessages.regionOutsideScope({ code: after.regionCode }));
    }
    const record = (validFrom: string, facts: EmployerFacts, reason: string) => insertFacts(tx, {
      employer_id: employerId, id: newId(), valid_from: validFrom, employer_type: facts.employerType, region_code: facts.regionCode,
      work_injury_class: facts.workInjuryClass, work_injury_float: facts.workInjuryFloat, changed_by: actor.username, reason,
    });
    await record(change.validFrom, after, change.reason);
    // A change from a past day holds on: each later fact set recorded before it takes the changed fields too (a row
    // of the same day recorded later wins; rows are never rewritten).
    for (const later of await laterFactDays(tx, employerId, change.validFrom)) {
      const facts = factsView(await factsOn(tx, employerId, later));
      const carried: EmployerFacts = {
        employerType: change.employerType ?? facts.employerType, regionCode: change.regionCode ?? facts.regionCode,
        workInjuryClass: change.workInjuryClass === undefined ? facts.workInjuryClass : change.workInjuryClass,
        workInjuryFloat: change.workInjuryFloat === undefined ? facts.workInjuryFloat : after.workInjuryFloat,
      };
      if (!sameFacts(facts, carried)) await record(later, carried, `${change.reason}（${change.validFrom} 起变更，延续至此）`);
    }
    // the employer row is today's facts: a change from a past day that a later recorded change overrides leaves it
    const current = factsView(await factsOn(tx, employerId, today));
    await setCurrentFacts(tx, employerId, {
      employer_type: current.employerType, region_code: current.regionCode, work_injury_class: current.workInjuryClass, work_injury_float: current.workInjuryFloat,
    });
    await recordAudit(tx, actor, {
      action: 'employer.facts.change', entityType: 'employer', entityId: employerId, regionCode: current.regionCode,
      before: { validFrom: change.validFrom, ...before }, after: { validFrom: change.validFrom, ...after, reason: change.reason },
    });
    return historyRows(await factHistory(tx, employerId));
  });
}

const historyRows = (rows: Awaited<ReturnType<typeof factHistory>>): EmployerFactsRow[] => rows.map((row) => ({
  validFrom: row.valid_from, ...factsView(row), changedBy: row.changed_by, reason: row.reason, recordedAt: row.recorded_at.toISOString(),
}));

/** An employer's dated facts, newest first (404 outside the actor's scope). */
export async function employerFactHistory(database: DatabaseHandle, actor: Actor, employerId: bigint): Promise<EmployerFactsRow[]> {
  return inScope(database, actor, async (tx) => {
    const rows = await factHistory(tx, employerId);
    if (!rows.length) throw notFound(registryMessages.employer());
    return historyRows(rows);
  });
}
