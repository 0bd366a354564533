/**
 * Checks that warn (次风险, seed 004 篇7; issue 15 R9.3 "medium → automatic checks that warn and need a reason to
 * override"): an operation runs its automatic checks; with no warning it goes on; with warnings it stops — answering
 * 409 `check_warnings` with each warning — unless the caller gives a reason to carry on over them (`override:
 * {reason}`). Each time warnings are raised is kept (control_check_event: stopped, or overridden with the reason, under
 * the caller's own name), and the control register counts them per control point and month.
 */
import { Type } from '@sinclair/typebox';
import type { DatabaseHandle } from '../database.ts';
import { inScope, type Actor, type Tx } from '../actor.ts';
import { AppError, invalid } from '../errors.ts';
import { newId } from '../ids.ts';
import { render, type Language, type Said } from '../messages.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repository from './checks.repository.ts';
import { checksSaid as said } from './checks.messages.ts';

export { eventsPerPoint } from './checks.repository.ts';

/** A warning of one automatic check: the check's code and what it saw. */
export interface CheckWarning { check: string; message: Said }
/** The caller's reason to carry on over the warnings. */
export interface Override { reason: string }

/** 409 with the warnings listed (`warnings: [{check, message}]` beside the message), for the caller to check and override. */
export class CheckWarningsError extends AppError {
  constructor(readonly warnings: readonly CheckWarning[]) {
    super(409, 'check_warnings', said.warned({ count: warnings.length, list: warnings.map((w) => w.message).reduce((a, b) => said.join({ a, b })) }), 'override');
  }
  override toJSON(language: Language = 'en') {
    const body = super.toJSON(language);
    return { error: { ...body.error, warnings: this.warnings.map((warning) => ({ check: warning.check, message: render(warning.message, language) })) } };
  }
}

/** The request field carrying the reason to carry on over the warnings (absent: stop at a warning). */
export const OverrideField = Type.Optional(Type.Union([Type.Null(), Type.Object({
  reason: Type.String({ maxLength: 500, description: '核实理由: what was checked and why the operation is right despite the warnings (4–500 characters)' }),
}, { additionalProperties: false })], { description: 'carry on over the automatic checks\' warnings (a 409 check_warnings lists them) with a reason' }));

/** The override of a request: absent or null for none; a reason of 4–500 characters, else 400 naming `override`. */
export function readOverride(value: unknown): Override | null {
  if (value === undefined || value === null) return null;
  const reason = typeof value === 'object' && typeof (value as { reason?: unknown }).reason === 'string' ? (value as { reason: string }).reason.trim() : '';
  if (reason.length < 4 || reason.length > 500) throw invalid('override', said.reasonLength());
  return { reason };
}

/**
 * Lets an operation go on past its checks' warnings: none — on; warnings and an override — kept with the reason in the
 * operation's own transaction (and audited), on; warnings and no override — kept as stopped in a transaction of its
 * own (the operation's rolls back), and the 409 thrown.
 */
export async function passChecks(database: DatabaseHandle, tx: Tx, actor: Actor, input: {
  point: string; regionCode: string; subject: string; warnings: readonly CheckWarning[]; override: Override | null;
}): Promise<{ overridden: CheckWarning[] }> {
  if (input.warnings.length === 0) return { overridden: [] };
  const shown = JSON.stringify(input.warnings.map((warning) => ({ check: warning.check, message: render(warning.message, 'zh-CN') })));
  const row = { id: newId(), point: input.point, region_code: input.regionCode, subject: input.subject, warnings: shown, actor: actor.username };
  if (!input.override) {
    await inScope(database, actor, (own) => repository.insertEvent(own, { ...row, outcome: 'stopped', reason: null }));
    throw new CheckWarningsError(input.warnings);
  }
  await repository.insertEvent(tx, { ...row, outcome: 'overridden', reason: input.override.reason });
  await recordAudit(tx, actor, { action: 'control.check.override', entityType: 'control_check_event', entityId: row.id, regionCode: input.regionCode,
    after: { point: input.point, subject: input.subject, reason: input.override.reason, warnings: JSON.parse(shown) } });
  return { overridden: [...input.warnings] };
}
