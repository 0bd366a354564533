/** HTTP for benefit claims (/api/benefits/claims): submit, list, stop, and the month's run. */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { Id, Period, RegionCode } from '../../../platform/http/schemas.ts';
import { listQuery } from '../../../platform/http/lists.schemas.ts';
import { startClaimMonth } from './claims.month.ts';
import { Job } from '../../../platform/jobs/jobs.schemas.ts';
import { getClaim, listClaims, requestClaim, stopClaim, type ClaimRequest } from './claims.service.ts';
import { Claim, ClaimDetail, ClaimList, ClaimRequestBody, ClaimSubmitted, StopBody, WorkInjuryMonthly, WorkInjuryStopBody } from './claims.schemas.ts';
import { stopWorkInjuryBenefit } from './work-injury-monthly.service.ts';
import { claimKinds, claimStatuses, type ClaimKind, type ClaimStatus } from './claims.tables.ts';
import type { StopReason } from './claims.messages.ts';
import { scopePrefix } from '../../../platform/actor.ts';

const tags = ['benefits'];
const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));

export async function claimRoutes(app: App) {
  const db = app.database;

  app.post('/api/benefits/claims', { config: { permission: 'benefit.claim.request' },
    schema: { tags, summary: '待遇申领 Submit an unemployment, work injury or maternity claim: worked out on the server with its trace, waits for 复核 and 审批 (kind benefit.claim)',
      body: ClaimRequestBody, response: { 200: ClaimSubmitted } },
  }, async (request) => requestClaim(db, actor(request), request.body as ClaimRequest));

  app.get('/api/benefits/claims', { config: { permission: 'benefits.read' },
    schema: {
      tags, summary: '待遇申领 Claims in scope with their amounts and status',
      querystring: Type.Object({
        ...listQuery(), kind: Type.Optional(literals(claimKinds)), status: Type.Optional(literals(claimStatuses)),
        region: Type.Optional(RegionCode), idNumber: Type.Optional(Type.String({ minLength: 15, maxLength: 18 })),
      }, { additionalProperties: false }),
      response: { 200: ClaimList },
    },
  }, async (request) => listClaims(db, actor(request), {
    kind: request.query.kind as ClaimKind | undefined, status: request.query.status as ClaimStatus | undefined,
    regionPrefix: request.query.region && scopePrefix(request.query.region), idNumber: request.query.idNumber?.trim().toUpperCase(),
  }, { limit: request.query.limit ?? 50, after: request.query.after, offset: request.query.offset }));

  app.get('/api/benefits/claims/:id', { config: { permission: 'benefits.read' },
    schema: { tags, summary: '待遇申领 One claim with its amounts, the input it was submitted with and the trace of its calculation', params: Type.Object({ id: Id }), response: { 200: ClaimDetail } },
  }, async (request) => getClaim(db, actor(request), BigInt(request.params.id)));

  app.post('/api/benefits/claims/:id/stop', { config: { permission: 'benefit.claim.request' },
    schema: { tags, summary: '失业保险金停发 Stop an approved unemployment benefit from a month for one of the stop conditions (失业保险条例 第十五条)',
      params: Type.Object({ id: Id }), body: StopBody, response: { 200: Claim } },
  }, async (request) => stopClaim(db, actor(request), BigInt(request.params.id), request.body as { fromPeriod: string; reason: StopReason }));

  app.post('/api/benefits/claims/:id/work-injury-stop', { config: { permission: 'benefit.claim.request' },
    schema: { tags, summary: '工伤保险按月待遇停发 Stop a monthly part of an approved work-injury claim (or all of them) from a month, with the reason (工伤保险条例 第三十九条, 第四十二条); audited',
      params: Type.Object({ id: Id }), body: WorkInjuryStopBody, response: { 200: WorkInjuryMonthly } },
  }, async (request) => stopWorkInjuryBenefit(db, actor(request), BigInt(request.params.id), request.body));

  app.post('/api/benefits/claims/months', { config: { permission: 'benefit.claim.run' },
    schema: { tags, summary: '失业保险金、工伤保险按月待遇月度处理 Start the month\'s run (a job, kind benefits.claim_month; progress and, when completed, its result — the ClaimMonth schema — at GET /api/jobs/:id): the automatic stops (new employment, pension), the medical contributions the unemployment fund pays, posted across the two funds, each claimant\'s benefit ordered, and each work-injury claim\'s monthly parts ordered (paid by the fund\'s bank file); filing a 用款申请 for a short 支出户 needs fund.transfer.request. A month runs again for the claims approved since',
      body: Type.Object({ period: Period }, { additionalProperties: false }), response: { 202: Job } },
  }, async (request, reply) => reply.code(202).send(await startClaimMonth(db, actor(request), request.body)));
}
