/** HTTP for the budget versions (/api/budget/versions): thin — validate, call the service, answer. */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { Id, Items, RegionCode, Year, Yuan } from '../../../platform/http/schemas.ts';
import { ReportFormatQuery, sendReport } from '../../../platform/reports/http.ts';
import {
  adjustLine, aggregateVersion, createVersion, diffVersions, getVersion, listVersions, returnVersion, setTarget, submitVersion,
} from './versions.service.ts';
import { versionReport } from './versions.report.ts';
import { Body, BudgetDiff, BudgetVersion, BudgetVersionSummary } from './versions.schemas.ts';

const tags = ['budget'];
const YearAndRegion = Body({ year: Year, region: RegionCode });
const VersionId = Type.Object({ id: Id }, { additionalProperties: false });
const Reason = Type.String({ minLength: 2, maxLength: 500 });

export async function versionRoutes(app: App) {
  const db = app.database;

  app.get('/api/budget/versions', { config: { permission: 'budget.read' },
    schema: { tags, summary: '预算版本列表 The versions of a region\'s budget for a year, newest first', querystring: Type.Object({ year: Year, region: RegionCode }, { additionalProperties: false }), response: { 200: Items(BudgetVersionSummary) } },
  }, async (request) => ({ items: await listVersions(db, actor(request), request.query) }));

  app.post('/api/budget/versions', { config: { permission: 'budget.draft' },
    schema: { tags, summary: '编制预算版本 Draft the region\'s budget from its ledger and keep its own fund tables as a new version (drafted)', body: YearAndRegion, response: { 200: BudgetVersion } },
  }, async (request) => createVersion(db, actor(request), request.body));

  app.post('/api/budget/versions/aggregate', { config: { permission: 'budget.draft' },
    schema: { tags, summary: '汇总预算 A new version summing the approved versions of the regions below and the region\'s own lines, exactly; the regions still missing in sources.missing', body: YearAndRegion, response: { 200: BudgetVersion } },
  }, async (request) => aggregateVersion(db, actor(request), request.body));

  app.get('/api/budget/versions/diff', { config: { permission: 'budget.read' },
    schema: { tags, summary: '预算版本比较 Two versions of one region and year compared line by line: the lines that differ', querystring: Type.Object({ from: Id, to: Id }, { additionalProperties: false }), response: { 200: BudgetDiff } },
  }, async (request) => diffVersions(db, actor(request), BigInt(request.query.from), BigInt(request.query.to)));

  app.get('/api/budget/versions/:id', { config: { permission: 'budget.read' },
    schema: {
      tags, summary: '预算版本 One version with its tables, lines, comments and targets; ?format=xlsx|csv|pdf in the standard layout (社预01, 社预02–08, 绩效目标)',
      params: VersionId, querystring: Type.Object({ ...ReportFormatQuery }, { additionalProperties: false }), response: { 200: BudgetVersion },
    },
  }, async (request, reply) => sendReport(reply, versionReport(await getVersion(db, actor(request), BigInt(request.params.id))), request.query.format));

  app.put('/api/budget/versions/:id/lines', { config: { permission: 'budget.draft' },
    schema: { tags, summary: '调整预算项目 Set a line of a drafted or returned version to a new amount, with a reason; its line and the totals follow', params: VersionId,
      body: Body({ fund: Type.String({ maxLength: 40 }), subject: Type.String({ maxLength: 80 }), amount: Yuan, reason: Reason }), response: { 200: BudgetVersion } },
  }, async (request) => adjustLine(db, actor(request), { versionId: BigInt(request.params.id), ...request.body }));

  app.put('/api/budget/versions/:id/targets', { config: { permission: 'budget.draft' },
    schema: { tags, summary: '设定绩效目标 Set a fund\'s performance target (财社〔2022〕65号) in a drafted or returned version, with a reason', params: VersionId,
      body: Body({ fund: Type.String({ maxLength: 40 }), indicator: Type.String({ maxLength: 60 }), value: Type.String({ maxLength: 14 }), reason: Reason }), response: { 200: BudgetVersion } },
  }, async (request) => setTarget(db, actor(request), { versionId: BigInt(request.params.id), ...request.body }));

  app.post('/api/budget/versions/:id/submit', { config: { permission: 'budget.draft' },
    schema: { tags, summary: '报送预算 Submit a drafted version to 复核 and 审批 (kind budget.version; the identities of every table checked first), or resubmit a returned one', params: VersionId,
      body: Type.Optional(Body({ comment: Type.Optional(Type.String({ maxLength: 1000 })) })), response: { 200: BudgetVersion } },
  }, async (request) => submitVersion(db, actor(request), BigInt(request.params.id), request.body?.comment));

  app.post('/api/budget/versions/:id/return', { config: { permission: ['budget.review', 'budget.approve'] },
    schema: { tags, summary: '退回预算 Return a submitted version to its drafter with a reason and comments per line (by the one who may decide its current level; never the drafter)', params: VersionId,
      body: Body({ reason: Type.String({ minLength: 1, maxLength: 1000 }), comments: Type.Optional(Type.Array(Body({ fund: Type.String({ maxLength: 40 }), subject: Type.String({ maxLength: 80 }), comment: Type.String({ minLength: 1, maxLength: 1000 }) }), { maxItems: 200 })) }),
      response: { 200: BudgetVersion } },
  }, async (request) => returnVersion(db, actor(request), BigInt(request.params.id), request.body));
}
