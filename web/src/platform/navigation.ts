/**
 * Where the user is, from the module manifests and the URL: the menu entry of a page (the longest menu path that
 * prefixes it, so a detail page /employers/:id belongs to 参保单位 /employers), its section, the breadcrumbs
 * 首页 / section / menu entry / detail title, and the title of the page's tab. Pure: the frame (AppLayout) passes
 * every module's manifests in.
 */
import { matchPath } from 'react-router-dom';
import type { MenuEntry, MenuSection, WebRoute } from './module.ts';

export interface Manifests { sections: readonly MenuSection[]; entries: readonly MenuEntry[]; routes: readonly WebRoute[] }

/** A breadcrumb: a message key and, when it leads somewhere, the path. */
export interface Crumb { label: string; path?: string }

/** The menu entry a path belongs to: the entry of the longest menu path that is the path or a prefix of it ('/' only itself). */
export function menuEntryOf(pathname: string, entries: readonly MenuEntry[]): MenuEntry | undefined {
  const covers = (entry: MenuEntry) => (entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`));
  return entries.filter(covers).sort((a, b) => b.path.length - a.path.length)[0];
}

/** The route that renders a path (a redirect or an unknown path: none). */
export function pageRouteOf(pathname: string, routes: readonly WebRoute[]): WebRoute | undefined {
  return routes.find((route) => 'page' in route && matchPath({ path: route.path, end: true }, pathname) !== null);
}

export const menuLabel = (entry: MenuEntry) => `menu.${entry.key}`;

/**
 * The breadcrumbs of a page: 首页, then the section and the menu entry the page belongs to, then — on a page below
 * the entry (a detail page) — the route's title (或 详情).
 */
export function breadcrumbsOf(pathname: string, manifests: Manifests): Crumb[] {
  const crumbs: Crumb[] = [{ label: 'nav.home', path: '/' }];
  if (pathname === '/') return crumbs;
  const route = pageRouteOf(pathname, manifests.routes);
  const entry = menuEntryOf(pathname, manifests.entries);
  if (entry && entry.path !== '/') {
    const section = manifests.sections.find((candidate) => candidate.key === entry.section);
    if (section) crumbs.push({ label: section.label });
    crumbs.push({ label: menuLabel(entry), path: entry.path });
    if (pathname !== entry.path) crumbs.push({ label: route?.title ?? 'common.detail' });
  } else if (route?.title) crumbs.push({ label: route.title });
  return crumbs;
}

/** The title of a page's tab, as message keys to join: the menu entry, the route's title, or the entry and 详情. */
export function pageTitleOf(pathname: string, manifests: Manifests): string[] {
  const [, ...rest] = breadcrumbsOf(pathname, manifests);
  const entry = menuEntryOf(pathname, manifests.entries);
  if (pathname === '/' || entry?.path === '/') return ['nav.home'];
  const last = rest[rest.length - 1];
  if (!last) return [];
  return last.label === 'common.detail' && entry ? [menuLabel(entry), last.label] : [last.label];
}

/** The sections to open for a page: the section of its menu entry, and any section declared open on its path prefix. */
export function sectionsOf(pathname: string, manifests: Pick<Manifests, 'sections' | 'entries'>): string[] {
  const entry = menuEntryOf(pathname, manifests.entries);
  return manifests.sections
    .filter(({ key, open }) => key === entry?.section || (open !== undefined && open !== 'always' && pathname.startsWith(open)))
    .map(({ key }) => key);
}
