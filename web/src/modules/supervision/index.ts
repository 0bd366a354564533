/** 基金监督 supervision: the control points and the monthly audit sample, the detection rules' findings, the cases and their recoveries, credit grades and the blacklist, the performance evaluation, responsibility sharing and its settlement. */
import { lazy } from 'react';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';
import { messages } from './messages.ts';

export const webModule: WebModule = {
  name: 'supervision',
  routes: [
    { path: '/supervision', redirect: '/supervision/overview' },
    { path: '/supervision/overview', page: lazy(() => import('./OverviewPage.tsx')), permission: ['supervision.read'] },
    { path: '/supervision/findings', page: lazy(() => import('./FindingsPage.tsx')), permission: ['supervision.read'] },
    { path: '/supervision/evaluation', page: lazy(() => import('./EvaluationPage.tsx')), permission: ['supervision.read'] },
    { path: '/supervision/cases', page: lazy(() => import('./CasesPage.tsx')), permission: ['supervision.read'] },
    { path: '/supervision/credit', page: lazy(() => import('./CreditPage.tsx')), permission: ['supervision.read'] },
    { path: '/supervision/sharing', page: lazy(() => import('./SharingPage.tsx')), permission: ['supervision.read'] },
    { path: '/supervision/cases/:id', page: lazy(() => import('./CasePage.tsx')), permission: ['supervision.read', 'supervision.case.review', 'supervision.case.approve'], title: 'supervision.case.detail' },
  ],
  menuSections: [{ key: 'supervision', order: 75, label: 'menu.supervision', icon: SafetyCertificateOutlined, audience: 'staff' }],
  menu: [
    { section: 'supervision', order: 10, key: 'supervisionOverview', path: '/supervision/overview', permission: 'supervision.read' },
    { section: 'supervision', order: 20, key: 'supervisionFindings', path: '/supervision/findings', permission: 'supervision.read' },
    { section: 'supervision', order: 25, key: 'supervisionCases', path: '/supervision/cases', permission: 'supervision.read' },
    { section: 'supervision', order: 27, key: 'supervisionCredit', path: '/supervision/credit', permission: 'supervision.read' },
    { section: 'supervision', order: 30, key: 'supervisionEvaluation', path: '/supervision/evaluation', permission: 'supervision.read' },
    { section: 'supervision', order: 35, key: 'supervisionSharing', path: '/supervision/sharing', permission: 'supervision.read' },
  ],
  messages,
};
