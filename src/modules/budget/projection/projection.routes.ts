/** HTTP for the pension fund's projection (/api/budget/projection): thin — validate, call the service, answer. */
import { actor, requestLanguage, type App } from '../../../platform/http/server.ts';
import { render } from '../../../platform/messages.ts';
import { projectPension } from './projection.service.ts';
import { scenarioNames } from './projection.messages.ts';
import { BASELINE_SCENARIO, scenarioNamesInOrder } from './projection.scenarios.ts';
import { PensionProjection, ProjectionQuery, ProjectionScenarios } from './projection.schemas.ts';

const tags = ['budget'];

export async function projectionRoutes(app: App) {
  const db = app.database;

  app.get('/api/budget/projection', { config: { permission: 'budget.read' },
    schema: { tags, summary: '基金精算预测 The enterprise employees\' pension fund of the region\'s pool projected year by year under a scenario (cohorts, reform retirement ages, mortality, entrants, wages, indexation)', querystring: ProjectionQuery, response: { 200: PensionProjection } },
  }, async (request) => projectPension(db, actor(request), request.query, requestLanguage(request)));

  app.get('/api/budget/projection/scenarios', { config: { permission: 'budget.read' },
    schema: { tags, summary: '预测情景 The built-in scenarios, the baseline first', response: { 200: ProjectionScenarios } },
  }, async (request) => {
    const language = requestLanguage(request);
    return { baseline: BASELINE_SCENARIO, items: scenarioNamesInOrder.map((name) => ({ name, label: render(scenarioNames[name](), language) })) };
  });
}
