/**
 * Proposals that wait (待审批) or went back to their drafter (已退回): sign-off items of kind params.regional_value
 * (src/platform/params/regional-values.service.ts). Two statuses together list every item in the user's scope (one
 * status, pending, would list only what the user may decide); a user without approvals.read sees their own.
 */
import { api, withQuery } from '../../api.ts';
import type { ApprovalItem, ApprovalPage } from '../../platform/signoff/types.ts';

export const REGIONAL_VALUE_KIND = 'params.regional_value';

export interface OpenProposal { itemId: string; status: ApprovalItem['status']; path: string; region: string; since: string; value: string; reference: string; submittedBy: string }

export async function loadOpenProposals(signal: AbortSignal): Promise<OpenProposal[]> {
  // an agency has few open proposals: one page of 200 holds them
  const page = await api.get<ApprovalPage>(withQuery('/api/approvals?status=pending&status=returned', { kind: REGIONAL_VALUE_KIND, limit: 200 }), undefined, signal);
  return page.items.map((item) => ({
    itemId: item.id, status: item.status, path: String(item.payload.path), region: String(item.payload.region), since: String(item.payload.since),
    value: String(item.payload.valueText), reference: String(item.payload.reference), submittedBy: item.submittedBy,
  }));
}

/** County 990102 → [990102, 990100, 990000] (GB/T 2260: the province and city in the code's first digits). */
export function regionChain(code: string): string[] {
  return [...new Set([code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`])];
}

/**
 * Does a proposal for `proposalRegion` concern the region in view? It does when it would apply there (its own
 * region or one above) or under it; in the national view every proposal does.
 */
export function concernsRegion(proposalRegion: string, viewRegion: string | undefined): boolean {
  return !viewRegion || regionChain(viewRegion).includes(proposalRegion) || regionChain(proposalRegion).includes(viewRegion);
}
