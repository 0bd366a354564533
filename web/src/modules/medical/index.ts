/** 医保结算 medical: designated institutions with their budget execution, their quotas from the approved budget, DIP points, pre-allocation and year-end settlement, the calculator. */
import { lazy } from 'react';
import { MedicineBoxOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';
import { messages } from './messages.ts';

export const webModule: WebModule = {
  name: 'medical',
  routes: [
    { path: '/medical', redirect: '/medical/institutions' },
    { path: '/medical/institutions', page: lazy(() => import('./InstitutionsPage.tsx')), permission: ['medical.read'] },
    { path: '/medical/quotas/allocation', page: lazy(() => import('./QuotaAllocationPage.tsx')), permission: ['medical.read'] },
    { path: '/medical/dip', page: lazy(() => import('./DipPage.tsx')), permission: ['medical.read'] },
    { path: '/medical/runs', page: lazy(() => import('./RunsPage.tsx')), permission: ['medical.read'] },
    { path: '/medical/settlement', page: lazy(() => import('./SettlementPage.tsx')), permission: ['medical.read'] },
  ],
  menuSections: [{ key: 'medical', order: 55, label: 'menu.medical', icon: MedicineBoxOutlined, audience: 'staff' }],
  menu: [
    { section: 'medical', order: 10, key: 'medicalInstitutions', path: '/medical/institutions', permission: 'medical.read' },
    { section: 'medical', order: 15, key: 'medicalQuotaAllocation', path: '/medical/quotas/allocation', permission: 'medical.read' },
    { section: 'medical', order: 20, key: 'medicalDip', path: '/medical/dip', permission: 'medical.read' },
    { section: 'medical', order: 30, key: 'medicalRuns', path: '/medical/runs', permission: 'medical.read' },
    { section: 'medical', order: 40, key: 'medicalSettlement', path: '/medical/settlement', permission: 'medical.read' },
  ],
  messages,
};
