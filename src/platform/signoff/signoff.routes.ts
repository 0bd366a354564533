/** HTTP for the sign-off engine: one inbox (待办) for every kind of item. */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../http/server.ts';
import { Id } from '../http/schemas.ts';
import { answerList } from '../http/lists.ts';
import { listQuery } from '../http/lists.schemas.ts';
import { ApprovalCounts, ApprovalItem, ApprovalList } from './signoff.schemas.ts';
import { approvalCounts, decide, drafterAction, getApproval, listApprovals } from './signoff.service.ts';
import { approvalLine, approvalsReport } from './signoff.report.ts';

const Strict = { additionalProperties: false } as const;
const Comment = Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()]));
const tags = ['approvals'];

export async function signoffRoutes(app: App) {
  const db = app.database;
  app.get('/api/approvals', {
    config: { permission: 'signed-in' },
    schema: { tags, summary: '待办 The inbox: status=pending lists what you may decide now; mine=true what you submitted; format=xlsx|csv for every item of the list',
      querystring: Type.Object({
        // one status, or several (status=approved&status=cancelled): what waits is listed oldest first, the rest newest first
        status: Type.Optional(Type.Array(Type.Union([Type.Literal('pending'), Type.Literal('returned'), Type.Literal('approved'), Type.Literal('cancelled')]), { minItems: 1, maxItems: 4 })),
        kind: Type.Optional(Type.String({ maxLength: 60 })), mine: Type.Optional(Type.Boolean()),
        // the items of one fund (the ledger's kinds name it in their payload): 凭证审核 lists one fund's drafts
        fund: Type.Optional(Type.String({ maxLength: 60 })),
        ...listQuery(),
      }, Strict),
      response: { 200: ApprovalList } },
  }, async (request, reply) => {
    const { limit, after, offset, format, ...filter } = request.query;
    const who = actor(request);
    return answerList(reply, { limit, after, offset, format }, {
      defaultLimit: 50,
      page: (page) => listApprovals(db, who, { ...filter, ...page }),
      rows: async (page) => {
        const found = await listApprovals(db, who, { ...filter, ...page });
        return { items: found.items.map(approvalLine), nextCursor: found.nextCursor };
      },
      report: approvalsReport(filter),
    });
  });
  app.get('/api/approvals/counts', { config: { permission: 'signed-in' }, schema: { tags, summary: '待办数 Counts for the header badge', response: { 200: ApprovalCounts } } },
    async (request) => approvalCounts(db, actor(request)));
  app.get('/api/approvals/:id', { config: { permission: 'signed-in' }, schema: { tags, summary: '审核事项 An item with its levels and timeline', params: Type.Object({ id: Id }), response: { 200: ApprovalItem } } },
    async (request) => getApproval(db, actor(request), BigInt(request.params.id)));
  app.post('/api/approvals/:id/decisions', {
    // the level's own permission is checked by the engine (it depends on the item's next level)
    config: { permission: 'approvals.read' },
    schema: { tags, summary: '审核 Approve (sign the next level) or return to the drafter with a reason', params: Type.Object({ id: Id }),
      body: Type.Object({ decision: Type.Union([Type.Literal('approve'), Type.Literal('return')]), comment: Comment }, Strict), response: { 200: ApprovalItem } },
  }, async (request) => decide(db, actor(request), BigInt(request.params.id), request.body.decision, request.body.comment));
  app.post('/api/approvals/:id/resubmit', {
    config: { permission: 'signed-in' },
    schema: { tags, summary: '重新提交 The drafter resubmits a returned item', params: Type.Object({ id: Id }), body: Type.Object({ comment: Comment }, Strict), response: { 200: ApprovalItem } },
  }, async (request) => drafterAction(db, actor(request), BigInt(request.params.id), 'resubmit', request.body.comment));
  app.post('/api/approvals/:id/cancel', {
    config: { permission: 'signed-in' },
    schema: { tags, summary: '撤回 The drafter withdraws an item (with a reason)', params: Type.Object({ id: Id }), body: Type.Object({ comment: Type.String({ minLength: 1, maxLength: 1000 }) }, Strict), response: { 200: ApprovalItem } },
  }, async (request) => drafterAction(db, actor(request), BigInt(request.params.id), 'cancel', request.body.comment));
}
