/** Answers of the sign-in, session and user routes (auth.routes.ts). TypeBox only: the web imports their types. */
import { Type } from '@sinclair/typebox';
import { IdText, Nullable } from '../http/schemas.ts';
import { ListAnswer } from '../http/lists.schemas.ts';

/** A user account as the API shows it (never its password hash). */
export const UserView = Type.Object({
  id: IdText, username: Type.String(), displayName: Type.String(), role: Type.String({ description: 'one of the roles of src/platform/actor.ts' }),
  regionCode: Nullable(Type.String()), agencyId: Nullable(IdText), employerId: Nullable(IdText), personId: Nullable(IdText),
  status: Type.String({ description: 'active or disabled' }), mustChangePassword: Type.Boolean(),
});

/** 用户名单: a page of the accounts that match, with their count and the next page's cursor. */
export const UserList = ListAnswer(UserView);

/** The signed-in user (/api/auth/me): the account, its region's name, the permissions it holds, the CSRF token. */
export const CurrentUser = Type.Object({
  ...UserView.properties,
  regionName: Type.String({ description: '全国 when the account has no region' }),
  permissions: Type.Array(Type.String(), { description: 'the permission matrix row of the role' }),
  csrfToken: Type.Optional(Type.String()),
});

export const LoginAnswer = Type.Object({ user: UserView, csrfToken: Type.String() });
export const PasswordChanged = Type.Object({ ok: Type.Boolean(), user: UserView });
/** A created or reset account; `generatedPassword` only when the server chose it (shown once). */
export const UserWithPassword = Type.Object({ user: UserView, generatedPassword: Type.Optional(Type.String()) });
