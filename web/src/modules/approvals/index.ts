/** 待办 the sign-off inbox: every item waiting for a decision, of every kind, and one item's levels and timeline. */
import { lazy } from 'react';
import { CheckSquareOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';
import { InboxBadge } from './InboxBadge.tsx';
import { messages } from './messages.ts';

export const webModule: WebModule = {
  name: 'approvals',
  // the API lists to every signed-in user what is theirs to decide or what they submitted
  routes: [
    { path: '/approvals', page: lazy(() => import('./ApprovalsPage.tsx')) },
    { path: '/approvals/:id', page: lazy(() => import('./ApprovalDetailPage.tsx')), title: 'approvals.itemDetail' },
  ],
  menu: [{ order: 20, key: 'approvals', path: '/approvals', icon: CheckSquareOutlined, permission: 'approvals.read' }],
  headerItems: [{ key: 'inbox', order: 10, permission: 'approvals.read', component: InboxBadge }],
  messages,
};
