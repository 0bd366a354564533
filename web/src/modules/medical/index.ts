/** 医保结算 medical: settlement with designated medical institutions (the year-end settlement calculator). */
import { lazy } from 'react';
import { MedicineBoxOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';
import { messages } from './messages.ts';

export const webModule: WebModule = {
  name: 'medical',
  routes: [
    { path: '/medical', redirect: '/medical/settlement' },
    { path: '/medical/settlement', page: lazy(() => import('./SettlementPage.tsx')), permission: ['medical.read'] },
  ],
  menuSections: [{ key: 'medical', order: 55, label: 'menu.medical', icon: MedicineBoxOutlined, audience: 'staff' }],
  menu: [{ section: 'medical', order: 10, key: 'medicalSettlement', path: '/medical/settlement', permission: 'medical.read' }],
  messages,
};
