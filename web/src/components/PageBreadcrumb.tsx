/** 当前位置: 首页 / section / menu entry / detail title, above every page (platform/navigation.ts); a crumb with a page links to where it was left. */
import { Link, useLocation } from 'react-router-dom';
import { Breadcrumb } from 'antd';
import { useI18n } from '../i18n.ts';
import { breadcrumbsOf, type Manifests } from '../platform/navigation.ts';

export function PageBreadcrumb({ manifests, urlOf }: { manifests: Manifests; urlOf(path: string): string }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const crumbs = breadcrumbsOf(pathname, manifests);
  return (
    <Breadcrumb
      style={{ marginBottom: 12 }} data-testid="breadcrumb" aria-label={t('nav.breadcrumb')}
      items={crumbs.map((crumb, index) => ({
        title: crumb.path && index < crumbs.length - 1 ? <Link to={urlOf(crumb.path)}>{t(crumb.label)}</Link> : t(crumb.label),
      }))}
    />
  );
}
