/**
 * The HTTP server: Fastify with TypeBox schemas, OpenAPI at /api/docs, cookie sessions with double-submit CSRF,
 * one error shape, and the built web UI (web/dist) served at /.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { DatabaseHandle } from '../database.ts';
import { projectRoot, type Config } from '../config.ts';
import { AppError, conflict, forbidden, invalid, unauthorized } from '../errors.ts';
import { defineMessages, languageOf, type Language, type Said } from '../messages.ts';
import { schemaProblem } from './validation.ts';
import type { Actor } from '../actor.ts';
import { isPermission, requireAnyPermission, type Permission } from '../access/permissions.ts';
import { actorOf, sessionUser } from '../auth/auth.service.ts';
import { authRoutes } from '../auth/auth.routes.ts';
import { auditRoutes } from '../audit/audit.routes.ts';
import { importRecordRoutes } from '../imports/imports.routes.ts';
import { jobRoutes } from '../jobs/jobs.routes.ts';
import { logRequest } from '../personal-data.ts';
import { inputChecks, refuseNulBytes } from './input-checks.ts';
import { checkResponsesAgainstPayloads } from './response-check.ts';
import { closePdfBrowser } from '../reports/pdf.ts';
import { startJobWorker, type JobWorker, type JobWorkerOptions } from '../jobs/jobs.worker.ts';

export const SESSION_COOKIE = 'sifund_session';
export const CSRF_COOKIE = 'sifund_csrf';
export const version = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).version as string;

declare module 'fastify' {
  interface FastifyRequest { actor?: Actor; csrfToken?: string }
  interface FastifyInstance { database: DatabaseHandle; config: Config; jobs: { nudge(): Promise<void> } }
  interface FastifyContextConfig {
    /**
     * The permission the route needs (checked before the handler runs), or 'public' (no sign-in), or
     * 'signed-in' (any signed-in user; the service decides, e.g. one's own record). Every /api route declares one.
     */
    permission?: Permission | readonly Permission[] | 'public' | 'signed-in';
  }
}

export type App = FastifyInstance<any, any, any, any, TypeBoxTypeProvider>;

/** The signed-in actor of a request (the auth hook has already refused anonymous requests). */
export function actor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}


/** The language a request asks its answers in (Accept-Language; English when absent). */
export function requestLanguage(request: FastifyRequest): Language {
  return languageOf(request.headers['accept-language']);
}

/** Every /api route's declared permission, collected as routes are added (a test checks none is missing). */
export const declaredPermissions = new Map<string, Permission | readonly Permission[] | 'public' | 'signed-in' | undefined>();

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Postgres errors caused by the input become 4xx with our own words (never PostgreSQL's message or detail, which
 * quote the values and the internals), naming the column when PostgreSQL tells it; everything else stays a 500.
 * The schemas (./schemas.ts) refuse such input first; these are the last line.
 */
const said = defineMessages('server', {
  alreadyExists: ['已存在（{constraint}）', 'already exists ({constraint})'],
  missingReference: ['引用的对象不存在（{constraint}）', 'refers to something that does not exist ({constraint})'],
  insufficientBalance: ['银行账户余额不足（收入户/财政专户/支出户）：{detail}', 'the bank account\'s balance is not enough: {detail}'],
  violatesRule: ['违反规则 {constraint}', 'violates rule {constraint}'],
  required: ['必填', 'is required'],
  textTooLong: ['文本超过数据库可存储的长度', 'a text is longer than the database stores'],
  numberOutOfRange: ['数值超出范围', 'a number is out of range'],
  badDateTime: ['日期或时间格式错误或超出范围', 'a date or time is malformed or out of range'],
  badForm: ['值的形式不正确（应为数字、日期或编号）', 'a value is not of the expected form (number, date or id)'],
  badCharacter: ['文本含有数据库无法存储的字符（空字符或无效 Unicode）', 'a text holds a character the database cannot store (a NUL byte or invalid Unicode)'],
  outsideScope: ['超出您的数据范围或不被允许', 'outside your data scope or not allowed'],
  sessionExpired: ['会话已过期，请重新登录', 'session expired, sign in again'],
  malformedOrigin: ['请求的 Origin 头格式错误，已拒绝', 'malformed Origin header refused'],
  crossOrigin: ['来自 {origin} 的跨站请求已拒绝', 'cross-origin request from {origin} refused'],
  csrfToken: ['缺少或错误的 x-csrf-token 请求头（须与 sifund_csrf cookie 一致）', 'missing or wrong x-csrf-token header (it must echo the sifund_csrf cookie)'],
  noPermissionDeclared: ['接口 {route} 未声明权限', 'route {route} declares no permission'],
  connectionLost: ['数据库连接中断，请稍后重试', 'the database connection was interrupted; try again'],
  internal: ['系统内部错误，请求编号 {requestId}', 'internal error; the request id is {requestId}'],
  noRoute: ['没有此接口：{method} {path}', 'no route {method} {path}'],
  webNotBuilt: ['没有此页面：{method} {path}（网页界面尚未构建：请运行 npm run build:web）', 'no route {method} {path} (web UI not built: run npm run build:web)'],
});

