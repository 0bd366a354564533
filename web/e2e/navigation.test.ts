/** Breadcrumbs, menu sections and page tabs from the module manifests (web/src/platform/navigation.ts, tabs.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lazy } from 'react';
import { breadcrumbsOf, menuEntryOf, pageTitleOf, sectionsOf, type Manifests } from '../src/platform/navigation.ts';
import { closeOtherTabs, closeTab, visitTab, type PageTab } from '../src/platform/tabs.ts';

const page = lazy(async () => ({ default: () => null }));
const manifests: Manifests = {
  sections: [
    { key: 'registry', order: 30, label: 'menu.registry', audience: 'staff', open: 'always' },
    { key: 'collection', order: 40, label: 'menu.collection', audience: 'staff' },
    { key: 'ledger', order: 70, label: 'menu.ledger', audience: 'staff', open: '/ledger' },
  ],
  entries: [
    { order: 10, key: 'dashboard', path: '/' },
    { section: 'registry', order: 10, key: 'employers', path: '/employers' },
    { section: 'collection', order: 20, key: 'bills', path: '/collection/bills' },
    { section: 'ledger', order: 10, key: 'ledgerBalances', path: '/ledger/balances' },
    { order: 20, key: 'approvals', path: '/approvals' },
  ],
  routes: [
    { path: '/', page },
    { path: '/employers', page },
    { path: '/employers/:id', page, title: 'registry.employerDetail' },
    { path: '/collection', redirect: '/collection/bills' },
    { path: '/collection/bills', page },
    { path: '/collection/bills/:number', page },
    { path: '/ledger/balances', page },
    { path: '/ledger/balances/:fund/:account', page },
    { path: '/approvals', page },
    { path: '/account/password', page, title: 'header.changePassword' },
  ],
};

test('a page belongs to the menu entry of the longest menu path that prefixes it', () => {
  assert.equal(menuEntryOf('/employers/123', manifests.entries)?.key, 'employers');
  assert.equal(menuEntryOf('/employersx', manifests.entries), undefined, 'a prefix is a whole path segment');
  assert.equal(menuEntryOf('/ledger/balances/990000-pension/1001', manifests.entries)?.key, 'ledgerBalances');
  assert.equal(menuEntryOf('/', manifests.entries)?.key, 'dashboard');
  assert.equal(menuEntryOf('/account/password', manifests.entries), undefined, "'/' covers only itself");
});

test('breadcrumbs: 首页 / section / entry / detail title', () => {
  assert.deepEqual(breadcrumbsOf('/', manifests), [{ label: 'nav.home', path: '/' }]);
  assert.deepEqual(breadcrumbsOf('/employers', manifests), [
    { label: 'nav.home', path: '/' }, { label: 'menu.registry' }, { label: 'menu.employers', path: '/employers' },
  ]);
  assert.deepEqual(breadcrumbsOf('/employers/8100000001', manifests), [
    { label: 'nav.home', path: '/' }, { label: 'menu.registry' }, { label: 'menu.employers', path: '/employers' }, { label: 'registry.employerDetail' },
  ]);
  assert.deepEqual(breadcrumbsOf('/collection/bills/B2026-01', manifests).map((crumb) => crumb.label), ['nav.home', 'menu.collection', 'menu.bills', 'common.detail'],
    'a detail route without a title is 详情');
  assert.deepEqual(breadcrumbsOf('/approvals', manifests).map((crumb) => crumb.label), ['nav.home', 'menu.approvals'], 'a top-level entry has no section');
  assert.deepEqual(breadcrumbsOf('/account/password', manifests).map((crumb) => crumb.label), ['nav.home', 'header.changePassword'], 'a page outside the menu by its title');
});

test("a tab is titled by its menu entry, its route's title, or the entry and 详情", () => {
  assert.deepEqual(pageTitleOf('/', manifests), ['nav.home']);
  assert.deepEqual(pageTitleOf('/employers', manifests), ['menu.employers']);
  assert.deepEqual(pageTitleOf('/employers/8100000001', manifests), ['registry.employerDetail']);
  assert.deepEqual(pageTitleOf('/collection/bills/B2026-01', manifests), ['menu.bills', 'common.detail']);
});

test("the menu opens the section of the page's entry, and one declared open on the path", () => {
  assert.deepEqual(sectionsOf('/collection/bills/B2026-01', manifests), ['collection']);
  assert.deepEqual(sectionsOf('/employers', manifests), ['registry']);
  assert.deepEqual(sectionsOf('/ledger/other', manifests), ['ledger']);
  assert.deepEqual(sectionsOf('/approvals', manifests), []);
});

test('tabs follow the pages visited, each with the URL it was left at', () => {
  let tabs: PageTab[] = [];
  tabs = visitTab(tabs, '/persons', '/persons');
  tabs = visitTab(tabs, '/persons', '/persons?name=%E5%BC%A0&page=3');
  tabs = visitTab(tabs, '/employers', '/employers');
  assert.deepEqual(tabs, [{ path: '/persons', url: '/persons?name=%E5%BC%A0&page=3' }, { path: '/employers', url: '/employers' }]);

  assert.deepEqual(closeTab(tabs, '/employers', '/persons'), { tabs: [tabs[0]] }, 'closing another tab stays on the page');
  assert.deepEqual(closeTab(tabs, '/employers', '/employers'), { tabs: [tabs[0]], goTo: '/persons?name=%E5%BC%A0&page=3' }, 'closing the last one goes to the one before, as it was left');
  assert.deepEqual(closeTab(tabs, '/persons', '/persons').goTo, '/employers', 'closing the first goes to the next');
  assert.deepEqual(closeTab([tabs[0]], '/persons', '/persons'), { tabs: [], goTo: '/' });
  assert.deepEqual(closeOtherTabs(tabs, '/employers'), [tabs[1]]);
});
