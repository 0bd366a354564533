/** 征缴管理 collection: billing runs, bills, payments, arrears, collection KPIs. */
import { lazy } from 'react';
import { PayCircleOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';
import { messages } from './messages.ts';

/** An employer's bills, payments and arrears, for the employer's page (registry); loaded with that page's tab. */
export const EmployerBills = lazy(() => import('./BillsList.tsx').then((module) => ({ default: module.BillsList })));
export const EmployerPayments = lazy(() => import('./EmployerCredit.tsx').then((module) => ({ default: module.EmployerPayments })));
export const EmployerArrears = lazy(() => import('./ArrearsDetail.tsx').then((module) => ({ default: module.ArrearsDetail })));

export const webModule: WebModule = {
  name: 'collection',
  routes: [
    { path: '/collection', redirect: '/collection/billing' },
    { path: '/collection/billing', page: lazy(() => import('./BillingPage.tsx')), permission: ['billing.read'] },
    { path: '/collection/bills', page: lazy(() => import('./BillsPage.tsx')), permission: ['billing.read', 'portal.employer'] },
    { path: '/collection/bills/:number', page: lazy(() => import('./BillDetailPage.tsx')), permission: ['billing.read', 'portal.employer'] },
    { path: '/collection/payments', page: lazy(() => import('./PaymentsPage.tsx')), permission: ['payment.read', 'portal.employer'] },
    { path: '/collection/arrears', page: lazy(() => import('./ArrearsPage.tsx')), permission: ['arrears.read', 'portal.employer'] },
    { path: '/collection/kpis', page: lazy(() => import('./KpisPage.tsx')), permission: ['kpi.read'] },
    { path: '/collection/duplicate-pensions', page: lazy(() => import('./DuplicatePensionsPage.tsx')), permission: ['billing.read'] },
    { path: '/collection/tax', page: lazy(() => import('./TaxCollectionPage.tsx')), permission: ['billing.read', 'payment.record', 'payment.read'] },
    // 业务会计核对: listed under 基金财务, where finance staff reconcile the ledger
    { path: '/collection/reconciliation', page: lazy(() => import('./CollectionReconciliationPage.tsx')), permission: ['ledger.read', 'billing.read'] },
    // 文书验证: anyone holding a certificate checks its code, without signing in
    { path: '/verify', page: lazy(() => import('./VerifyPage.tsx')), public: true },
  ],
  menuSections: [{ key: 'collection', order: 40, label: 'menu.collection', icon: PayCircleOutlined, audience: 'staff' }],
  menu: [
    { section: 'collection', order: 10, key: 'billing', path: '/collection/billing', permission: 'billing.read' },
    { section: 'collection', order: 20, key: 'bills', path: '/collection/bills', permission: 'billing.read' },
    { section: 'collection', order: 30, key: 'payments', path: '/collection/payments', permission: 'payment.read' },
    { section: 'collection', order: 40, key: 'arrears', path: '/collection/arrears', permission: 'arrears.read' },
    { section: 'collection', order: 50, key: 'kpis', path: '/collection/kpis', permission: 'kpi.read' },
    { section: 'collection', order: 15, key: 'duplicatePensions', path: '/collection/duplicate-pensions', permission: 'billing.read' },
    { section: 'collection', order: 60, key: 'taxCollection', path: '/collection/tax', permission: 'payment.read' },
    { section: 'ledger', order: 35, key: 'collectionReconciliation', path: '/collection/reconciliation', permission: 'ledger.read' },
  ],
  messages,
};
