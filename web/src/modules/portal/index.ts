/**
 * 网上服务厅: the employer portal and the insured-person portal (R10.1). Their accounts see only these menus and
 * land here after sign-in; the agency's review of employers' requests sits in the staff registry menu.
 */
import { lazy } from 'react';
import { AccountBookOutlined, AuditOutlined, CheckSquareOutlined, FileTextOutlined, IdcardOutlined, PayCircleOutlined, ProfileOutlined, TeamOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';
import { can } from '../../permissions.ts';
import { messages } from './messages.ts';

export const webModule: WebModule = {
  name: 'portal',
  routes: [
    { path: '/portal/employer', redirect: '/portal/employer/employees' },
    { path: '/portal/employer/employees', page: lazy(() => import('./EmployeesPage.tsx')), permission: ['portal.employer'] },
    { path: '/portal/employer/bases', page: lazy(() => import('./BasesPage.tsx')), permission: ['portal.employer'] },
    { path: '/portal/employer/bills', page: lazy(() => import('./BillsPage.tsx')), permission: ['billing.read', 'portal.employer'] },
    { path: '/portal/employer/bills/:number', page: lazy(() => import('./BillNoticePage.tsx')), permission: ['billing.read', 'portal.employer'] },
    { path: '/portal/employer/payments', page: lazy(() => import('./PaymentsPage.tsx')), permission: ['payment.read', 'portal.employer'] },
    { path: '/portal/person', redirect: '/portal/person/contributions' },
    { path: '/portal/person/contributions', page: lazy(() => import('./ContributionsPage.tsx')), permission: ['portal.person'] },
    { path: '/portal/person/account', page: lazy(() => import('./AccountPage.tsx')), permission: ['portal.person'] },
    { path: '/portal/person/confirmations', page: lazy(() => import('./ConfirmationsPage.tsx')), permission: ['portal.person'] },
    { path: '/portal/requests', page: lazy(() => import('./RequestsReviewPage.tsx')), permission: ['employment.request.review'] },
  ],
  menuSections: [
    { key: 'employer-portal', order: 10, label: 'portal.employerPortal', audience: 'portal' },
    { key: 'person-portal', order: 20, label: 'portal.personPortal', audience: 'portal' },
  ],
  menu: [
    { section: 'employer-portal', order: 10, key: 'portalEmployees', path: '/portal/employer/employees', icon: TeamOutlined, permission: 'portal.employer' },
    { section: 'employer-portal', order: 20, key: 'portalBases', path: '/portal/employer/bases', icon: IdcardOutlined, permission: 'portal.employer' },
    { section: 'employer-portal', order: 30, key: 'portalBills', path: '/portal/employer/bills', icon: FileTextOutlined, permission: 'portal.employer' },
    { section: 'employer-portal', order: 40, key: 'portalPayments', path: '/portal/employer/payments', icon: PayCircleOutlined, permission: 'portal.employer' },
    { section: 'person-portal', order: 10, key: 'portalContributions', path: '/portal/person/contributions', icon: ProfileOutlined, permission: 'portal.person' },
    { section: 'person-portal', order: 20, key: 'portalAccount', path: '/portal/person/account', icon: AccountBookOutlined, permission: 'portal.person' },
    { section: 'person-portal', order: 30, key: 'portalConfirmations', path: '/portal/person/confirmations', icon: CheckSquareOutlined, permission: 'portal.person' },
    { section: 'registry', order: 30, key: 'portalRequests', path: '/portal/requests', icon: AuditOutlined, permission: 'employment.request.review' },
  ],
  landing: (me) => (can(me, 'portal.employer') ? '/portal/employer/employees' : can(me, 'portal.person') ? '/portal/person/contributions' : undefined),
  messages,
};
