/** HTTP for the inspections (/api/supervision): import the data compared, start a detection run, read the findings. */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../platform/http/server.ts';
import { listQuery } from '../../platform/http/lists.schemas.ts';
import { uploadedFile } from '../../platform/imports/index.ts';
import { Job } from '../../platform/jobs/jobs.schemas.ts';
import { importClaimDetails, importTaxWages } from './external-data.service.ts';
import { checkFindingStatus, listFindings, ruleCatalog, startDetection } from './detection.service.ts';
import { ClaimImport, DetectionRuleView, FindingList, FindingStatusValue, RunBody, TaxWageImport } from './supervision.schemas.ts';

const tags = ['supervision'];
const encodingQuery = Type.Object({ encoding: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: false });

export async function supervisionRoutes(app: App) {
  const db = app.database;

  app.post('/api/supervision/imports/tax-wages', { config: { permission: 'supervision.import' },
    schema: {
      tags, consumes: ['multipart/form-data'], querystring: encodingQuery, response: { 200: TaxWageImport },
      summary: '税务工资数据导入 Import the wages employers declared to the tax bureau (period,creditCode,idNumber,wage): all rows or none',
    },
  }, async (request) => importTaxWages(db, actor(request), await uploadedFile(request, request.query)));

  app.post('/api/supervision/imports/claims', { config: { permission: 'supervision.import' },
    schema: {
      tags, consumes: ['multipart/form-data'], querystring: encodingQuery, response: { 200: ClaimImport },
      summary: '医保结算明细导入 Import medical claim details (claimId,institution,idNumber,admitted,discharged,item,quantity,amount): all rows or none',
    },
  }, async (request) => importClaimDetails(db, actor(request), await uploadedFile(request, request.query)));

  app.get('/api/supervision/rules', { config: { permission: 'supervision.read' },
    schema: { tags, summary: '稽核规则 The detection rules with their legal basis and parameters', response: { 200: Type.Array(DetectionRuleView) } },
  }, async () => ruleCatalog());

  app.post('/api/supervision/runs', { config: { permission: 'supervision.run' },
    schema: { tags, summary: '稽核规则运行 Start a detection run (a job, kind supervision.detection, one chunk per rule); progress at GET /api/jobs/:id', body: RunBody, response: { 202: Job } },
  }, async (request, reply) => reply.code(202).send(await startDetection(db, actor(request), { rule: request.body.rule })));

  app.get('/api/supervision/findings', { config: { permission: 'supervision.read' },
    schema: {
      tags, summary: '稽核疑点 Findings of the detection rules in scope, with their evidence and legal basis',
      querystring: Type.Object({ ...listQuery(), rule: Type.Optional(Type.String({ maxLength: 60 })), status: Type.Optional(FindingStatusValue) }, { additionalProperties: false }),
      response: { 200: FindingList },
    },
  }, async (request) => listFindings(db, actor(request), { rule: request.query.rule, status: checkFindingStatus(request.query.status) },
    { limit: request.query.limit ?? 50, after: request.query.after, offset: request.query.offset }));
}
