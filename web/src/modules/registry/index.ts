/** 参保登记 registry: employers, insured persons, bulk import. */
import { lazy } from 'react';
import { BankOutlined, ImportOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';
import { messages } from './messages.ts';

export { searchEmployers, searchPersons } from './search.ts';

export const webModule: WebModule = {
  name: 'registry',
  routes: [
    { path: '/employers', page: lazy(() => import('./EmployersPage.tsx')), permission: ['registry.read'] },
    { path: '/employers/:id', page: lazy(() => import('./EmployerDetailPage.tsx')), permission: ['registry.read'] },
    { path: '/persons', page: lazy(() => import('./PersonsPage.tsx')), permission: ['registry.read'] },
    { path: '/persons/:id', page: lazy(() => import('./PersonDetailPage.tsx')), permission: ['registry.read'] },
    { path: '/imports', page: lazy(() => import('./ImportPage.tsx')), permission: ['registry.import'] },
  ],
  menuSections: [{ key: 'registry', order: 30, label: 'menu.registry', icon: TeamOutlined, audience: 'staff', open: 'always' }],
  menu: [
    { section: 'registry', order: 10, key: 'employers', path: '/employers', icon: BankOutlined, permission: 'registry.read' },
    { section: 'registry', order: 20, key: 'persons', path: '/persons', icon: SolutionOutlined, permission: 'registry.read' },
    { section: 'registry', order: 40, key: 'imports', path: '/imports', icon: ImportOutlined, permission: 'registry.import' },
  ],
  messages,
};
