/** 审计日志 the audit trail and the sign-in log. */
import { lazy } from 'react';
import { AuditOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';
import { messages } from './messages.ts';

export const webModule: WebModule = {
  name: 'audit',
  routes: [{ path: '/audit', page: lazy(() => import('./AuditPage.tsx')), permission: ['audit.read'] }],
  menu: [{ order: 60, key: 'audit', path: '/audit', icon: AuditOutlined, permission: 'audit.read' }],
  messages,
};
