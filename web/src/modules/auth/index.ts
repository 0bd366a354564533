/** Sign-in and the user's own password. */
import { lazy } from 'react';
import type { WebModule } from '../../platform/module.ts';
import { messages } from './messages.ts';

export const webModule: WebModule = {
  name: 'auth',
  routes: [
    { path: '/login', page: lazy(() => import('./LoginPage.tsx')), public: true },
    { path: '/account/password', page: lazy(() => import('./ChangePasswordPage.tsx')), title: 'header.changePassword' },
  ],
  messages,
};
