/**
 * Manual entries (adjustments, 手工调账) and manual reversals wait as drafts until a second person approves them
 * (maker-checker; 社会保险基金财务制度: 不相容岗位相互分离). The maker cannot approve; the database keeps the
 * maker and the approver apart too (entry_draft and accounting_entry checks).
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, type Actor } from '../../platform/actor.ts';
import { conflict, forbidden, invalid, notFound, rejectedRows, type RowProblem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { fundByCode } from './fund.service.ts';
import { parseImportedEntry } from './import.service.ts';
import { postPrepared, prepareReversal, validateEntries, type PreparedEntry } from './posting.service.ts';

const MAKERS = ['operator', 'reviewer', 'approver', 'finance', 'admin'];
const CHECKERS = ['reviewer', 'approver', 'finance', 'admin'];

export interface DraftInput {
  period: string; date: string; memo?: string; source?: { type: string; id: string } | null; correctionOfPeriod?: string | null;
  lines: { account: string; debit?: string; credit?: string; subject?: string | null; reference?: string | null; memo?: string | null }[];
}

interface DraftContent { kind: 'manual' | 'reversal'; entry?: DraftInput; reverses?: string; date?: string; memo?: string }

function asProblems(problems: RowProblem[]) {
  if (problems.length) throw rejectedRows('the entry has problems (分录有误)', problems.map((p) => ({ ...p, row: 1 })));
}

/** A draft manual entry: checked now (so the maker sees every problem), posted when a second person approves. */
export async function createDraft(database: DatabaseHandle, actor: Actor, fundCode: string, input: DraftInput) {
  if (!MAKERS.includes(actor.role)) throw forbidden('drafting an entry needs a ledger role');
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    const id = newId();
    const problems: RowProblem[] = [];
    const entry = parseImportedEntry({ ...input, key: `manual:${id}`, fund: fund.code }, 1, problems);
    asProblems(problems);
    asProblems((await validateEntries(tx, actor, [{ input: entry!, kind: 'manual', approvedBy: { id: null, name: '(checker)' } }])).problems);
    const content: DraftContent = { kind: 'manual', entry: input };
    await tx.insertInto('entry_draft').values({ fund_id: fund.id, id, region_code: fund.region_code, content: JSON.stringify(content), made_by_id: actor.userId, made_by: actor.username }).execute();
    await recordAudit(tx, actor, { action: 'ledger.draft.create', entityType: 'entry_draft', entityId: id, regionCode: fund.region_code, after: { fund: fund.code, ...content } });
    return { id: id.toString(), fund: fund.code, status: 'pending' as const, kind: 'manual' as const, madeBy: actor.username };
  });
}

/** A draft reversal of a posted entry (a correction), posted when a second person approves. */
export async function createReversalDraft(database: DatabaseHandle, actor: Actor, fundCode: string, entryId: bigint, options: { date?: string; memo?: string } = {}) {
  if (!MAKERS.includes(actor.role)) throw forbidden('drafting a reversal needs a ledger role');
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    const id = newId();
    const prepared = await prepareReversal(tx, { fund: fund.code, entryId, key: `reversal:${id}`, date: options.date, memo: options.memo });
    asProblems((await validateEntries(tx, actor, [prepared])).problems);
    const pending = await tx.selectFrom('entry_draft').select('id').where('fund_id', '=', fund.id).where('reverses_entry_id', '=', entryId).where('status', '=', 'pending').executeTakeFirst();
    if (pending) throw conflict('entryId', `a reversal of entry ${entryId} is already waiting for approval (draft ${pending.id})`);
    const content: DraftContent = { kind: 'reversal', reverses: entryId.toString(), date: prepared.input.date, memo: prepared.input.memo };
    await tx.insertInto('entry_draft').values({ fund_id: fund.id, id, region_code: fund.region_code, content: JSON.stringify(content), reverses_entry_id: entryId, made_by_id: actor.userId, made_by: actor.username }).execute();
    await recordAudit(tx, actor, { action: 'ledger.draft.create', entityType: 'entry_draft', entityId: id, regionCode: fund.region_code, after: { fund: fund.code, ...content } });
    return { id: id.toString(), fund: fund.code, status: 'pending' as const, kind: 'reversal' as const, madeBy: actor.username };
  });
}

