/** The landing page after sign-in: employer and insured-person accounts go to their portal, staff see `children` (the dashboard). */
import type { ReactNode } from 'react';
import { Navigate } from 'react-router-dom';
import { useMe } from '../../session.tsx';
import type { Role } from '../../types.ts';

const portalHome: Partial<Record<Role, string>> = { employer: '/portal/employer/employees', person: '/portal/person/contributions' };

export function PortalHome({ children }: { children: ReactNode }) {
  const home = portalHome[useMe().role];
  return home ? <Navigate to={home} replace /> : <>{children}</>;
}
