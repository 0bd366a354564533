/**
 * 多页签: a tab per page visited in this session (platform/tabs.ts), titled by its menu entry or route title; a click
 * goes back to the page at the URL it was left at, × closes it, and a right click (or the ⌄ button for the current
 * tab) offers 关闭其他 / 关闭全部.
 */
import { useCallback, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Button, Dropdown, Tabs, type MenuProps } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n.ts';
import { pageRouteOf, pageTitleOf, type Manifests } from '../platform/navigation.ts';
import { closeOtherTabs, closeTab, loadTabs, saveTabs, visitTab, type PageTab } from '../platform/tabs.ts';

export interface PageTabsState {
  tabs: PageTab[];
  /** where a page was left (its tab's URL), or the page itself when it has no tab */
  urlOf(path: string): string;
  close(path: string): void;
  closeOthers(path: string): void;
  closeAll(): void;
}

/** The tabs of the session, following the location: every page a route renders gets (or updates) its tab. */
export function usePageTabs(manifests: Manifests): PageTabsState {
  const location = useLocation();
  const navigate = useNavigate();
  const [tabs, setTabs] = useState<PageTab[]>(loadTabs);
  const { pathname, search } = location;
  useEffect(() => {
    if (pageRouteOf(pathname, manifests.routes)) setTabs((previous) => visitTab(previous, pathname, pathname + search));
  }, [pathname, search, manifests.routes]);
  useEffect(() => saveTabs(tabs), [tabs]);

  const urlOf = useCallback((path: string) => tabs.find((tab) => tab.path === path)?.url ?? path, [tabs]);
  const close = (path: string) => {
    const closed = closeTab(tabs, path, pathname);
    setTabs(closed.tabs);
    if (closed.goTo) navigate(closed.goTo);
  };
  const closeOthers = (path: string) => {
    setTabs(closeOtherTabs(tabs, path));
    if (path !== pathname) navigate(urlOf(path));
  };
  const closeAll = () => {
    setTabs([]);
    navigate('/');
  };
  return { tabs, urlOf, close, closeOthers, closeAll };
}

export function PageTabs({ state, manifests }: { state: PageTabsState; manifests: Manifests }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const actions = (path: string): MenuProps => ({
    items: [
      { key: 'close', label: t('nav.closeTab'), onClick: () => state.close(path) },
      { key: 'others', label: t('nav.closeOthers'), onClick: () => state.closeOthers(path) },
      { key: 'all', label: t('nav.closeAll'), onClick: state.closeAll },
    ],
  });
  if (state.tabs.length === 0) return null;
  return (
    <Tabs
      type="editable-card" hideAdd size="small" data-testid="page-tabs" aria-label={t('nav.tabs')}
      activeKey={pathname} onChange={(path) => navigate(state.urlOf(path))}
      onEdit={(path, action) => { if (action === 'remove' && typeof path === 'string') state.close(path); }}
      tabBarStyle={{ margin: 0, padding: '6px 16px 0', background: '#fff' }}
      tabBarExtraContent={{ right: (
        <Dropdown menu={actions(pathname)} trigger={['click']}>
          <Button size="small" type="text" icon={<DownOutlined />} aria-label={t('nav.closeOthers')} data-testid="tabs-actions" />
        </Dropdown>
      ) }}
      items={state.tabs.map((tab) => ({
        key: tab.path,
        label: (
          <Dropdown menu={actions(tab.path)} trigger={['contextMenu']}>
            <span data-testid="page-tab" data-path={tab.path} title={tab.url}>{pageTitleOf(tab.path, manifests).map((key) => t(key)).join(' · ')}</span>
          </Dropdown>
        ),
      }))}
    />
  );
}
