/**
 * HTTP of responsibility sharing (责任分担): GET the year's statement (as `sifund sharing` prints it), GET the year's
 * settlements, POST a settlement to sign-off (kind supervision.sharing_settlement).
 */
import { actor, type App } from '../../../platform/http/server.ts';
import { ApprovalItem } from '../../../platform/signoff/signoff.schemas.ts';
import { shareResponsibility } from './sharing.service.ts';
import { listSharingSettlements, submitSharingSettlement } from './sharing-settlement.service.ts';
import { SharingQuery, SharingSettlementRequest, SharingSettlements, SharingStatement } from './sharing.schemas.ts';

const tags = ['supervision'];

export async function sharingRoutes(app: App) {
  app.get('/api/supervision/sharing', { config: { permission: 'supervision.read' },
    schema: {
      tags, querystring: SharingQuery, response: { 200: SharingStatement },
      summary: '责任分担 Each county\'s pension gap of the year (the enterprise employees\' scheme, or with scheme=public the public institutions\') and the shares of the province, the city and the county, adding up to the gap to the fen',
    },
  }, async (request) => shareResponsibility(app.database, actor(request), request.query));

  app.get('/api/supervision/sharing/settlements', { config: { permission: 'supervision.read' },
    schema: {
      tags, querystring: SharingQuery, response: { 200: SharingSettlements },
      summary: '责任分担结算 The year\'s settlements in scope with each county\'s shares and entry, and the submissions waiting in sign-off',
    },
  }, async (request) => listSharingSettlements(app.database, actor(request), request.query));

  app.post('/api/supervision/sharing/settlements', { config: { permission: 'budget.draft' },
    schema: {
      tags, body: SharingSettlementRequest, response: { 201: ApprovalItem },
      summary: '提交责任分担结算 Submit a year\'s settlement of a province for sign-off (复核, 审批); the approval posts the cities\' and counties\' shares remitted to the pooled fund',
    },
  }, async (request, reply) => reply.code(201).send(await submitSharingSettlement(app.database, actor(request), request.body)));
}
