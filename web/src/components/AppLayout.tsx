/**
 * The signed-in frame: the module menu on the left (its own scroll area under a fixed title, so its last entry is
 * reachable on a 1366×768 screen; the section of the current page open), user and language in the header, the
 * page tabs under it, breadcrumbs above every page, service health in the footer.
 */
import { Suspense, useEffect, useMemo, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Dropdown, Layout, Menu, Space, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import { EnvironmentOutlined, LogoutOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { useI18n, type Translate } from '../i18n.ts';
import { useMe, useSession } from '../session.tsx';
import { can, isPortalUser } from '../permissions.ts';
import type { Me } from '../types.ts';
import { webModules } from '../modules.ts';
import type { MenuEntry } from '../platform/module.ts';
import { menuEntryOf, menuLabel, sectionsOf, type Manifests } from '../platform/navigation.ts';
import { HealthFooter } from './HealthFooter.tsx';
import { PageSpinner } from './PageSpinner.tsx';
import { PageBreadcrumb } from './PageBreadcrumb.tsx';
import { PageTabs, usePageTabs } from './PageTabs.tsx';

type Item = Required<MenuProps>['items'][number];

const manifests: Manifests = {
  sections: webModules.flatMap((module) => module.menuSections ?? []),
  entries: webModules.flatMap((module) => module.menu ?? []),
  routes: webModules.flatMap((module) => module.routes ?? []).filter((route) => !route.public),
};
const headerItems = webModules.flatMap((module) => module.headerItems ?? []).sort((a, b) => a.order - b.order);
const byOrder = (a: { order: number }, b: { order: number }) => a.order - b.order;
const SIDER_TITLE_HEIGHT = 56;

/**
 * The menu: each entry only when the user holds the permission its page needs (the API checks it again); a section
 * without any is left out. Employers and insured persons see only their self-service portal (R10.1), staff the rest.
 * An entry links to where its page was left (its tab's URL), so its filters come back.
 */
function menuItems(t: Translate, me: Me, urlOf: (path: string) => string): { items: Item[]; shown: MenuEntry[] } {
  const visible = (entry: MenuEntry) => !entry.permission || can(me, entry.permission);
  const item = (entry: MenuEntry): Item => ({
    key: entry.path, icon: entry.icon && <entry.icon />,
    label: <Link to={urlOf(entry.path)} data-testid={`menu-${entry.key}`}>{t(menuLabel(entry))}</Link>,
  });
  const audience = isPortalUser(me) ? 'portal' : 'staff';
  const shown: MenuEntry[] = [];
  const groups = manifests.sections.filter((section) => section.audience === audience).map((section) => {
    const members = manifests.entries.filter((entry) => entry.section === section.key && visible(entry)).sort(byOrder);
    shown.push(...members);
    const children = members.map(item);
    const label = t(section.label);
    const group: Item = section.audience === 'portal'
      ? { type: 'group', key: section.key, label, children }
      : { key: section.key, icon: section.icon && <section.icon />, label, children };
    return { order: section.order, item: children.length > 0 ? group : undefined };
  });
  const topLevel = audience === 'staff' ? manifests.entries.filter((entry) => !entry.section && visible(entry)) : [];
  shown.push(...topLevel);
  const items = [...groups, ...topLevel.map((entry) => ({ order: entry.order, item: item(entry) }))].sort(byOrder).flatMap(({ item }) => (item ? [item] : []));
  return { items, shown };
}

/** The sections open when the frame opens: those always open, and the one of the page it opens on. */
function initiallyOpen(pathname: string): string[] {
  return [...new Set([...manifests.sections.filter(({ open }) => open === 'always').map(({ key }) => key), ...sectionsOf(pathname, manifests)])];
}

export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const me = useMe();
  const { logout } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const tabs = usePageTabs(manifests);
  const { items, shown } = useMemo(() => menuItems(t, me, tabs.urlOf), [t, me, tabs.urlOf]);
  const selected = menuEntryOf(pathname, shown)?.path;
  const [openKeys, setOpenKeys] = useState<string[]>(() => initiallyOpen(pathname));
  // a page reached by a link, a tab or the address bar opens its own section too (the others stay as the user left them)
  useEffect(() => {
    setOpenKeys((open) => { const missing = sectionsOf(pathname, manifests).filter((key) => !open.includes(key)); return missing.length ? [...open, ...missing] : open; });
  }, [pathname]);
  // After an administrator's reset, the API answers nothing but the password change: go there first.
  if (me.mustChangePassword && pathname !== '/account/password') return <Navigate to="/account/password" replace />;
  const userMenu: MenuProps['items'] = [{ key: 'password', label: <Link to="/account/password" data-testid="menu-change-password">{t('header.changePassword')}</Link> }];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={220} collapsible style={{ height: '100vh', position: 'sticky', top: 0, insetInlineStart: 0 }} collapsed={collapsed} onCollapse={setCollapsed} theme="dark">
        <div style={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
          <div style={{ flex: `0 0 ${SIDER_TITLE_HEIGHT}px`, display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#fff', fontWeight: 600, fontSize: collapsed ? 14 : 16, whiteSpace: 'nowrap', overflow: 'hidden' }}>
            {collapsed ? t('app.short') : t('app.sider')}
          </div>
          <div style={{ flex: '1 1 auto', minHeight: 0, overflowY: 'auto', overflowX: 'hidden' }} data-testid="menu-scroll">
            <Menu
              theme="dark" mode="inline" items={items} selectedKeys={selected ? [selected] : []}
              openKeys={collapsed ? undefined : openKeys} onOpenChange={setOpenKeys} data-testid="main-menu"
            />
          </div>
        </div>
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
        <PageTabs state={tabs} manifests={manifests} />
        <Layout.Content style={{ margin: 16 }}>
          <PageBreadcrumb manifests={manifests} urlOf={tabs.urlOf} />
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
