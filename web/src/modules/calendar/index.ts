/** 节假日安排 the State Council's holiday arrangements that move due dates (src/platform/calendar). */
import { lazy } from 'react';
import { CalendarOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';
import { messages } from './messages.ts';

export const webModule: WebModule = {
  name: 'calendar',
  // any signed-in user may read it (GET /api/calendar/holidays): the notice is public
  routes: [{ path: '/holidays', page: lazy(() => import('./HolidaysPage.tsx')) }],
  menu: [{ section: 'admin', order: 40, key: 'holidays', path: '/holidays', icon: CalendarOutlined }],
  messages,
};
