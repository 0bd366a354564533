/** 后台作业 the jobs of the server's job runner (billing runs, interest, sweeps): their progress, failures and retry. */
import { lazy } from 'react';
import { ScheduleOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';
import { messages } from './messages.ts';

export const webModule: WebModule = {
  name: 'jobs',
  routes: [{ path: '/jobs', page: lazy(() => import('./JobsPage.tsx')), permission: ['jobs.read'] }],
  menu: [{ order: 55, key: 'jobs', path: '/jobs', icon: ScheduleOutlined, permission: 'jobs.read' }],
  messages,
};
