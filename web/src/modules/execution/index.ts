/**
 * 基金运行 execution (issue 14): the funds at a glance (the staff's fund home page), budget execution with the drill-down
 * to the ledger's 明细账, the budget indicators, the monthly fund analysis (基金收支分析),  决算与年终清算, the alert inbox (and the header's count of alerts raised), and the public pages of published fund reports (/public, no sign-in).
 */
import { lazy } from 'react';
import { AlertBadge } from './AlertBadge.tsx';
import { FundOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';
import { messages } from './messages.ts';

export const webModule: WebModule = {
  name: 'execution',
  routes: [
    { path: '/execution', page: lazy(() => import('./FundsPage.tsx')), permission: ['execution.read'] },
    { path: '/execution/report', page: lazy(() => import('./ReportPage.tsx')), permission: ['execution.read'] },
    { path: '/execution/alerts', page: lazy(() => import('./AlertsPage.tsx')), permission: ['execution.read'] },
    { path: '/execution/indicators', page: lazy(() => import('./IndicatorsPage.tsx')), permission: ['execution.read'] },
    { path: '/execution/analysis', page: lazy(() => import('./AnalysisPage.tsx')), permission: ['execution.read'] },
    { path: '/execution/final-accounts', page: lazy(() => import('./FinalAccountsPage.tsx')), permission: ['execution.read'] },
    { path: '/execution/webhooks', page: lazy(() => import('./WebhooksPage.tsx')), permission: ['notifications.manage'] },
    { path: '/public', page: lazy(() => import('./PublicReportsPage.tsx')), public: true },
    { path: '/public/reports/:id', page: lazy(() => import('./PublicReportPage.tsx')), public: true },
  ],
  menuSections: [{ key: 'execution', order: 20, label: 'menu.execution', icon: FundOutlined, audience: 'staff', open: '/execution' }],
  menu: [
    // a setting of the installation: under 系统管理, for the administrator who holds notifications.manage
    { section: 'admin', order: 40, key: 'executionWebhooks', path: '/execution/webhooks', permission: 'notifications.manage' },
    { section: 'execution', order: 10, key: 'executionFunds', path: '/execution', permission: 'execution.read' },
    { section: 'execution', order: 20, key: 'executionReport', path: '/execution/report', permission: 'execution.read' },
    { section: 'execution', order: 30, key: 'executionAlerts', path: '/execution/alerts', permission: 'execution.read' },
    { section: 'execution', order: 22, key: 'executionAnalysis', path: '/execution/analysis', permission: 'execution.read' },
    { section: 'execution', order: 25, key: 'executionIndicators', path: '/execution/indicators', permission: 'execution.read' },
    { section: 'execution', order: 27, key: 'executionFinalAccounts', path: '/execution/final-accounts', permission: 'execution.read' },
  ],
  headerItems: [{ key: 'alerts', order: 20, permission: 'execution.read', component: AlertBadge }],
  messages,
};
