import { Type } from '@sinclair/typebox';
import { actor, SESSION_COOKIE, CSRF_COOKIE, type App } from '../http/server.ts';
import { AppError } from '../errors.ts';
import { roles } from '../actor.ts';
import {
  changePassword, createUser, deleteExpiredSessions, listUsers, login, logout, passwordChangeRequired, resetPassword, SESSION_HOURS,
  setUserStatus, currentUser, userRows,
} from './auth.service.ts';
import { userLine, usersReport } from './auth.report.ts';
import { answerList } from '../http/lists.ts';
import { listQuery } from '../http/lists.schemas.ts';
import { pruneThrottle } from './throttle.ts';
import { authMessages } from './auth.messages.ts';
import { Ok, RegionCode } from '../http/schemas.ts';
import { CurrentUser, LoginAnswer, PasswordChanged, UserList, UserView, UserWithPassword } from './auth.schemas.ts';

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

const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,19}$' }) });

const optionalId = (value: string | null | undefined) => (value ? BigInt(value) : null);

/** What a session whose password was reset may still call (everything else: 403 password_change_required). */
const ALLOWED_BEFORE_CHANGE = new Set(['GET /api/auth/me', 'POST /api/auth/password', 'POST /api/auth/logout']);
/** Expired sessions and old throttle windows are deleted on every sign-in and at this interval. */
const CLEANUP_INTERVAL_MS = 10 * 60_000;

export async function authRoutes(app: App) {
  // Runs after the server's sign-in hook (a parent context's hooks run first), for every route of this context.
  app.addHook('onRequest', async (request) => {
    if (!passwordChangeRequired(request.actor)) return;
    if (ALLOWED_BEFORE_CHANGE.has(`${request.method} ${request.routeOptions.url}`)) return;
    throw new AppError(403, 'password_change_required', authMessages.passwordChangeRequired());
  });

  const cleanup = setInterval(() => {
    Promise.all([deleteExpiredSessions(app.database), pruneThrottle(app.database)]).catch((error) => app.log.warn({ err: error }, 'session cleanup failed'));
  }, CLEANUP_INTERVAL_MS);
  cleanup.unref();
  app.addHook('onClose', async () => clearInterval(cleanup));

  app.post('/api/auth/login', {
    config: { permission: 'public' },
    schema: {
      tags: ['auth'], summary: '登录 Sign in', security: [],
      description: 'Failed attempts are throttled per address and per account (429), and five wrong passwords in a row lock the account for 15 minutes (423).',
      body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }) }),
      response: { 200: LoginAnswer },
    },
  }, async (request, reply) => {
    const session = await login(app.database, request.body.username, request.body.password, { ip: request.ip, requestId: request.id });
    // Secure when the request came over TLS, directly or through a trusted proxy (SIFUND_TRUST_PROXY).
    const secure = request.protocol === 'https';
    reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'strict', secure, maxAge: SESSION_HOURS * 3600 });
    reply.setCookie(CSRF_COOKIE, session.csrfToken, { path: '/', httpOnly: false, sameSite: 'strict', secure, maxAge: SESSION_HOURS * 3600 });
    return { user: session.user, csrfToken: session.csrfToken };
  });

  app.post('/api/auth/logout', { config: { permission: 'signed-in' }, schema: { tags: ['auth'], summary: '退出 Sign out', response: { 200: Ok } } }, async (request, reply) => {
    await logout(app.database, request.cookies[SESSION_COOKIE]!, actor(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/auth/me', { config: { permission: 'signed-in' }, schema: { tags: ['auth'], summary: '当前用户 The signed-in user, with the permissions it holds', response: { 200: CurrentUser } } }, async (request) => {
    return { ...(await currentUser(app.database, actor(request))), csrfToken: request.csrfToken };
  });

  app.post('/api/auth/password', {
    config: { permission: 'signed-in' },
    schema: {
      tags: ['auth'], summary: '修改密码 Change your password',
      description: 'The current password must be right (a wrong one counts as a failed sign-in); the new one needs 10 characters, a zxcvbn score of 3 and must not contain the username. Ends your other sessions.',
      body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      response: { 200: PasswordChanged },
    },
  }, async (request) => {
    const user = await changePassword(app.database, actor(request), request.cookies[SESSION_COOKIE]!, request.body.currentPassword, request.body.newPassword);
    return { ok: true, user };
  });

  app.get('/api/users', { config: { permission: 'user.manage' },
    schema: {
      tags: ['auth'], summary: '用户名单 Users by username or display-name prefix, role, region subtree and status, in username order; format=xlsx|csv for every match (no password field)',
      querystring: Type.Object({
        q: Type.Optional(Type.String({ maxLength: 64, description: 'the start of the username or the display name' })), role: Type.Optional(Type.Union(roles.map((role) => Type.Literal(role)))),
        region: Type.Optional(RegionCode), status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])), ...listQuery(),
      }, { additionalProperties: false }),
      response: { 200: UserList },
    },
  }, async (request, reply) => {
    const { limit, after, offset, format, ...filter } = request.query;
    const who = actor(request);
    return answerList(reply, { limit, after, offset, format }, {
      defaultLimit: 20,
      page: (page) => listUsers(app.database, who, filter, page),
      rows: async (page) => {
        const found = await userRows(app.database, who, filter, page);
        return { items: found.items.map(userLine), nextCursor: found.nextCursor };
      },
      report: usersReport(filter),
    });
  });

  app.post('/api/users', { config: { permission: 'user.manage' }, schema: { tags: ['auth'], summary: '新建用户 Create a user', body: UserBody, response: { 201: UserWithPassword } } }, async (request, reply) => {
    const body = request.body;
    const result = await createUser(app.database, actor(request), {
      ...body, agencyId: optionalId(body.agencyId), employerId: optionalId(body.employerId), personId: optionalId(body.personId),
    });
    return reply.status(201).send(result);
  });

  app.post('/api/users/:id/status', {
    config: { permission: 'user.manage' },
    schema: { tags: ['auth'], summary: '启用/停用用户 Enable or disable a user', params: IdParams, body: Type.Object({ status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]) }), response: { 200: UserView } },
  }, async (request) => setUserStatus(app.database, actor(request), BigInt(request.params.id), request.body.status));

  app.post('/api/users/:id/password', {
    config: { permission: 'user.manage' },
    schema: {
      tags: ['auth'], summary: '重置密码 Reset a user\'s password',
      description: 'Sets the given password or generates one (returned once as generatedPassword); the user must change it at the next sign-in. Ends the user\'s sessions and lifts a lockout.',
      params: IdParams,
      body: Type.Object({ password: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }, { additionalProperties: false }),
      response: { 200: UserWithPassword },
    },
  }, async (request) => resetPassword(app.database, actor(request), BigInt(request.params.id), request.body.password));
}
