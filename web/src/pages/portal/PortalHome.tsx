/** The landing page after sign-in: employer and insured-person accounts go to their portal, staff see `children` (the dashboard). */
import type { ReactNode } from 'react';
import { Navigate } from 'react-router-dom';
import { useMe } from '../../session.tsx';
import { can } from '../../permissions.ts';

export function PortalHome({ children }: { children: ReactNode }) {
  const me = useMe();
  const home = can(me, 'portal.employer') ? '/portal/employer/employees' : can(me, 'portal.person') ? '/portal/person/contributions' : undefined;
  return home ? <Navigate to={home} replace /> : <>{children}</>;
}
