/** Routes: the sign-in page, and everything else inside the signed-in layout; pages load lazily. */
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { RequireAuth } from './session.tsx';
import { AppLayout } from './components/AppLayout.tsx';
import { NotFound } from './components/NotFound.tsx';
import { PageSpinner } from './components/PageSpinner.tsx';
import { PortalHome } from './pages/portal/PortalHome.tsx';

const LoginPage = lazy(() => import('./pages/login/LoginPage.tsx'));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage.tsx'));
const EmployersPage = lazy(() => import('./pages/registry/EmployersPage.tsx'));
const EmployerDetailPage = lazy(() => import('./pages/registry/EmployerDetailPage.tsx'));
const PersonsPage = lazy(() => import('./pages/registry/PersonsPage.tsx'));
const PersonDetailPage = lazy(() => import('./pages/registry/PersonDetailPage.tsx'));
const ImportPage = lazy(() => import('./pages/registry/ImportPage.tsx'));
const RegionsPage = lazy(() => import('./pages/admin/RegionsPage.tsx'));
const AgenciesPage = lazy(() => import('./pages/admin/AgenciesPage.tsx'));
const UsersPage = lazy(() => import('./pages/admin/UsersPage.tsx'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.tsx'));
const ParamsPage = lazy(() => import('./pages/params/ParamsPage.tsx'));
const LedgerTrialBalancePage = lazy(() => import('./pages/ledger/TrialBalancePage.tsx'));
const LedgerAccountLinesPage = lazy(() => import('./pages/ledger/AccountLinesPage.tsx'));
const LedgerEntryDetailPage = lazy(() => import('./pages/ledger/EntryDetailPage.tsx'));
const LedgerBankPage = lazy(() => import('./pages/ledger/BankPage.tsx'));
const LedgerReconciliationPage = lazy(() => import('./pages/ledger/ReconciliationPage.tsx'));
const LedgerPeriodsPage = lazy(() => import('./pages/ledger/PeriodsPage.tsx'));
const LedgerStatementPage = lazy(() => import('./pages/ledger/StatementPage.tsx'));
const LedgerDraftsPage = lazy(() => import('./pages/ledger/DraftsPage.tsx'));
const BillingPage = lazy(() => import('./pages/collection/BillingPage.tsx'));
const BillsPage = lazy(() => import('./pages/collection/BillsPage.tsx'));
const BillDetailPage = lazy(() => import('./pages/collection/BillDetailPage.tsx'));
const PaymentsPage = lazy(() => import('./pages/collection/PaymentsPage.tsx'));
const ArrearsPage = lazy(() => import('./pages/collection/ArrearsPage.tsx'));
const KpisPage = lazy(() => import('./pages/collection/KpisPage.tsx'));
const PortalEmployeesPage = lazy(() => import('./pages/portal/EmployeesPage.tsx'));
const PortalBasesPage = lazy(() => import('./pages/portal/BasesPage.tsx'));
const PortalBillsPage = lazy(() => import('./pages/portal/BillsPage.tsx'));
const PortalBillNoticePage = lazy(() => import('./pages/portal/BillNoticePage.tsx'));
const PortalPaymentsPage = lazy(() => import('./pages/portal/PaymentsPage.tsx'));
const PortalContributionsPage = lazy(() => import('./pages/portal/ContributionsPage.tsx'));
const PortalAccountPage = lazy(() => import('./pages/portal/AccountPage.tsx'));
const PortalConfirmationsPage = lazy(() => import('./pages/portal/ConfirmationsPage.tsx'));
const RequestsReviewPage = lazy(() => import('./pages/portal/RequestsReviewPage.tsx'));
const ChangePasswordPage = lazy(() => import('./pages/auth/ChangePasswordPage.tsx'));
const ApprovalsPage = lazy(() => import('./pages/approvals/ApprovalsPage.tsx'));
const ApprovalDetailPage = lazy(() => import('./pages/approvals/ApprovalDetailPage.tsx'));

export function App() {
  return (
    <Suspense fallback={<PageSpinner />}>
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
        <Route index element={<PortalHome><DashboardPage /></PortalHome>} />
        <Route path="employers" element={<EmployersPage />} />
        <Route path="employers/:id" element={<EmployerDetailPage />} />
        <Route path="persons" element={<PersonsPage />} />
        <Route path="persons/:id" element={<PersonDetailPage />} />
        <Route path="imports" element={<ImportPage />} />
        <Route path="admin" element={<Navigate to="/admin/regions" replace />} />
        <Route path="admin/regions" element={<RegionsPage />} />
        <Route path="admin/agencies" element={<AgenciesPage />} />
        <Route path="admin/users" element={<UsersPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="params" element={<ParamsPage />} />
        <Route path="ledger" element={<Navigate to="/ledger/balances" replace />} />
        <Route path="ledger/balances" element={<LedgerTrialBalancePage />} />
        <Route path="ledger/balances/:fund/:account" element={<LedgerAccountLinesPage />} />
        <Route path="ledger/balances/:fund/entries/:id" element={<LedgerEntryDetailPage />} />
        <Route path="ledger/bank" element={<LedgerBankPage />} />
        <Route path="ledger/reconciliation" element={<LedgerReconciliationPage />} />
        <Route path="ledger/periods" element={<LedgerPeriodsPage />} />
        <Route path="ledger/statements" element={<LedgerStatementPage />} />
        <Route path="ledger/drafts" element={<LedgerDraftsPage />} />
        <Route path="collection" element={<Navigate to="/collection/billing" replace />} />
        <Route path="collection/billing" element={<BillingPage />} />
        <Route path="collection/bills" element={<BillsPage />} />
        <Route path="collection/bills/:number" element={<BillDetailPage />} />
        <Route path="collection/payments" element={<PaymentsPage />} />
        <Route path="collection/arrears" element={<ArrearsPage />} />
        <Route path="collection/kpis" element={<KpisPage />} />
        <Route path="portal/employer" element={<Navigate to="/portal/employer/employees" replace />} />
        <Route path="portal/employer/employees" element={<PortalEmployeesPage />} />
        <Route path="portal/employer/bases" element={<PortalBasesPage />} />
        <Route path="portal/employer/bills" element={<PortalBillsPage />} />
        <Route path="portal/employer/bills/:number" element={<PortalBillNoticePage />} />
        <Route path="portal/employer/payments" element={<PortalPaymentsPage />} />
        <Route path="portal/person" element={<Navigate to="/portal/person/contributions" replace />} />
        <Route path="portal/person/contributions" element={<PortalContributionsPage />} />
        <Route path="portal/person/account" element={<PortalAccountPage />} />
        <Route path="portal/person/confirmations" element={<PortalConfirmationsPage />} />
        <Route path="portal/requests" element={<RequestsReviewPage />} />
        <Route path="account/password" element={<ChangePasswordPage />} />
        <Route path="approvals" element={<ApprovalsPage />} />
        <Route path="approvals/:id" element={<ApprovalDetailPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
    </Suspense>
  );
}
