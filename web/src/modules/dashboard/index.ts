/** 首页 the staff dashboard (portal accounts land on their portal instead: see the portal module's `landing`). */
import { lazy } from 'react';
import { HomeOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';
import { messages } from './messages.ts';

export const webModule: WebModule = {
  name: 'dashboard',
  routes: [{ path: '/', page: lazy(() => import('./DashboardPage.tsx')) }],
  menu: [{ order: 10, key: 'dashboard', path: '/', icon: HomeOutlined }],
  messages,
};