/**
 * Postgres errors caused by the input become 4xx with our own words (never PostgreSQL's message or detail, which
 * quote the values and the internals), naming the column when PostgreSQL tells it; everything else stays a 500.
 * The schemas (./schemas.ts) refuse such input first; these are the last line.
 */
function fromDatabaseError(error: { code?: string; constraint?: string; detail?: string; column?: string; message: string }): AppError | undefined {
  const keyColumns = /^Key \(([^)]*)\)=/.exec(error.detail ?? '')?.[1];
  const field = error.column ?? keyColumns;
  const refused = (problem: Said) => (field ? invalid(field, problem) : new AppError(400, 'invalid', problem));
  switch (error.code) {
    case '23505': {
      const problem = said.alreadyExists({ constraint: error.constraint ?? 'unique' });
      return field ? conflict(field, invalid(field, problem).said) : new AppError(409, 'conflict', problem);
    }
    case '23503': return refused(said.missingReference({ constraint: error.constraint ?? 'foreign key' }));
    // A fund bank account may not go below zero (0011): the database names the account and the balance it would leave.
    case '23514': return error.constraint === 'bank_balance_not_negative'
      ? new AppError(409, 'insufficient_balance', said.insufficientBalance({ detail: error.message }))
      : refused(said.violatesRule({ constraint: error.constraint ?? 'check' }));
    case '23502': return refused(said.required());
    case '22001': return refused(said.textTooLong());
    case '22003': return refused(said.numberOutOfRange());
    case '22007': case '22008': return refused(said.badDateTime());
    case '22P02': return refused(said.badForm());
    case '22021': case '22P05': return refused(said.badCharacter());
    case '42501': return forbidden(said.outsideScope());
    default: return undefined;
  }
}

/**
 * The database connection was lost (a restart, a failover, pg_terminate_backend) or cannot be made: the request
 * failed, the server did not. pg.Pool drops the dead client and connects anew for the next request.
 */
const CONNECTION_LOST_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
export function isConnectionLoss(error: { code?: unknown; message?: unknown }): boolean {
  if (typeof error?.code === 'string' && CONNECTION_LOST_CODES.has(error.code)) return true;
  return typeof error?.message === 'string'
    && /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect/.test(error.message);
}

export type RoutePlugin = (app: App) => void | Promise<void>;

export interface ServerOptions {
  /** The job worker's schedules and timings (src/platform/jobs/jobs.worker.ts); it resumes unfinished jobs either way. */
  jobs?: JobWorkerOptions;
  /** Tests: fail an answer that its response schema changed (./response-check.ts). */
  checkResponses?: boolean;
}

