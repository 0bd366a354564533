/**
 * The UI's words: Chinese by default, English on request (persisted in localStorage). Every label is one entry
 * `key: [中文, English]` in the shell's messages.ts or a module's; `t(key, {n: 3})` fills `{n}` placeholders.
 * Messages from the API are bilingual already.
 */
import { createContext, createElement, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

import type { Messages } from './platform/module.ts';
import { messages as shellMessages } from './messages.ts';
import { webModules } from './modules.ts';

export type Lang = 'zh' | 'en';

/** The shell's words and every module's (modules/<name>/messages.ts, through its manifest); a key belongs to one of them. */
const dict: Messages = Object.assign({}, shellMessages, ...webModules.map((module) => module.messages ?? {}));

const STORAGE_KEY = 'sifund.lang';

export function storedLang(): Lang {
  try { return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh'; } catch { return 'zh'; }
}

/** Is there a label for the key? (for values the API labels itself, e.g. a sign-off kind: its own label is the fallback) */
export function hasMessage(key: string): boolean {
  return Object.hasOwn(dict, key);
}

/** Looks a key up; unknown keys (e.g. a new enum value from the API) come back as they are. */
export function translate(lang: Lang, key: string, vars?: Record<string, string | number>): string {
  const entry = Object.hasOwn(dict, key) ? dict[key] : undefined;
  let text = entry ? entry[lang === 'en' ? 1 : 0] : key.slice(key.indexOf('.') + 1);
  if (vars) text = text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  return text;
}

export type Translate = (key: string, vars?: Record<string, string | number>) => string;
interface I18n { lang: Lang; setLang(lang: Lang): void; t: Translate }

const I18nContext = createContext<I18n>({ lang: 'zh', setLang: () => {}, t: (key, vars) => translate('zh', key, vars) });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = useCallback((next: Lang) => {
    try { localStorage.setItem(STORAGE_KEY, next); } catch { /* private mode: keep it for this tab */ }
    document.documentElement.lang = next === 'en' ? 'en' : 'zh-CN';
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, vars) => translate(lang, key, vars) }), [lang, setLang]);
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
