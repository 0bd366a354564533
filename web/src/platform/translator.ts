/**
 * The UI's words rendered by i18next, as the server renders its own (src/platform/messages.ts): flat keys (no key or
 * namespace separators), `{name}` placeholders, no HTML escaping (React escapes). Kept apart from i18n.ts, which
 * gathers every module's messages, so that it runs outside the bundle (unit tests).
 */
import i18next from 'i18next';
import type { Messages } from './module.ts';
import type { Lang } from './language.ts';

export type Vars = Record<string, string | number>;

export interface Translator {
  /** Is there a label for the key? (for values the API labels itself, e.g. a sign-off kind: its own label is the fallback) */
  has(key: string): boolean;
  /** Looks a key up; an unknown key (e.g. a new enum value from the API) comes back as its last part after the first dot. */
  translate(lang: Lang, key: string, vars?: Vars): string;
}

export function createTranslator(messages: Messages): Translator {
  const instance = i18next.createInstance();
  const resources = {
    zh: { translation: Object.fromEntries(Object.entries(messages).map(([key, [zh]]) => [key, zh])) },
    en: { translation: Object.fromEntries(Object.entries(messages).map(([key, [, en]]) => [key, en])) },
  };
  void instance.init({
    initAsync: false, showSupportNotice: false, resources, lng: 'zh', fallbackLng: false,
    keySeparator: false, nsSeparator: false, returnNull: false,
    interpolation: { prefix: '{', suffix: '}', escapeValue: false },
  });
  const has = (key: string) => Object.hasOwn(messages, key);
  return {
    has,
    translate(lang, key, vars) {
      if (!has(key)) return key.slice(key.indexOf('.') + 1);
      return instance.t(key, { ...vars, lng: lang });
    },
  };
}
