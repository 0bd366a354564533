/** HTTP of the monthly allocation plans (分月用款计划): GET the plans of a region's budget, POST a proposal to sign-off. */
import { actor, type App } from '../../../platform/http/server.ts';
import { Items } from '../../../platform/http/schemas.ts';
import { ApprovalItem } from '../../../platform/signoff/signoff.schemas.ts';
import { AllocationPlans, AllocationProposal, AllocationQuery } from './allocation.schemas.ts';
import { listAllocationPlans, proposeAllocationPlans } from './allocation.service.ts';

const tags = ['execution'];

export async function allocationRoutes(app: App) {
  app.get('/api/execution/allocation-plans', { config: { permission: 'execution.read' },
    schema: {
      tags, querystring: AllocationQuery, response: { 200: AllocationPlans },
      summary: '分月用款计划 The monthly allocation plans of the region\'s latest approved budget, per fund: the current plan and a proposal awaiting sign-off',
    },
  }, async (request) => listAllocationPlans(app.database, actor(request), request.query));

  app.post('/api/execution/allocation-plans', { config: { permission: 'budget.draft' },
    schema: {
      tags, body: AllocationProposal, response: { 201: Items(ApprovalItem) },
      summary: '编制分月用款计划 Propose a plan (even, seasonal or by hand) for a fund or every fund of the budget: one sign-off item each (kind execution.allocation_plan)',
    },
  }, async (request, reply) => reply.code(201).send({ items: await proposeAllocationPlans(app.database, actor(request), request.body) }));
}
