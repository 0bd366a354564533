/** 预算管理 budget: the workbench (versions, fund tables, adjustments, targets, submission and review), version comparison, the pension fund's projection, the past final accounts. */
import { lazy } from 'react';
import { FundProjectionScreenOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';
import { messages } from './messages.ts';

export const webModule: WebModule = {
  name: 'budget',
  routes: [
    { path: '/budget', redirect: '/budget/workbench' },
    { path: '/budget/workbench', page: lazy(() => import('./WorkbenchPage.tsx')), permission: ['budget.read'] },
    // where a version's 待办 item links (the sign-off kind budget.version's subjectLink)
    { path: '/budget/versions/:id', page: lazy(() => import('./VersionPage.tsx')), permission: ['budget.read'], title: 'budget.version.title' },
    { path: '/budget/compare', page: lazy(() => import('./ComparePage.tsx')), permission: ['budget.read'] },
    { path: '/budget/projection', page: lazy(() => import('./ProjectionPage.tsx')), permission: ['budget.read'] },
    { path: '/budget/history', page: lazy(() => import('./HistoryPage.tsx')), permission: ['budget.read'] },
  ],
  menuSections: [{ key: 'budget', order: 60, label: 'menu.budget', icon: FundProjectionScreenOutlined, audience: 'staff', open: '/budget' }],
  menu: [
    { section: 'budget', order: 10, key: 'budgetWorkbench', path: '/budget/workbench', permission: 'budget.read' },
    { section: 'budget', order: 20, key: 'budgetCompare', path: '/budget/compare', permission: 'budget.read' },
    { section: 'budget', order: 30, key: 'budgetProjection', path: '/budget/projection', permission: 'budget.read' },
    { section: 'budget', order: 40, key: 'budgetHistory', path: '/budget/history', permission: 'budget.read' },
  ],
  messages,
};
