/**
 * HTTP for the parameters: read-only lookups for the UI and other systems (any signed-in user). Each answer
 * describes the parameter in the language of the request's Accept-Language (English when absent).
 */
import { Type } from '@sinclair/typebox';
import type { Language } from '../messages.ts';
import { requestLanguage, type App } from '../http/server.ts';
import { DateText as InputDate } from '../http/schemas.ts';
import { answerList } from '../http/lists.ts';
import { listQuery } from '../http/lists.schemas.ts';
import { ParameterHistory, ParameterList, ParameterLookup, ParameterPath } from './params.schemas.ts';
import { descriptionIn, getParameters, jsonValue, parameterPage, todayInChina, type ParameterListItem } from './params.store.ts';
import { parameterLine, parametersReport } from './params.report.ts';

const DateText = Type.String({ ...InputDate, description: `${InputDate.description}; default today (Beijing time)` });
/** Empty = national. */
const RegionCode = Type.String({ pattern: '^([0-9]{6})?$', description: 'GB/T 2260 region code; empty or absent = national' });

export async function paramsRoutes(app: App) {
  // Load now: broken parameter files stop the server at start, not at the first request.
  getParameters();

  app.get('/api/params', { config: { permission: 'settings.read' },
    schema: {
      tags: ['params'], summary: '政策参数 A parameter\'s value on a date (regional override if any)',
      querystring: Type.Object({ path: ParameterPath, region: Type.Optional(RegionCode), date: Type.Optional(DateText) }),
      response: { 200: ParameterLookup },
    },
  }, async (request) => {
    const { path, region, date } = request.query;
    const parameters = getParameters();
    const found = parameters.lookup(path, date ?? todayInChina(), region || null);
    return { ...found, description: descriptionIn(parameters.definition(path), requestLanguage(request)), value: jsonValue(found.value) };
  });

  app.get('/api/params/list', { config: { permission: 'settings.read' },
    schema: {
      tags: ['params'], summary: '参数一览 Parameters (path or description holding q) in path order with their value on a date; format=xlsx|csv for every match',
      querystring: Type.Object({
        region: Type.Optional(RegionCode), date: Type.Optional(DateText),
        q: Type.Optional(Type.String({ maxLength: 100, description: 'words of the path or of the description (Chinese or English), any case' })), ...listQuery(),
      }, { additionalProperties: false }),
      response: { 200: ParameterList },
    },
  }, async (request, reply) => {
    const { limit, after, offset, format, q } = request.query;
    const date = request.query.date ?? todayInChina();
    const region = request.query.region || null;
    const matching = (language: Language) => getParameters().list(date, region, language, q);
    const asJson = (item: ParameterListItem) => ({ ...item, value: jsonValue(item.value) });
    // the file is in Chinese, as every file the agency keeps; the page in the language asked for
    return answerList(reply, { limit, after, offset, format }, {
      defaultLimit: 200,
      page: async (page) => {
        const answer = parameterPage(matching(requestLanguage(request)), page);
        return { ...answer, items: answer.items.map(asJson) };
      },
      rows: async (page) => {
        const answer = parameterPage(matching('zh-CN'), page);
        return { items: answer.items.map(parameterLine), nextCursor: answer.nextCursor };
      },
      report: parametersReport({ date, region, q }),
    });
  });

  app.get('/api/params/history', { config: { permission: 'settings.read' },
    schema: {
      tags: ['params'], summary: '参数沿革 Every dated value of a parameter for a region',
      querystring: Type.Object({ path: ParameterPath, region: Type.Optional(RegionCode) }),
      response: { 200: ParameterHistory },
    },
  }, async (request) => {
    const history = getParameters().history(request.query.path, request.query.region || null, requestLanguage(request));
    return { ...history, values: history.values.map((entry) => ({ ...entry, value: jsonValue(entry.value) })) };
  });
}
