/** 政策参数 the dated policy parameters. */
import { lazy } from 'react';
import { ControlOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';
import { messages } from './messages.ts';

export const webModule: WebModule = {
  name: 'params',
  routes: [{ path: '/params', page: lazy(() => import('./ParamsPage.tsx')), permission: ['settings.read'] }],
  menu: [{ order: 50, key: 'params', path: '/params', icon: ControlOutlined, permission: 'settings.read' }],
  messages,
};