export async function buildServer(config: Config, database: DatabaseHandle, plugins: RoutePlugin[] = [], options: ServerOptions = {}): Promise<App> {
  // Fastify and its plugins load when a server is built, not with every command that imports this file (they were
  // ~0.1 s of each CLI start).
  const [{ default: Fastify }, { default: cookie }, { default: helmet }, { default: multipart }, { default: swagger }, { default: swaggerUi }, { default: fastifyStatic }] = await Promise.all([
    import('fastify'), import('@fastify/cookie'), import('@fastify/helmet'), import('@fastify/multipart'), import('@fastify/swagger'), import('@fastify/swagger-ui'), import('@fastify/static'),
  ]);
  const app = Fastify({
    // ID numbers searched for (/api/persons?q=…) never reach the log (src/platform/personal-data.ts).
    logger: { level: config.logLevel, serializers: { req: logRequest } },
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 50 * 1024 * 1024,
    // inputChecks: the x-check keyword of ./schemas.ts (./input-checks.ts) (dates, months and years in range, amounts in yuan).
    ajv: { customOptions: { allErrors: false, coerceTypes: 'array', removeAdditional: false }, plugins: [inputChecks] },
    // Only trusted proxies' X-Forwarded-For / -Proto count (request.ip for the sign-in throttle, request.protocol
    // for Secure cookies): SIFUND_TRUST_PROXY.
    trustProxy: config.trustProxy,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate('database', database);
  app.decorate('config', config);
  // A pooled connection that dies while idle (database restart, failover) is dropped by the pool and logged here.
  const onPoolError = (error: Error) => app.log.warn({ err: error }, 'database connection lost; the pool reconnects on demand');
  database.pool.on('error', onPoolError);
  app.addHook('onClose', async () => { database.pool.removeListener('error', onPoolError); });
  // The PDF renderer's Chromium, if a report was printed: closed with the server.
  app.addHook('onClose', closePdfBrowser);
  // The job runner's worker: from ready on it resumes unfinished jobs (a killed CLI's, a crashed server's, those
  // queued by requests) and runs the schedules; on close it ends each job after its chunk and releases the lease.
  let worker: JobWorker | undefined;
  app.decorate('jobs', { nudge: () => worker?.nudge() ?? Promise.resolve() });
  app.addHook('onReady', async () => { worker = startJobWorker(database, app.log, options.jobs); });
  app.addHook('onClose', async () => { await worker?.stop(); });
  // While closing (SIGTERM), a response to a request in flight ends its keep-alive connection: the close waits for
  // every connection, and an idle keep-alive one would hold it until the client's timeout.
  let closing = false;
  app.addHook('preClose', async () => { closing = true; });
  app.addHook('onSend', async (_request, reply) => { if (closing) reply.header('connection', 'close'); });
  // A NUL byte in a query, path or body field is a 400 naming it (PostgreSQL cannot store one in text).
  app.addHook('preValidation', refuseNulBytes);
  if (options.checkResponses) checkResponsesAgainstPayloads(app);

  // Security headers on every response, the 404 page included. The CSP fits the built React/antd UI (antd and
  // ECharts set inline styles, nothing runs inline scripts) and the Swagger UI at /api/docs (external scripts,
  // inline styles, data: images); no upgrade-insecure-requests, since sifund is also served over plain http.
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], scriptSrcAttr: ["'none'"], styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'], fontSrc: ["'self'", 'data:'], connectSrc: ["'self'"], workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"], baseUri: ["'self'"], formAction: ["'self'"], frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    hsts: { maxAge: 31536000, includeSubDomains: false },
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 200 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'sifund API', version, description: '社会保险基金管理 — social insurance fund management' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const permission = route.config?.permission;
    const named = permission === undefined || permission === 'public' || permission === 'signed-in' ? [] : [permission].flat();
    for (const name of named) if (!isPermission(name)) {
      throw new Error(`route ${route.method} ${route.url} declares an unknown permission ${name}`);
    }
    for (const method of [route.method].flat()) if (method !== 'HEAD') declaredPermissions.set(`${method} ${route.url}`, permission);
  });

  app.addHook('onRequest', async (request) => {
    const url = request.url.split('?')[0];
    if (!url.startsWith('/api/') || url.startsWith('/api/docs') || request.is404) return;
    const permission = request.routeOptions.config?.permission;
    if (permission === 'public') return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw unauthorized();
    const row = await sessionUser(database, token);
    if (!row) throw unauthorized(said.sessionExpired());
    request.actor = actorOf(row, request.id);
    request.csrfToken = row.csrf_token;
    if (STATE_CHANGING.has(request.method)) {
      // CSRF: the session cookie is SameSite=Strict; a request from another origin is refused by its Origin
      // header; a token that is sent must echo the sifund_csrf cookie and belong to the session (double submit);
      // and the body types a cross-site HTML form can send (form, multipart, text) always need the token.
      // JSON bodies cannot be sent cross-origin without a CORS preflight, which this server never grants.
      const origin = request.headers.origin;
      if (origin && origin !== 'null') {
        let originHost = '';
        try { originHost = new URL(origin).host; } catch { /* not a URL: refused below */ }
        if (originHost === '') throw new AppError(403, 'csrf', said.malformedOrigin());
        if (originHost !== request.headers.host) throw new AppError(403, 'csrf', said.crossOrigin({ origin }));
      }
      const header = request.headers['x-csrf-token'];
      const token = typeof header === 'string' && header !== '' ? header : undefined;
      const formLike = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)/i.test(request.headers['content-type'] ?? '');
      if ((token !== undefined || formLike) && (token !== request.cookies[CSRF_COOKIE] || token !== row.csrf_token)) {
        throw new AppError(403, 'csrf', said.csrfToken());
      }
    }
    // A route without a declared permission is refused (and fails the route-permission test).
    if (permission === undefined) throw forbidden(said.noPermissionDeclared({ route: `${request.method} ${request.routeOptions.url}` }));
    if (permission !== 'signed-in') requireAnyPermission(request.actor, [permission].flat());
  });

  app.setErrorHandler((error: any, request, reply) => {
    const language = requestLanguage(request);
    let appError: AppError | undefined;
    if (error instanceof AppError) appError = error;
    else if (isConnectionLoss(error)) {
      request.log.warn({ err: error }, 'database connection lost; the request failed and the pool reconnects');
      appError = new AppError(503, 'unavailable', said.connectionLost());
      reply.header('retry-after', '1');
    } else if (error.validation) {
      const { field, said: problem } = schemaProblem(error.validation[0], error.validationContext);
      appError = invalid(field, problem);
    } else if (error.code && typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code)) appError = fromDatabaseError(error);
    else if (error.statusCode && error.statusCode < 500) appError = new AppError(error.statusCode, error.code ?? 'bad_request', error.message);
    if (appError) return reply.status(appError.status).send(appError.toJSON(language));
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(new AppError(500, 'internal', said.internal({ requestId: request.id })).toJSON(language));
  });

  app.get('/api/health', {
    config: { permission: 'public' },
    schema: { tags: ['platform'], response: { 200: Type.Object({ status: Type.String(), database: Type.String(), version: Type.String() }) } },
  }, async () => {
    await database.pool.query('select 1');
    return { status: 'ok', database: database.mode, version };
  });

  await app.register(async (api) => { await authRoutes(api as App); await auditRoutes(api as App); await importRecordRoutes(api as App); await jobRoutes(api as App); for (const plugin of plugins) await plugin(api as App); });

  const webRoot = path.join(projectRoot, 'web', 'dist');
  if (fs.existsSync(path.join(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: true });
    app.setNotFoundHandler((request, reply) => {
      if (request.url.startsWith('/api/') || request.method !== 'GET' || /\.[a-z0-9]+$/i.test(request.url.split('?')[0])) {
        return reply.status(404).send(new AppError(404, 'not_found', said.noRoute({ method: request.method, path: request.url.split('?')[0] })).toJSON(requestLanguage(request)));
      }
      return reply.sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((request, reply) => {
      const route = { method: request.method, path: request.url.split('?')[0] };
      const message = request.url.startsWith('/api/') ? said.noRoute(route) : said.webNotBuilt(route);
      return reply.status(404).send(new AppError(404, 'not_found', message).toJSON(requestLanguage(request)));
    });
  }
  return app;
}
