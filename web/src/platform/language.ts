/**
 * The user's language: Chinese by default, English on request, kept in localStorage so it survives a reload. The
 * UI's words (i18n.ts) and the API's answers (api.ts sends it as `accept-language`) both follow it.
 */
export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'sifund.lang';

export function storedLang(): Lang {
  try { return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh'; } catch { return 'zh'; }
}

export function storeLang(lang: Lang) {
  try { localStorage.setItem(STORAGE_KEY, lang); } catch { /* private mode: kept for this tab by the caller's state */ }
}

/** The language tag of a UI language: what `accept-language` and `<html lang>` carry. */
export const languageTag = (lang: Lang) => (lang === 'en' ? 'en' : 'zh-CN');
