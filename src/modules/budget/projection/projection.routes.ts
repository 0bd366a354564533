/** HTTP for the pension fund's projection (/api/budget/projection) and its scenarios: thin — validate, call the service, answer. */
import { Type } from '@sinclair/typebox';
import { actor, requestLanguage, type App } from '../../../platform/http/server.ts';
import { Id } from '../../../platform/http/schemas.ts';
import { projectPension } from './projection.service.ts';
import { archiveScenario, listScenarios, saveScenario } from './projection-scenarios.service.ts';
import { ArchivedScenario, PensionProjection, ProjectionQuery, ProjectionScenarios, SavedScenario, ScenarioBody, ScenariosQuery } from './projection.schemas.ts';

const tags = ['budget'];

export async function projectionRoutes(app: App) {
  const db = app.database;

  app.get('/api/budget/projection', { config: { permission: 'budget.read' },
    schema: { tags, summary: '基金精算预测 The enterprise employees\' pension fund of the region\'s pool projected year by year under a scenario (cohorts, reform retirement ages, mortality, entrants, wages, indexation)', querystring: ProjectionQuery, response: { 200: PensionProjection } },
  }, async (request) => projectPension(db, actor(request), request.query, requestLanguage(request)));

  app.get('/api/budget/projection/scenarios', { config: { permission: 'budget.read' },
    schema: { tags, summary: '预测情景 The built-in scenarios, the baseline first, then — given a region — its pension pool\'s saved ones', querystring: ScenariosQuery, response: { 200: ProjectionScenarios } },
  }, async (request) => listScenarios(db, actor(request), request.query, requestLanguage(request)));

  app.post('/api/budget/projection/scenarios', { config: { permission: 'budget.scenario' },
    schema: { tags, summary: '保存精算情景 Save a pension pool\'s own scenario: a name, a label and the assumptions it replaces; never edited, archived instead', body: ScenarioBody, response: { 200: SavedScenario } },
  }, async (request) => saveScenario(db, actor(request), request.body));

  app.post('/api/budget/projection/scenarios/:id/archive', { config: { permission: 'budget.scenario' },
    schema: { tags, summary: '归档精算情景 Archive a saved scenario: it leaves the list and is no longer projected under; its name stays taken', params: Type.Object({ id: Id }), response: { 200: ArchivedScenario } },
  }, async (request) => archiveScenario(db, actor(request), BigInt(request.params.id)));
}
