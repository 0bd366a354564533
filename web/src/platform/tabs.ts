/**
 * Page tabs (多页签): the pages visited in this browser tab's session, each with the full URL it was last seen at —
 * its search parameters hold a list's filters and page, so switching back to a tab restores the list as it was
 * left. Kept in sessionStorage (a reload keeps them; another browser tab starts its own; signing out clears them).
 */
export interface PageTab {
  /** the page: a pathname ('/employers/123'); one tab per page */
  path: string;
  /** where the page was last: pathname + search */
  url: string;
}

const STORAGE_KEY = 'sifund.tabs';

export function loadTabs(): PageTab[] {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(stored) ? stored.filter((tab): tab is PageTab => typeof tab?.path === 'string' && typeof tab?.url === 'string') : [];
  } catch { return []; }
}

export function saveTabs(tabs: readonly PageTab[]) {
  try { sessionStorage.setItem(STORAGE_KEY, JSON.stringify(tabs)); } catch { /* storage full or off: the tabs live as long as the page */ }
}

export function forgetTabs() {
  try { sessionStorage.removeItem(STORAGE_KEY); } catch { /* nothing kept */ }
}

/** The page at `url` was shown: its tab follows it (a new page gets a tab at the end). */
export function visitTab(tabs: readonly PageTab[], path: string, url: string): PageTab[] {
  return tabs.some((tab) => tab.path === path) ? tabs.map((tab) => (tab.path === path ? { path, url } : tab)) : [...tabs, { path, url }];
}

/**
 * Closes a tab; when it was the current one, the page to go to: the tab that took its place (the next one, or the
 * one before when it was the last), or the home page when none is left.
 */
export function closeTab(tabs: readonly PageTab[], path: string, currentPath: string): { tabs: PageTab[]; goTo?: string } {
  const index = tabs.findIndex((tab) => tab.path === path);
  if (index < 0) return { tabs: [...tabs] };
  const remaining = tabs.filter((tab) => tab.path !== path);
  if (path !== currentPath) return { tabs: remaining };
  return { tabs: remaining, goTo: (remaining[index] ?? remaining[index - 1])?.url ?? '/' };
}

/** Keeps only the tab of `path`. */
export function closeOtherTabs(tabs: readonly PageTab[], path: string): PageTab[] {
  return tabs.filter((tab) => tab.path === path);
}
