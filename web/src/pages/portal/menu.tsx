/** The menus of employer and insured-person accounts: their portal only (R10.1), by the portal permission they hold. */
import type { ReactNode } from 'react';
import type { MenuProps } from 'antd';
import { AccountBookOutlined, CheckSquareOutlined, FileTextOutlined, IdcardOutlined, PayCircleOutlined, ProfileOutlined, TeamOutlined } from '@ant-design/icons';
import type { Translate } from '../../i18n.ts';
import { can } from '../../permissions.ts';
import type { Me } from '../../types.ts';

type Items = Required<MenuProps>['items'];

export function portalMenu(t: Translate, me: Me, link: (to: string, key: string) => ReactNode): Items {
  const item = (to: string, key: string, icon: ReactNode) => ({ key: to, icon, label: link(to, key) });
  const items: Items = [];
  if (can(me, 'portal.employer')) {
    items.push({
      type: 'group', key: 'employer-portal', label: t('portal.employerPortal'),
      children: [
        item('/portal/employer/employees', 'portalEmployees', <TeamOutlined />),
        item('/portal/employer/bases', 'portalBases', <IdcardOutlined />),
        item('/portal/employer/bills', 'portalBills', <FileTextOutlined />),
        item('/portal/employer/payments', 'portalPayments', <PayCircleOutlined />),
      ],
    });
  }
  if (can(me, 'portal.person')) {
    items.push({
      type: 'group', key: 'person-portal', label: t('portal.personPortal'),
      children: [
        item('/portal/person/contributions', 'portalContributions', <ProfileOutlined />),
        item('/portal/person/account', 'portalAccount', <AccountBookOutlined />),
        item('/portal/person/confirmations', 'portalConfirmations', <CheckSquareOutlined />),
      ],
    });
  }
  return items;
}
