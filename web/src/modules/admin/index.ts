/** 系统管理 administration: regions, agencies, users. */
import { lazy } from 'react';
import { SettingOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';
import { messages } from './messages.ts';

export const webModule: WebModule = {
  name: 'admin',
  routes: [
    { path: '/admin', redirect: '/admin/regions' },
    { path: '/admin/regions', page: lazy(() => import('./RegionsPage.tsx')), permission: ['registry.read'] },
    { path: '/admin/agencies', page: lazy(() => import('./AgenciesPage.tsx')), permission: ['registry.read'] },
    { path: '/admin/users', page: lazy(() => import('./UsersPage.tsx')), permission: ['user.manage'] },
  ],
  menuSections: [{ key: 'admin', order: 80, label: 'menu.admin', icon: SettingOutlined, audience: 'staff', open: 'always' }],
  menu: [
    { section: 'admin', order: 10, key: 'regions', path: '/admin/regions', permission: 'region.manage' },
    { section: 'admin', order: 20, key: 'agencies', path: '/admin/agencies', permission: 'agency.manage' },
    { section: 'admin', order: 30, key: 'users', path: '/admin/users', permission: 'user.manage' },
  ],
  messages,
};
