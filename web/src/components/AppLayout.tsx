/** The signed-in frame: module menu on the left, user and language in the header, service health in the footer. */
import { Suspense, useMemo, useState, type ComponentType } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Dropdown, Layout, Menu, Space, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import {
  AlertOutlined, AppstoreOutlined, EnvironmentOutlined, EyeOutlined, FundOutlined, GiftOutlined, LineChartOutlined, LogoutOutlined,
  TranslationOutlined, UserOutlined,
} from '@ant-design/icons';
import { useI18n, type Translate } from '../i18n.ts';
import { useMe, useSession } from '../session.tsx';
import { can, isPortalUser } from '../permissions.ts';
import type { Me } from '../types.ts';
import { webModules } from '../modules.ts';
import type { MenuEntry, MenuSection } from '../platform/module.ts';
import { HealthFooter } from './HealthFooter.tsx';
import { PageSpinner } from './PageSpinner.tsx';

type Item = Required<MenuProps>['items'][number];

const sections: MenuSection[] = webModules.flatMap((module) => module.menuSections ?? []);
const entries: MenuEntry[] = webModules.flatMap((module) => module.menu ?? []);
const headerItems = webModules.flatMap((module) => module.headerItems ?? []).sort((a, b) => a.order - b.order);
const byOrder = (a: { order: number }, b: { order: number }) => a.order - b.order;

/** Modules still being built: listed (so users see what is coming) but not clickable; no placeholder pages. A module folder of the same name takes its place. */
const plannedModules: [string, ComponentType][] = [
  ['benefits', GiftOutlined], ['budget', FundOutlined], ['execution', LineChartOutlined], ['alerts', AlertOutlined], ['supervision', EyeOutlined],
];
function comingSoon(t: Translate): Item | false {
  const planned = plannedModules.filter(([name]) => !webModules.some((module) => module.name === name));
  return planned.length > 0 && {
    key: 'soon', icon: <AppstoreOutlined />, label: <span>{t('menu.more')} <Tag style={{ marginInlineStart: 4, fontSize: 11 }}>{t('common.comingSoon')}</Tag></span>,
    children: planned.map(([name, Icon]) => ({ key: `soon:${name}`, icon: <Icon />, disabled: true, label: t(`menu.${name}`) })),
  };
}

/**
 * The menu: each entry only when the user holds the permission its page needs (the API checks it again); a section
 * without any is left out. Employers and insured persons see only their self-service portal (R10.1), staff the rest.
 */
function menuItems(t: Translate, me: Me): Item[] {
  const shown = (entry: MenuEntry) => !entry.permission || can(me, entry.permission);
  const item = (entry: MenuEntry): Item => ({
    key: entry.path, icon: entry.icon && <entry.icon />,
    label: <Link to={entry.path} data-testid={`menu-${entry.key}`}>{t(`menu.${entry.key}`)}</Link>,
  });
  const audience = isPortalUser(me) ? 'portal' : 'staff';
  const groups = sections.filter((section) => section.audience === audience).map((section) => {
    const children = entries.filter((entry) => entry.section === section.key && shown(entry)).sort(byOrder).map(item);
    const label = t(section.label);
    const group: Item = section.audience === 'portal'
      ? { type: 'group', key: section.key, label, children }
      : { key: section.key, icon: section.icon && <section.icon />, label, children };
    return { order: section.order, item: children.length > 0 ? group : undefined };
  });
  const topLevel = audience === 'staff' ? entries.filter((entry) => !entry.section && shown(entry)).map((entry) => ({ order: entry.order, item: item(entry) })) : [];
  const items = [...groups, ...topLevel].sort(byOrder).flatMap(({ item }) => (item ? [item] : []));
  const soon = audience === 'staff' && comingSoon(t);
  return soon ? [...items, soon] : items;
}

/** The sections open when the frame opens: those always open, and the one whose pages the frame opens on. */
function initiallyOpen(pathname: string): string[] {
  return sections.filter(({ open }) => open === 'always' || (open !== undefined && pathname.startsWith(open))).map((section) => section.key);
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
  const [openKeys, setOpenKeys] = useState<string[]>(() => initiallyOpen(location.pathname));
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
            {headerItems.filter((item) => !item.permission || can(me, item.permission)).map(({ key, component: Item }) => <Item key={key} />)}
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
