/** HTTP for the pension record: GET /api/pension/record, what the quote page fills from (permission as the quote's). */
import { actor, type App } from '../../../platform/http/server.ts';
import { PensionRecord, PensionRecordQuery } from './record.schemas.ts';
import { pensionRecordView } from './record.service.ts';

export async function pensionRecordRoutes(app: App) {
  app.get('/api/pension/record', { config: { permission: 'benefits.read' },
    schema: { tags: ['benefits'], summary: '养老保险参保缴费记录 The person\'s pension record for a retirement date: months paid in sifund, the average contribution index, the individual account balance, with their sources; the quote\'s history once the months and balance from outside sifund are added', querystring: PensionRecordQuery, response: { 200: PensionRecord } },
  }, async (request) => pensionRecordView(app.database, actor(request), request.query));
}
