/** The signed-in frame: module menu on the left, user and language in the header, service health in the footer. */
import { Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Badge, Button, Dropdown, Layout, Menu, Space, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import {
  AccountBookOutlined, AlertOutlined, AppstoreOutlined, AuditOutlined, BankOutlined, CheckSquareOutlined, ControlOutlined, EnvironmentOutlined, EyeOutlined,
  FundOutlined, GiftOutlined, HomeOutlined, ImportOutlined, LineChartOutlined, LogoutOutlined, PayCircleOutlined, SettingOutlined,
  SolutionOutlined, TeamOutlined, TranslationOutlined, UserOutlined,
} from '@ant-design/icons';
import { useI18n, type Translate } from '../i18n.ts';
import { useMe, useSession } from '../session.tsx';
import { api } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { can, isPortalUser, type Permission } from '../permissions.ts';
import type { Me } from '../types.ts';
import { APPROVALS_CHANGED } from '../pages/approvals/shared.tsx';
import type { ApprovalCounts } from '../pages/approvals/types.ts';
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

/** Keeps the entries the user may open; a group without any is left out. */
function visible(items: (Item | false)[]): Item[] {
  return items.filter((item): item is Item => Boolean(item));
}

/** The menu: each entry only when the user holds the permission its page needs (the API checks it again). */
function menuItems(t: Translate, me: Me): Item[] {
  const link = (to: string, key: string) => <Link to={to} data-testid={`menu-${key}`}>{t(`menu.${key}`)}</Link>;
  const has = (permission: Permission) => can(me, permission);
  // Employers and insured persons see only their self-service portal (R10.1); the rest is for staff.
  if (isPortalUser(me)) return portalMenu(t, me, link);
  const group = (key: string, icon: ReactNode, children: (Item | false)[]): Item | false => {
    const shown = visible(children);
    return shown.length > 0 && { key, icon, label: t(`menu.${key}`), children: shown };
  };
  return visible([
    { key: '/', icon: <HomeOutlined />, label: link('/', 'dashboard') },
    has('approvals.read') && { key: '/approvals', icon: <CheckSquareOutlined />, label: link('/approvals', 'approvals') },
    group('registry', <TeamOutlined />, [
      has('registry.read') && { key: '/employers', icon: <BankOutlined />, label: link('/employers', 'employers') },
      has('registry.read') && { key: '/persons', icon: <SolutionOutlined />, label: link('/persons', 'persons') },
      has('employment.request.review') && { key: '/portal/requests', icon: <AuditOutlined />, label: link('/portal/requests', 'portalRequests') },
      has('registry.import') && { key: '/imports', icon: <ImportOutlined />, label: link('/imports', 'imports') },
    ]),
    group('collection', <PayCircleOutlined />, [
      has('billing.read') && { key: '/collection/billing', label: link('/collection/billing', 'billing') },
      has('billing.read') && { key: '/collection/bills', label: link('/collection/bills', 'bills') },
      has('payment.read') && { key: '/collection/payments', label: link('/collection/payments', 'payments') },
      has('arrears.read') && { key: '/collection/arrears', label: link('/collection/arrears', 'arrears') },
      has('kpi.read') && { key: '/collection/kpis', label: link('/collection/kpis', 'kpis') },
    ]),
    has('settings.read') && { key: '/params', icon: <ControlOutlined />, label: link('/params', 'params') },
    has('audit.read') && { key: '/audit', icon: <AuditOutlined />, label: link('/audit', 'audit') },
    group('ledger', <AccountBookOutlined />, [
      has('ledger.read') && { key: '/ledger/balances', label: link('/ledger/balances', 'ledgerBalances') },
      has('ledger.read') && { key: '/ledger/bank', label: link('/ledger/bank', 'ledgerBank') },
      has('ledger.read') && { key: '/ledger/reconciliation', label: link('/ledger/reconciliation', 'ledgerReconciliation') },
      has('ledger.read') && { key: '/ledger/drafts', label: link('/ledger/drafts', 'ledgerDrafts') },
      has('ledger.read') && { key: '/ledger/periods', label: link('/ledger/periods', 'ledgerPeriods') },
      has('ledger.read') && { key: '/ledger/statements', label: link('/ledger/statements', 'ledgerStatements') },
    ]),
    group('admin', <SettingOutlined />, [
      has('region.manage') && { key: '/admin/regions', label: link('/admin/regions', 'regions') },
      has('agency.manage') && { key: '/admin/agencies', label: link('/admin/agencies', 'agencies') },
      has('user.manage') && { key: '/admin/users', label: link('/admin/users', 'users') },
    ]),
    comingSoon(t),
  ]);
}

/** The header's 待办 link with the number of items waiting for the user's decision (refreshed on every navigation and decision). */
function InboxBadge() {
  const { t } = useI18n();
  const location = useLocation();
  const counts = useLoad((signal) => api.get<ApprovalCounts>('/api/approvals/counts', undefined, signal), [location.pathname, location.search]);
  const { reload } = counts;
  useEffect(() => {
    window.addEventListener(APPROVALS_CHANGED, reload);
    return () => window.removeEventListener(APPROVALS_CHANGED, reload);
  }, [reload]);
  const n = counts.data?.toDecide ?? 0;
  return (
    <Tooltip title={t('header.approvalsHint', { n })}>
      <Link to="/approvals" data-testid="header-approvals" data-count={counts.data ? n : undefined}>
        <Badge count={n} size="small" offset={[6, -2]} data-testid="header-approvals-badge">
          <Space size={4}><CheckSquareOutlined />{t('header.approvals')}</Space>
        </Badge>
      </Link>
    </Tooltip>
  );
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
            {can(me, 'approvals.read') && <InboxBadge />}
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
