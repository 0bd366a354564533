import { Type } from '@sinclair/typebox';
import { AppError } from '../errors.ts';
import { actor, requireRole, SESSION_COOKIE, CSRF_COOKIE, type App } from '../http/server.ts';
import { roles } from '../actor.ts';
import { createUser, listUsers, login, logout, SESSION_HOURS, setUserStatus, userView } from './auth.service.ts';

/** Per-address throttle in front of the per-account lockout: at most this many failures per window. */
const ADDRESS_FAILURES_PER_WINDOW = 30;
const ADDRESS_WINDOW_MS = 15 * 60_000;
const failuresByAddress = new Map<string, number[]>();

const UserBody = Type.Object({
  username: Type.String({ minLength: 3, maxLength: 64 }),
  displayName: Type.String({ minLength: 1, maxLength: 100 }),
  password: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  role: Type.Union(roles.map((role) => Type.Literal(role))),
  regionCode: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]{6}$' }), Type.Null()])),
  agencyId: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]+$' }), Type.Null()])),
  employerId: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]+$' }), Type.Null()])),
  personId: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]+$' }), Type.Null()])),
}, { additionalProperties: false });

const optionalId = (value: string | null | undefined) => (value ? BigInt(value) : null);

export async function authRoutes(app: App) {
  app.post('/api/auth/login', {
    schema: { tags: ['auth'], summary: '登录 Sign in', security: [], body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }) }) },
  }, async (request, reply) => {
    const now = Date.now();
    const recent = (failuresByAddress.get(request.ip) ?? []).filter((at) => now - at < ADDRESS_WINDOW_MS);
    if (recent.length >= ADDRESS_FAILURES_PER_WINDOW) throw new AppError(429, 'throttled', 'too many failed sign-ins from this address; wait 15 minutes');
    try {
      const session = await login(app.database, request.body.username, request.body.password, request.id);
      failuresByAddress.delete(request.ip);
      const secure = request.protocol === 'https';
      reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'strict', secure, maxAge: SESSION_HOURS * 3600 });
      reply.setCookie(CSRF_COOKIE, session.csrfToken, { path: '/', httpOnly: false, sameSite: 'strict', secure, maxAge: SESSION_HOURS * 3600 });
      return { user: session.user, csrfToken: session.csrfToken };
    } catch (error) {
      if (error instanceof AppError && error.status === 401) failuresByAddress.set(request.ip, [...recent, now]);
      throw error;
    }
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: '退出 Sign out' } }, async (request, reply) => {
    await logout(app.database, request.cookies[SESSION_COOKIE]!, actor(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'], summary: '当前用户 The signed-in user' } }, async (request) => {
    const who = actor(request);
    const row = await app.database.db.selectFrom('app_user').selectAll().where('id', '=', who.userId!).executeTakeFirstOrThrow();
    const region = row.region_code ? await app.database.db.selectFrom('region').select('name').where('code', '=', row.region_code).executeTakeFirst() : undefined;
    return { ...userView(row), regionName: region?.name ?? '全国', csrfToken: request.csrfToken };
  });

  app.get('/api/users', { schema: { tags: ['auth'], summary: '用户列表 Users' } }, async (request) => {
    requireRole(request);
    return { items: await listUsers(app.database) };
  });

  app.post('/api/users', { schema: { tags: ['auth'], summary: '新建用户 Create a user', body: UserBody } }, async (request, reply) => {
    const body = request.body;
    const result = await createUser(app.database, requireRole(request), {
      ...body, agencyId: optionalId(body.agencyId), employerId: optionalId(body.employerId), personId: optionalId(body.personId),
    });
    return reply.status(201).send(result);
  });

  app.post('/api/users/:id/status', {
    schema: { tags: ['auth'], summary: '启用/停用用户 Enable or disable a user', params: Type.Object({ id: Type.String({ pattern: '^[0-9]+$' }) }), body: Type.Object({ status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]) }) },
  }, async (request) => setUserStatus(app.database, requireRole(request), BigInt(request.params.id), request.body.status));
}
