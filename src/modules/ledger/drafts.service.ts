/**
 * Manual entries (adjustments, 手工调账) and manual reversals are sign-off items of kind `ledger.entry`: checked when
 * drafted (so the maker sees every problem), posted by the engine in the transaction of the final approval, with
 * the maker as author and the last signer as approver (社会保险基金财务制度: 不相容岗位相互分离). The database keeps
 * maker and approver apart too (approval_step and accounting_entry checks).
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, type Actor, type Tx } from '../../platform/actor.ts';
import { rejectedRows, type RowProblem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { registerSignoffKind, submitForApproval } from '../../platform/signoff/index.ts';
import { fundByCode } from './fund.service.ts';
import { parseImportedEntry } from './ledger-entries.schema.ts';
import { ledgerMessages } from './ledger.messages.ts';
import { postPrepared, prepareReversal, validateEntries, type PreparedEntry } from './posting.service.ts';

export interface DraftInput {
  period: string; date: string; memo?: string; source?: { type: string; id: string } | null; correctionOfPeriod?: string | null;
  lines: { account: string; debit?: string; credit?: string; subject?: string | null; reference?: string | null; memo?: string | null }[];
}

/** What waits for approval: a manual entry as drafted, or the reversal of a posted entry. */
type LedgerEntryPayload =
  | { fund: string; kind: 'manual'; key: string; entry: DraftInput }
  | { fund: string; kind: 'reversal'; key: string; reverses: string; date?: string; memo?: string };

function asProblems(problems: RowProblem[]) {
  if (problems.length) throw rejectedRows(ledgerMessages.draftRejected(), problems.map((p) => ({ ...p, row: 1 })));
}

async function prepare(tx: Tx, payload: LedgerEntryPayload): Promise<PreparedEntry> {
  if (payload.kind === 'reversal') {
    return prepareReversal(tx, { fund: payload.fund, entryId: BigInt(payload.reverses), key: payload.key, date: payload.date, memo: payload.memo });
  }
  const problems: RowProblem[] = [];
  const entry = parseImportedEntry({ ...payload.entry, key: payload.key, fund: payload.fund }, 1, problems);
  asProblems(problems);
  return { input: entry!, kind: 'manual' };
}

export const ledgerEntrySignoff = registerSignoffKind<LedgerEntryPayload>({
  kind: 'ledger.entry',
  label: '手工凭证/冲销',
  parameters: 'signoff.ledger_entry',
  requestPermission: 'ledger.entry.draft',
  levels: [
    { name: 'review', label: '复核', permission: 'ledger.entry.approve' },
    { name: 'approve', label: '审批', permission: 'ledger.entry.approve' },
  ],
  async effect(tx, approver, item) {
    const prepared = await prepare(tx, item.payload);
    const [result] = await postPrepared(tx, approver, [{ ...prepared, madeBy: { id: item.submittedById, name: item.submittedBy }, approvedBy: { id: approver.userId, name: approver.username } }]);
    return { fund: item.payload.fund, entryId: result.entryId };
  },
  subjectLink: (payload) => (payload.kind === 'reversal' ? `/ledger/balances/${payload.fund}/entries/${payload.reverses}` : null),
});

const debits = (prepared: PreparedEntry) => prepared.input.lines.reduce((sum, line) => sum + (line.debit ?? 0n), 0n);

/** Drafts a manual entry: every problem is reported now; it posts when the levels its amount needs have signed. */
export async function createDraft(database: DatabaseHandle, actor: Actor, fundCode: string, input: DraftInput) {
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    const payload: LedgerEntryPayload = { fund: fund.code, kind: 'manual', key: `manual:${newId()}`, entry: input };
    const prepared = await prepare(tx, payload);
    asProblems((await validateEntries(tx, actor, [{ ...prepared, approvedBy: { id: null, name: '(checker)' } }])).problems);
    return submitForApproval(tx, actor, ledgerEntrySignoff, {
      regionCode: fund.region_code, title: `手工凭证 ${fund.code} ${input.period}${input.memo ? ` ${input.memo}` : ''}`, subjectKey: `ledger-entry:${payload.key}`,
      amount: debits(prepared), payload, comment: input.memo ?? null,
    });
  });
}

/** Drafts the reversal of a posted entry (a correction): one open reversal per entry. */
export async function createReversalDraft(database: DatabaseHandle, actor: Actor, fundCode: string, entryId: bigint, options: { date?: string; memo?: string } = {}) {
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    const payload: LedgerEntryPayload = { fund: fund.code, kind: 'reversal', key: `reversal:${newId()}`, reverses: entryId.toString(), date: options.date, memo: options.memo };
    const prepared = await prepare(tx, payload);
    asProblems((await validateEntries(tx, actor, [prepared])).problems);
    return submitForApproval(tx, actor, ledgerEntrySignoff, {
      regionCode: fund.region_code, title: `冲销凭证 ${fund.code} #${entryId}`, subjectKey: `ledger-entry-reversal:${fund.code}:${entryId}`,
      amount: debits(prepared), payload: { ...payload, date: prepared.input.date, memo: prepared.input.memo }, comment: options.memo ?? null,
    });
  });
}
