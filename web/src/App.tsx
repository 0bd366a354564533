/**
 * Routes: every module's (modules.ts finds them); the sign-in page outside, everything else inside the signed-in
 * layout. Pages load lazily; a page whose API the user may not call shows 无权访问 at once.
 */
import { Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { Result } from 'antd';
import { RequireAuth, useMe } from './session.tsx';
import { useI18n } from './i18n.ts';
import { canAny } from './permissions.ts';
import { webModules } from './modules.ts';
import type { WebRoute } from './platform/module.ts';
import { AppLayout } from './components/AppLayout.tsx';
import { NotFound } from './components/NotFound.tsx';
import { PageSpinner } from './components/PageSpinner.tsx';

const routes = webModules.flatMap((module) => module.routes ?? []);

/** The page, when the user holds one of its permissions. */
function Guarded({ route, children }: { route: WebRoute; children: ReactNode }) {
  const me = useMe();
  const { t } = useI18n();
  if (route.permission && !canAny(me, route.permission)) return <Result status="403" title={t('common.forbidden')} />;
  return <>{children}</>;
}

/** '/': a module may send the user elsewhere (a portal account to its portal); otherwise the page at '/'. */
function Landing({ children }: { children: ReactNode }) {
  const me = useMe();
  const target = webModules.map((module) => module.landing?.(me)).find(Boolean);
  return target ? <Navigate to={target} replace /> : <>{children}</>;
}

function element(route: WebRoute): ReactNode {
  if ('redirect' in route) return <Navigate to={route.redirect} replace />;
  const page = <route.page />;
  if (route.public) return page;
  const guarded = <Guarded route={route}>{page}</Guarded>;
  return route.path === '/' ? <Landing>{guarded}</Landing> : guarded;
}

export function App() {
  return (
    <Suspense fallback={<PageSpinner />}>
    <Routes>
      {routes.filter((route) => route.public).map((route) => <Route key={route.path} path={route.path} element={element(route)} />)}
      <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
        {routes.filter((route) => !route.public).map((route) => (route.path === '/'
          ? <Route key={route.path} index element={element(route)} />
          : <Route key={route.path} path={route.path.slice(1)} element={element(route)} />))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
    </Suspense>
  );
}
