/** 待遇管理 benefits: pension and unemployment quotes, pension awards, the monthly pension payroll, deaths and recoveries, the annual adjustment, unemployment, work injury and maternity claims. */
import { lazy } from 'react';
import { GiftOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';
import { messages } from './messages.ts';

export const webModule: WebModule = {
  name: 'benefits',
  routes: [
    { path: '/benefits', redirect: '/benefits/pension/quote' },
    { path: '/benefits/pension/quote', page: lazy(() => import('./PensionQuotePage.tsx')), permission: ['benefits.read'] },
    { path: '/benefits/unemployment/quote', page: lazy(() => import('./UnemploymentQuotePage.tsx')), permission: ['benefits.read'] },
    { path: '/benefits/pension/awards', page: lazy(() => import('./AwardsPage.tsx')), permission: ['benefits.read'] },
    { path: '/benefits/pension/awards/:id', page: lazy(() => import('./AwardDetailPage.tsx')), permission: ['benefits.read'], title: 'award.detail' },
    { path: '/benefits/payroll', page: lazy(() => import('./PayrollPage.tsx')), permission: ['benefits.read'] },
    { path: '/benefits/pension/deaths', page: lazy(() => import('./DeathsPage.tsx')), permission: ['benefits.read'] },
    { path: '/benefits/pension/adjustments', page: lazy(() => import('./AdjustmentsPage.tsx')), permission: ['pension.adjustment.request'] },
    { path: '/benefits/claims', page: lazy(() => import('./ClaimsPage.tsx')), permission: ['benefits.read'] },
    { path: '/benefits/claims/:id', page: lazy(() => import('./ClaimsDetailPage.tsx')), permission: ['benefits.read'], title: 'claims.detail' },
    { path: '/benefits/payroll/:id', page: lazy(() => import('./PayrollBatchPage.tsx')), permission: ['benefits.read'], title: 'payroll.batchTitle' },
  ],
  personTabs: [{ key: 'benefits', order: 10, label: 'personBenefits.tab', permission: 'benefits.read', component: lazy(() => import('./PersonBenefitsTab.tsx')) }],
  menuSections: [{ key: 'benefits', order: 50, label: 'menu.benefits', icon: GiftOutlined, audience: 'staff' }],
  menu: [
    { section: 'benefits', order: 10, key: 'pensionQuote', path: '/benefits/pension/quote', permission: 'benefits.read' },
    { section: 'benefits', order: 20, key: 'unemploymentQuote', path: '/benefits/unemployment/quote', permission: 'benefits.read' },
    { section: 'benefits', order: 30, key: 'pensionAwards', path: '/benefits/pension/awards', permission: 'benefits.read' },
    { section: 'benefits', order: 40, key: 'payroll', path: '/benefits/payroll', permission: 'benefits.read' },
    { section: 'benefits', order: 50, key: 'pensionDeaths', path: '/benefits/pension/deaths', permission: 'benefits.read' },
    { section: 'benefits', order: 60, key: 'pensionAdjustments', path: '/benefits/pension/adjustments', permission: 'pension.adjustment.request' },
    { section: 'benefits', order: 70, key: 'claims', path: '/benefits/claims', permission: 'benefits.read' },
  ],
  messages,
};
