/**
 * The UI's words: Chinese by default, English on request (persisted in localStorage). Every label is one entry
 * `key: [中文, English]` in the shell's messages.ts or a module's; `t(key, {n: 3})` fills `{n}` placeholders
 * (i18next renders them: platform/translator.ts). The API answers in the same language (api.ts sends it).
 */
import { createContext, createElement, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

import type { Messages } from './platform/module.ts';
import { createTranslator, type Vars } from './platform/translator.ts';
import { languageTag, storedLang, storeLang, type Lang } from './platform/language.ts';
import { messages as shellMessages } from './messages.ts';
import { messages as listMessages } from './components/list/messages.ts';
import { webModules } from './modules.ts';

export type { Lang };

/** The shell's words and every module's (modules/<name>/messages.ts, through its manifest); a key belongs to one of them. */
const dict: Messages = Object.assign({}, shellMessages, listMessages, ...webModules.map((module) => module.messages ?? {}));
const translator = createTranslator(dict);

export const hasMessage = translator.has;
export const translate = translator.translate;

export type Translate = (key: string, vars?: Vars) => string;
interface I18n { lang: Lang; setLang(lang: Lang): void; t: Translate }

const I18nContext = createContext<I18n>({ lang: 'zh', setLang: () => {}, t: (key, vars) => translate('zh', key, vars) });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = useCallback((next: Lang) => {
    storeLang(next);
    document.documentElement.lang = languageTag(next);
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, vars) => translate(lang, key, vars) }), [lang, setLang]);
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
