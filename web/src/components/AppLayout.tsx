/** The signed-in frame: module menu on the left, user and language in the header, service health in the footer. */
import { Suspense, useMemo, useState, type ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Dropdown, Layout, Menu, Space, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import {
  AccountBookOutlined, AlertOutlined, AppstoreOutlined, AuditOutlined, BankOutlined, ControlOutlined, EnvironmentOutlined, EyeOutlined,
  FundOutlined, GiftOutlined, HomeOutlined, ImportOutlined, LineChartOutlined, LogoutOutlined, PayCircleOutlined, SettingOutlined,
  SolutionOutlined, TeamOutlined, TranslationOutlined, UserOutlined,
} from '@ant-design/icons';
import { useI18n, type Translate } from '../i18n.ts';
import { useMe, useSession } from '../session.tsx';
import { staffRoles, type Me } from '../types.ts';
import { HealthFooter } from './HealthFooter.tsx';
import { PageSpinner } from './PageSpinner.tsx';
import { portalMenu } from '../pages/portal/menu.tsx';

type Item = Required<MenuProps>['items'][number];

/** Modules still being built: listed (so users see what is coming) but not clickable; no placeholder pages. */
function comingSoon(t: Translate): Item {
  const soon = (key: string, icon: ReactNode): Item => ({ key: `soon:${key}`, icon, disabled: true, label: t(`menu.${key}`) });
  return {
    key: 'soon', icon: <AppstoreOutlined />, label: <span>{t('menu.more')} <Tag style={{ marginInlineStart: 4, fontSize: 11 }}>{t('common.comingSoon')}</Tag></span>,
    children: [
      soon('benefits', <GiftOutlined />), soon('budget', <FundOutlined />),
      soon('execution', <LineChartOutlined />), soon('alerts', <AlertOutlined />), soon('supervision', <EyeOutlined />),
    ],
  };
}

function menuItems(t: Translate, me: Me): Item[] {
  const link = (to: string, key: string) => <Link to={to} data-testid={`menu-${key}`}>{t(`menu.${key}`)}</Link>;
  // Employers and insured persons see only their self-service portal (R10.1); the rest is for staff.
  if (!staffRoles.includes(me.role)) return portalMenu(t, me.role, link);
  const items: Item[] = [{ key: '/', icon: <HomeOutlined />, label: link('/', 'dashboard') }];
  items.push(
    {
      key: 'registry', icon: <TeamOutlined />, label: t('menu.registry'),
      children: [
        { key: '/employers', icon: <BankOutlined />, label: link('/employers', 'employers') },
        { key: '/persons', icon: <SolutionOutlined />, label: link('/persons', 'persons') },
        { key: '/portal/requests', icon: <AuditOutlined />, label: link('/portal/requests', 'portalRequests') },
        { key: '/imports', icon: <ImportOutlined />, label: link('/imports', 'imports') },
      ],
    },
    {
      key: 'collection', icon: <PayCircleOutlined />, label: t('menu.collection'),
      children: [
        { key: '/collection/billing', label: link('/collection/billing', 'billing') },
        { key: '/collection/bills', label: link('/collection/bills', 'bills') },
        { key: '/collection/payments', label: link('/collection/payments', 'payments') },
        { key: '/collection/arrears', label: link('/collection/arrears', 'arrears') },
        { key: '/collection/kpis', label: link('/collection/kpis', 'kpis') },
      ],
    },
    { key: '/params', icon: <ControlOutlined />, label: link('/params', 'params') },
    { key: '/audit', icon: <AuditOutlined />, label: link('/audit', 'audit') },
  );
  items.push({
    key: 'ledger', icon: <AccountBookOutlined />, label: t('menu.ledger'),
    children: [
      { key: '/ledger/balances', label: link('/ledger/balances', 'ledgerBalances') },
      { key: '/ledger/bank', label: link('/ledger/bank', 'ledgerBank') },
      { key: '/ledger/reconciliation', label: link('/ledger/reconciliation', 'ledgerReconciliation') },
      { key: '/ledger/drafts', label: link('/ledger/drafts', 'ledgerDrafts') },
      { key: '/ledger/periods', label: link('/ledger/periods', 'ledgerPeriods') },
      { key: '/ledger/statements', label: link('/ledger/statements', 'ledgerStatements') },
    ],
  });
  if (me.role === 'admin') {
    items.push({
      key: 'admin', icon: <SettingOutlined />, label: t('menu.admin'),
      children: [
        { key: '/admin/regions', label: link('/admin/regions', 'regions') },
        { key: '/admin/agencies', label: link('/admin/agencies', 'agencies') },
        { key: '/admin/users', label: link('/admin/users', 'users') },
      ],
    });
  }
  items.push(comingSoon(t));
  return items;
}

/** The menu key for a path: the longest menu path that prefixes it. */
function selectedKey(pathname: string, keys: string[]): string {
  return keys.filter((key) => key === '/' ? pathname === '/' : pathname === key || pathname.startsWith(`${key}/`)).sort((a, b) => b.length - a.length)[0] ?? '/';
}

function leafKeys(items: Item[]): string[] {
  return items.flatMap((item) => (item && 'children' in item && item.children ? leafKeys(item.children as Item[]) : item?.key ? [String(item.key)] : []));
}

export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const me = useMe();
  const { logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const items = useMemo(() => menuItems(t, me), [t, me]);
  const selected = selectedKey(location.pathname, leafKeys(items));
  // a ledger page opens with its menu group expanded, so the page's own entry shows as selected
  const [openKeys, setOpenKeys] = useState<string[]>(['registry', 'admin', ...(location.pathname.startsWith('/ledger') ? ['ledger'] : [])]);
  // After an administrator's reset, the API answers nothing but the password change: go there first.
  if (me.mustChangePassword && location.pathname !== '/account/password') return <Navigate to="/account/password" replace />;
  const userMenu: MenuProps['items'] = [{ key: 'password', label: <Link to="/account/password" data-testid="menu-change-password">{t('header.changePassword')}</Link> }];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={220} collapsible style={{ overflow: 'auto', height: '100vh', position: 'sticky', top: 0, insetInlineStart: 0 }} collapsed={collapsed} onCollapse={setCollapsed} theme="dark">
        <div style={{ height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#fff', fontWeight: 600, fontSize: collapsed ? 14 : 16, whiteSpace: 'nowrap', overflow: 'hidden' }}>
          {collapsed ? t('app.short') : t('app.sider')}
        </div>
        <Menu
          theme="dark" mode="inline" items={items} selectedKeys={[selected]}
          openKeys={collapsed ? undefined : openKeys} onOpenChange={setOpenKeys} data-testid="main-menu"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'flex-end', borderBottom: '1px solid #f0f0f0' }}>
          <Space size="middle">
            <Dropdown menu={{ items: userMenu }}>
              <Space size={4} data-testid="header-user" style={{ cursor: 'pointer' }}><UserOutlined /><Typography.Text strong>{me.displayName}</Typography.Text></Space>
            </Dropdown>
            <Tag color="blue" data-testid="header-role">{t(`role.${me.role}`)}</Tag>
            <Tooltip title={me.regionCode ?? ''}><Space size={4} data-testid="header-region"><EnvironmentOutlined />{me.regionCode ? me.regionName : t('common.national')}</Space></Tooltip>
            <Button size="small" icon={<TranslationOutlined />} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang-switch">{t('header.language')}</Button>
            <Button size="small" icon={<LogoutOutlined />} data-testid="logout" onClick={async () => { await logout(); navigate('/login', { replace: true }); }}>
              {t('header.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 16 }}>
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', padding: '8px 16px', color: '#888', fontSize: 12 }}>
          <HealthFooter />
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
