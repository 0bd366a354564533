/** HTTP for the monthly reconciliation of collection records against the fund ledger (/api/collection/reconciliation). */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { Money, Period } from '../../../platform/http/schemas.ts';
import { reconcileCollection } from './reconciliation.service.ts';

const FundReconciliation = Type.Object({ fund: Type.String(), name: Type.String(), business: Money, ledger: Money, difference: Money });
const CollectionReconciliation = Type.Object({ period: Type.String(), funds: Type.Array(FundReconciliation), differences: Type.Integer() });

export async function reconciliationRoutes(app: App) {
  app.get('/api/collection/reconciliation', { config: { permission: ['ledger.read', 'billing.read'] },
    schema: {
      tags: ['collection'], summary: '业务数据与会计数据核对 What the bills say each fund collected in the month against what the ledger booked (cash basis), per fund, with the difference',
      querystring: Type.Object({ period: Period }),
      response: { 200: CollectionReconciliation },
    },
  }, async (request) => reconcileCollection(app.database, actor(request), { period: request.query.period }));
}
