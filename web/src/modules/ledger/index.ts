/** 基金财务 fund ledger: trial balance, bank matching, reconciliation, entry approval, period close, statements. */
import { lazy } from 'react';
import { AccountBookOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';
import { messages } from './messages.ts';

export type { DraftLine } from './types.ts';
/**
 * A draft entry's lines as a table (the sign-off page shows a ledger.entry item with it). Loaded with the page that
 * shows it: every index.ts is in the app's first download, and a static export would put the ledger's tables there
 * (+365 kB at start-up, measured).
 */
export const DraftLines = lazy(() => import('./shared.tsx').then((shared) => ({ default: shared.DraftLines })));

export const webModule: WebModule = {
  name: 'ledger',
  routes: [
    { path: '/ledger', redirect: '/ledger/balances' },
    { path: '/ledger/balances', page: lazy(() => import('./TrialBalancePage.tsx')), permission: ['ledger.read'] },
    { path: '/ledger/balances/:fund/:account', page: lazy(() => import('./AccountLinesPage.tsx')), permission: ['ledger.read'] },
    { path: '/ledger/balances/:fund/entries/:id', page: lazy(() => import('./EntryDetailPage.tsx')), permission: ['ledger.read'] },
    { path: '/ledger/bank', page: lazy(() => import('./BankPage.tsx')), permission: ['ledger.read'] },
    { path: '/ledger/reconciliation', page: lazy(() => import('./ReconciliationPage.tsx')), permission: ['ledger.read'] },
    { path: '/ledger/periods', page: lazy(() => import('./PeriodsPage.tsx')), permission: ['ledger.read'] },
    { path: '/ledger/statements', page: lazy(() => import('./StatementPage.tsx')), permission: ['ledger.read'] },
    { path: '/ledger/drafts', page: lazy(() => import('./DraftsPage.tsx')), permission: ['ledger.read'] },
    { path: '/ledger/imports', page: lazy(() => import('./EntryImportPage.tsx')), permission: ['ledger.entry.draft', 'ledger.entry.approve'] },
  ],
  // a ledger page opens with its menu group expanded, so the page's own entry shows as selected
  menuSections: [{ key: 'ledger', order: 70, label: 'menu.ledger', icon: AccountBookOutlined, audience: 'staff', open: '/ledger' }],
  menu: [
    { section: 'ledger', order: 10, key: 'ledgerBalances', path: '/ledger/balances', permission: 'ledger.read' },
    { section: 'ledger', order: 20, key: 'ledgerBank', path: '/ledger/bank', permission: 'ledger.read' },
    { section: 'ledger', order: 30, key: 'ledgerReconciliation', path: '/ledger/reconciliation', permission: 'ledger.read' },
    { section: 'ledger', order: 40, key: 'ledgerDrafts', path: '/ledger/drafts', permission: 'ledger.read' },
    { section: 'ledger', order: 45, key: 'ledgerImports', path: '/ledger/imports', permission: 'ledger.entry.draft' },
    { section: 'ledger', order: 50, key: 'ledgerPeriods', path: '/ledger/periods', permission: 'ledger.read' },
    { section: 'ledger', order: 60, key: 'ledgerStatements', path: '/ledger/statements', permission: 'ledger.read' },
  ],
  messages,
};