export async function listDrafts(database: DatabaseHandle, actor: Actor, fundCode: string, status?: string) {
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    let query = tx.selectFrom('entry_draft').selectAll().where('fund_id', '=', fund.id);
    if (status) query = query.where('status', '=', status as 'pending');
    const rows = await query.orderBy('id', 'desc').limit(200).execute();
    return rows.map((d) => ({
      id: d.id.toString(), fund: fund.code, status: d.status, content: d.content, madeBy: d.made_by, madeAt: d.made_at.toISOString(),
      decidedBy: d.decided_by, decidedAt: d.decided_at?.toISOString() ?? null, decisionNote: d.decision_note, postedEntryId: d.posted_entry_id?.toString() ?? null,
    }));
  });
}

/** The checker approves: the entry posts with the maker as its author and the checker as its approver. */
export async function approveDraft(database: DatabaseHandle, actor: Actor, fundCode: string, draftId: bigint) {
  if (!CHECKERS.includes(actor.role)) throw forbidden('approving an entry needs the reviewer, approver or finance role');
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    const draft = await tx.selectFrom('entry_draft').selectAll().where('fund_id', '=', fund.id).where('id', '=', draftId).forUpdate().executeTakeFirst();
    if (!draft) throw notFound(`draft ${draftId}`);
    if (draft.status !== 'pending') throw conflict('status', `draft ${draftId} is already ${draft.status}`);
    if (draft.made_by === actor.username || (draft.made_by_id !== null && draft.made_by_id === actor.userId)) {
      throw forbidden('the maker of an entry cannot approve it (maker-checker: a second person approves)');
    }
    const content = draft.content as DraftContent;
    const maker = { id: draft.made_by_id, name: draft.made_by };
    const approver = { id: actor.userId, name: actor.username };
    let prepared: PreparedEntry;
    if (content.kind === 'reversal') {
      prepared = { ...(await prepareReversal(tx, { fund: fund.code, entryId: BigInt(content.reverses!), key: `reversal:${draft.id}`, date: content.date, memo: content.memo })), madeBy: maker, approvedBy: approver };
    } else {
      const problems: RowProblem[] = [];
      const entry = parseImportedEntry({ ...content.entry, key: `manual:${draft.id}`, fund: fund.code }, 1, problems);
      asProblems(problems);
      prepared = { input: entry!, kind: 'manual', madeBy: maker, approvedBy: approver };
    }
    const [result] = await postPrepared(tx, actor, [prepared]);
    await tx.updateTable('entry_draft').set({ status: 'approved', decided_by_id: actor.userId, decided_by: actor.username, decided_at: new Date(), posted_entry_id: BigInt(result.entryId) })
      .where('fund_id', '=', fund.id).where('id', '=', draftId).execute();
    await recordAudit(tx, actor, { action: 'ledger.draft.approve', entityType: 'entry_draft', entityId: draftId, regionCode: fund.region_code, after: { entryId: result.entryId, madeBy: draft.made_by } });
    return { id: draftId.toString(), fund: fund.code, status: 'approved' as const, entryId: result.entryId, madeBy: draft.made_by, approvedBy: actor.username };
  });
}

export async function rejectDraft(database: DatabaseHandle, actor: Actor, fundCode: string, draftId: bigint, note: string) {
  if (!CHECKERS.includes(actor.role)) throw forbidden('rejecting an entry needs the reviewer, approver or finance role');
  if (!note?.trim()) throw invalid('note', 'say why the entry is rejected');
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    const draft = await tx.selectFrom('entry_draft').selectAll().where('fund_id', '=', fund.id).where('id', '=', draftId).forUpdate().executeTakeFirst();
    if (!draft) throw notFound(`draft ${draftId}`);
    if (draft.status !== 'pending') throw conflict('status', `draft ${draftId} is already ${draft.status}`);
    if (draft.made_by === actor.username) throw forbidden('the maker of an entry cannot decide on it');
    await tx.updateTable('entry_draft').set({ status: 'rejected', decided_by_id: actor.userId, decided_by: actor.username, decided_at: new Date(), decision_note: note.trim() })
      .where('fund_id', '=', fund.id).where('id', '=', draftId).execute();
    await recordAudit(tx, actor, { action: 'ledger.draft.reject', entityType: 'entry_draft', entityId: draftId, regionCode: fund.region_code, after: { note: note.trim(), madeBy: draft.made_by } });
    return { id: draftId.toString(), fund: fund.code, status: 'rejected' as const };
  });
}
