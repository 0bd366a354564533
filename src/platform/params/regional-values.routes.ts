/**
 * HTTP for the regional parameter values maintained in the UI (regional-values.service.ts): propose (a sign-off
 * item), and who proposed and approved each value. The parameter reads (params.routes.ts) answer with the values
 * approved so far: every read first takes in what another process approved, and a timer does so every 5 s for the
 * billing, interest and benefit calculations that read parameters without a request.
 */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../http/server.ts';
import { DateText, Items, RegionCode } from '../http/schemas.ts';
import { ApprovalItem } from '../signoff/signoff.schemas.ts';
import { ParameterPath, RegionalValueApproval } from './params.schemas.ts';
import { approvedValuesOf, proposeRegionalValue, refreshRegionalValues } from './regional-values.service.ts';

const REFRESH_MS = 5_000;

export async function regionalValueRoutes(app: App) {
  const database = app.database;
  await refreshRegionalValues(database);
  const timer = setInterval(() => { refreshRegionalValues(database).catch((error) => app.log.warn({ err: error }, 'regional parameter values not refreshed')); }, REFRESH_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/params')) await refreshRegionalValues(database);
  });

  app.post('/api/params/proposals', { config: { permission: 'params.propose' },
    schema: {
      tags: ['params'], summary: '参数调整申请 Propose a dated value of a parameter for a region; it takes effect from its date once approved (sign-off kind params.regional_value)',
      body: Type.Object({
        path: ParameterPath, region: RegionCode, since: DateText,
        value: Type.String({ minLength: 1, maxLength: 2000, description: 'as the parameter files write it: 0.16 (rate), 1234.56 (money, yuan), 15 (integer), a text, or a table as {key: value, …}' }),
        reference: Type.String({ minLength: 2, maxLength: 500, description: 'the document it comes from (文号)' }),
        comment: Type.Optional(Type.String({ maxLength: 500 })),
      }, { additionalProperties: false }),
      response: { 201: ApprovalItem },
    },
  }, async (request, reply) => reply.status(201).send(await proposeRegionalValue(database, actor(request), request.body)));

  app.get('/api/params/approved', { config: { permission: 'settings.read' },
    schema: {
      tags: ['params'], summary: '参数调整记录 The values of a parameter set in the UI: who proposed and who approved each, newest first',
      querystring: Type.Object({ path: ParameterPath }),
      response: { 200: Items(RegionalValueApproval) },
    },
  }, async (request) => ({ items: await approvedValuesOf(database, actor(request), request.query.path) }));
}
