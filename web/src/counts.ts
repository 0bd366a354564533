/**
 * Counts that may be capped (docs/decisions.md, "Search totals are capped"): a list counts at most 10,001 matching
 * rows and answers `totalCapped: true` beyond 10,000, so a capped total means "more than 10,000" and is shown as
 * "10,000+", never as the 10,001 the count stopped at.
 */
import type { Translate } from './i18n.ts';

/** What a list answers about its size. */
export interface Counted { items?: readonly unknown[]; total?: number; totalCapped?: boolean }

/** The number a count stands for and whether there are more: a capped total stopped one row past the cap. */
export function countOf(list: Counted): { value: number; capped: boolean } {
  const total = list.total ?? list.items?.length ?? 0;
  return list.totalCapped ? { value: Math.max(total - 1, 0), capped: true } : { value: total, capped: false };
}

/** 1234 → "1,234"; with `capped`, 10000 → "10,000+". */
export function formatCount(value: number, capped = false): string {
  return `${value.toLocaleString('en-US')}${capped ? '+' : ''}`;
}

/** A list's size for display: "1,234", or "10,000+" when its count was capped. */
export function formatListCount(list: Counted): string {
  const { value, capped } = countOf(list);
  return formatCount(value, capped);
}

/** The pagination line of a list page: "共 1,234 条", or "共 10,000+ 条" when the count was capped. */
export function listTotalLabel(t: Translate, list: Counted | undefined): string {
  const { value, capped } = countOf(list ?? {});
  return t('common.total', { n: formatCount(value, capped) });
}

/** Beside a capped total (a tooltip): more rows match than are counted, so narrow the search; nothing for an exact total. */
export function listTotalHint(t: Translate, list: Counted | undefined): string | undefined {
  const { value, capped } = countOf(list ?? {});
  return capped ? t('common.totalCapped', { n: formatCount(value) }) : undefined;
}
