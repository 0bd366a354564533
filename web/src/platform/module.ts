/**
 * A web module's manifest: what one folder under web/src/modules/ adds to the app. The shell (App.tsx, AppLayout.tsx,
 * i18n.ts) finds every `modules/<name>/index.ts` through `modules.ts` and loops over their manifests, so a new module
 * is a new folder: its routes, its menu entries and its messages, with no shared list to edit.
 */
import type { ComponentType, LazyExoticComponent } from 'react';
import type { Permission } from '../permissions.ts';
import type { Me } from '../types.ts';

/** The UI's words: `key: [中文, English]`; `{name}` placeholders are filled by `t(key, {name})`. */
export type Messages = Record<string, readonly [string, string]>;

interface RouteBase {
  /** The URL, from the root: '/employers/:id'; '/' is the landing page. */
  path: string;
  /** The user needs one of these (the permission the page's API asks for); without it the page shows 无权访问. */
  permission?: readonly Permission[];
  /** Outside the signed-in frame (the sign-in page). */
  public?: boolean;
  /**
   * Message key of the page's title where the menu does not name it: the last breadcrumb and the tab of a detail
   * page ('/employers/:id': 单位详情), or of a page outside the menu. Without it a detail page is titled 详情.
   */
  title?: string;
}
export type WebRoute = RouteBase & ({ page: LazyExoticComponent<ComponentType> } | { redirect: string });

/** A menu group: a submenu of the staff menu, or a titled group of the portal menu. */
export interface MenuSection {
  key: string;
  order: number;
  /** message key of the title */
  label: string;
  icon?: ComponentType;
  /** Staff see the staff menu; employer and person accounts only the portal menu (R10.1). */
  audience: 'staff' | 'portal';
  /**
   * 'always': open when the frame opens; a path prefix: open on a page under it. The section of the current page's
   * menu entry opens anyway (platform/navigation.ts), so a prefix is needed only for pages outside the menu.
   */
  open?: 'always' | `/${string}`;
}

/** A menu entry: a link labelled `menu.<key>` with `data-testid="menu-<key>"`, shown only to holders of its permission. */
export interface MenuEntry {
  key: string;
  path: string;
  order: number;
  /** the section it belongs to (any module's); none: a top-level entry of the staff menu */
  section?: string;
  icon?: ComponentType;
  permission?: Permission;
}

/** A control in the header (left of the user's name), shown only to holders of its permission. */
export interface HeaderItem {
  key: string;
  order: number;
  permission?: Permission;
  component: ComponentType;
}

/**
 * A tab of the person page (参保人员详情) that another module adds — the benefits module's 待遇 — shown only to holders
 * of its permission, after the registry's own tabs in `order`; `?tab=<key>` opens it.
 */
export interface PersonTab {
  key: string;
  order: number;
  /** message key of the tab's label */
  label: string;
  permission: Permission;
  component: LazyExoticComponent<ComponentType<{ personId: string }>>;
}

export interface WebModule {
  name: string;
  personTabs?: readonly PersonTab[];
  routes?: readonly WebRoute[];
  menuSections?: readonly MenuSection[];
  menu?: readonly MenuEntry[];
  headerItems?: readonly HeaderItem[];
  messages?: Messages;
  /** Where the user lands on '/' instead of the dashboard (a portal account goes to its portal), or undefined. */
  landing?: (me: Me) => string | undefined;
}
