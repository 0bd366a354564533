/**
 * What the server says to people, in their language (R10.1): every error and refusal is a *said* message — a
 * stable key and its parameters — rendered in Chinese (zh-CN, the default of the UI) or English when it leaves:
 * the API in the language of the request's `Accept-Language` (the web app sends the user's choice), the CLI in the
 * language of `LANG`. A request without `Accept-Language` (a script, curl) gets English, as before.
 *
 * Each module keeps its own catalog (`defineMessages('registry', {...})` in `<module>/<module>.messages.ts`), and the
 * throw site names the entry, so a key can never be missing. Field labels (`idNumber` → 公民身份号码) are a catalog of
 * their own (`defineFieldLabels`), used in messages and in the error tables of imports. Rendering is i18next's
 * (interpolation `{name}` as in the web's messages, no key or namespace separators: keys are flat).
 */
import i18next from 'i18next';

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

/** A message's parameters: values shown as they are, or said messages of their own (rendered in the same language). */
export type MessageParams = Readonly<Record<string, string | number | bigint | Said>>;

/** A message not yet rendered: its catalog key and parameters. */
export interface Said { readonly key: string; readonly params: MessageParams }

/** Catalog entries: `name: [中文, English]`, `{param}` placeholders. */
export type MessageCatalog = Readonly<Record<string, readonly [zh: string, en: string]>>;

const translator = i18next.createInstance();
void translator.init({
  initAsync: false, showSupportNotice: false, resources: { 'zh-CN': { translation: {} }, en: { translation: {} } }, lng: 'en', fallbackLng: 'en',
  keySeparator: false, nsSeparator: false, returnNull: false,
  interpolation: { escapeValue: false, prefix: '{', suffix: '}' },
});

function register(key: string, [zh, en]: readonly [string, string]) {
  if (translator.exists(key, { lng: 'en', fallbackLng: false })) throw new Error(`message ${key} is defined twice`);
  translator.addResource('zh-CN', 'translation', key, zh);
  translator.addResource('en', 'translation', key, en);
}

export type MessageMakers<T extends MessageCatalog> = { readonly [K in keyof T]: (params?: MessageParams) => Said };

/** A module's catalog: keys `<namespace>.<name>`; each entry becomes a function making the said message. */
export function defineMessages<const T extends MessageCatalog>(namespace: string, entries: T): MessageMakers<T> {
  const makers: Record<string, (params?: MessageParams) => Said> = {};
  for (const [name, texts] of Object.entries(entries)) {
    const key = `${namespace}.${name}`;
    register(key, texts);
    makers[name] = (params = {}) => ({ key, params });
  }
  return makers as MessageMakers<T>;
}

/** Field labels, shared by every module: `idNumber: ['公民身份号码', 'ID number']` (key `field.idNumber`). */
export function defineFieldLabels(entries: MessageCatalog): void {
  for (const [name, texts] of Object.entries(entries)) register(`field.${name}`, texts);
}

export function isSaid(value: unknown): value is Said {
  return typeof value === 'object' && value !== null && typeof (value as Said).key === 'string' && typeof (value as Said).params === 'object';
}

/** The said message in a language; parameters that are said messages themselves are rendered first. */
export function render(said: Said | string, language: Language): string {
  if (typeof said === 'string') return said;
  if (said.key.startsWith('field.')) return fieldLabel(said.key.slice('field.'.length), language);
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(said.params)) {
    params[name] = isSaid(value) ? render(value, language) : typeof value === 'bigint' ? value.toString() : value;
  }
  if (!translator.exists(said.key, { lng: language })) return said.key;
  return translator.t(said.key, { lng: language, ...params });
}

/**
 * A field's label in a language: `idNumber` → 公民身份号码; a path (`lines.3.amount`) by its last named part; a field
 * without a label is shown by its code.
 */
export function fieldLabel(field: string, language: Language): string {
  const candidates = [field, field.split('.').filter((part) => !/^\d+$/.test(part)).pop() ?? field];
  const key = candidates.map((name) => `field.${name}`).find((name) => translator.exists(name, { lng: language }));
  return key ? translator.t(key, { lng: language }) : field;
}

/**
 * The language a request asks for: the first tag of `Accept-Language` (by its q-value) that is Chinese or English;
 * none of them, or no header: English.
 */
export function languageOf(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'en';
  const tags = acceptLanguage.split(',').map((part, index) => {
    const [tag, ...options] = part.trim().split(';');
    const q = options.map((option) => /^\s*q=([0-9.]+)\s*$/.exec(option)?.[1]).find(Boolean);
    return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
  }).filter(({ q }) => q > 0).sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of tags) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

/** The command line's language: Chinese when `LANG` (or `LC_ALL`, `LC_MESSAGES`) names a Chinese locale. */
export function languageOfEnvironment(environment: NodeJS.ProcessEnv = process.env): Language {
  const locale = environment.LC_ALL || environment.LC_MESSAGES || environment.LANG || '';
  return /^zh/i.test(locale) ? 'zh-CN' : 'en';
}
