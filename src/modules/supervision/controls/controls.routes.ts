/** HTTP for the risk-graded controls (/api/supervision/controls, /api/supervision/samples): the register and the monthly audit samples. */
import { actor, type App } from '../../../platform/http/server.ts';
import { controlRegister, listSamples, reviewSampledOperation, takeSample } from './controls.service.ts';
import { AuditSample, AuditSamples, ControlRegister, MonthQuery, ReviewBody, SampleBody, SampleParams, SamplesQuery } from './controls.schemas.ts';

const tags = ['supervision'];

export async function controlsRoutes(app: App) {
  const db = app.database;

  app.get('/api/supervision/controls', { config: { permission: 'supervision.read' },
    schema: {
      tags, summary: '风险控制点 The control points by risk grade: what each grade requires, the levels, how often each fired and was sampled in the month (default this month)',
      querystring: MonthQuery, response: { 200: ControlRegister },
    },
  }, async (request) => controlRegister(db, actor(request), { month: request.query.month }));

  app.get('/api/supervision/samples', { config: { permission: 'supervision.read' },
    schema: { tags, summary: '稽核抽样 The audit samples of a month in scope, with the operations each drew', querystring: SamplesQuery, response: { 200: AuditSamples } },
  }, async (request) => listSamples(db, actor(request), { month: request.query.month }));

  app.post('/api/supervision/samples', { config: { permission: 'supervision.run' },
    schema: {
      tags, summary: '稽核抽样 Draw the month\'s sample of high-risk operations (seed default the month as a number, size default supervision.sample_size); the same month, seed, size and region answer the sample taken before',
      body: SampleBody, response: { 200: AuditSample },
    },
  }, async (request) => takeSample(db, actor(request), request.body));

  app.post('/api/supervision/samples/:id/reviews', { config: { permission: 'supervision.case' },
    schema: {
      tags, summary: '抽样核查 Record the review of one sampled operation: conforming, or irregular with a note; once per operation, never by its submitter or signers',
      params: SampleParams, body: ReviewBody, response: { 200: AuditSample },
    },
  }, async (request) => reviewSampledOperation(db, actor(request), { sampleId: request.params.id, ...request.body }));
}
