/**
 * HTTP for the parameters: read-only lookups for the UI and other systems (any signed-in user). Each answer
 * describes the parameter in the language of the request's Accept-Language (English when absent).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { languageOf } from '../messages.ts';
import type { App } from '../http/server.ts';
import { DateText as InputDate, Items } from '../http/schemas.ts';
import { ParameterHistory, ParameterListItem, ParameterLookup } from './params.schemas.ts';
import { descriptionIn, getParameters, jsonValue, todayInChina } from './params.store.ts';

const ParameterPath = Type.String({ pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$', maxLength: 200, description: 'e.g. contribution.pension.employer_rate' });
const DateText = Type.String({ ...InputDate, description: `${InputDate.description}; default today (Beijing time)` });
/** Empty = national. */
const RegionCode = Type.String({ pattern: '^([0-9]{6})?$', description: 'GB/T 2260 region code; empty or absent = national' });
const languageOfRequest = (request: FastifyRequest) => languageOf(request.headers['accept-language']);

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
    return { ...found, description: descriptionIn(parameters.definition(path), languageOfRequest(request)), value: jsonValue(found.value) };
  });

  app.get('/api/params/list', { config: { permission: 'settings.read' },
    schema: {
      tags: ['params'], summary: '参数一览 Every parameter with its value on a date',
      querystring: Type.Object({ region: Type.Optional(RegionCode), date: Type.Optional(DateText) }),
      response: { 200: Items(ParameterListItem) },
    },
  }, async (request) => {
    const items = getParameters().list(request.query.date ?? todayInChina(), request.query.region || null, languageOfRequest(request));
    return { items: items.map((item) => ({ ...item, value: jsonValue(item.value) })) };
  });

  app.get('/api/params/history', { config: { permission: 'settings.read' },
    schema: {
      tags: ['params'], summary: '参数沿革 Every dated value of a parameter for a region',
      querystring: Type.Object({ path: ParameterPath, region: Type.Optional(RegionCode) }),
      response: { 200: ParameterHistory },
    },
  }, async (request) => {
    const history = getParameters().history(request.query.path, request.query.region || null, languageOfRequest(request));
    return { ...history, values: history.values.map((entry) => ({ ...entry, value: jsonValue(entry.value) })) };
  });
}
