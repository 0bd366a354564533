/** Routes: the sign-in page, and everything else inside the signed-in layout; pages load lazily. */
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { RequireAuth } from './session.tsx';
import { AppLayout } from './components/AppLayout.tsx';
import { NotFound } from './components/NotFound.tsx';
import { PageSpinner } from './components/PageSpinner.tsx';

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

export function App() {
  return (
    <Suspense fallback={<PageSpinner />}>
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
        <Route index element={<DashboardPage />} />
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
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
    </Suspense>
  );
}
