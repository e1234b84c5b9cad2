import type { PublicMessages } from './zh-CN';
import type { WorkMessages } from './work.zh-CN';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Each language named in itself, as a language switch shows it (not translated on purpose). */
export const ENDONYMS: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

export const isLocale = (v: unknown): v is Locale => v === 'zh-CN' || v === 'en';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** Every message: the public catalogue and the areas of signed-in work. */
export type Messages = PublicMessages & WorkMessages;
/**
 * What a page has loaded: the areas of signed-in work only for a signed-in reader; of an area in both
 * catalogues (apply, projects), a reader who is not signed in has the public part alone.
 */
export type Catalog = PublicMessages & { [Area in keyof WorkMessages]?: Partial<WorkMessages[Area]> };

/**
 * The reader's catalogue and no more: each language is a chunk of its own, and the areas of signed-in
 * work another, so a public page carries one language's public messages (issue 9: at most 80 KB of
 * compressed JavaScript on public pages). Server code that needs a translator at once uses
 * `createTranslator` of `$lib/server/i18n`.
 */
export async function loadMessages(locale: Locale, signedIn: boolean): Promise<Catalog> {
  const [base, work] = await Promise.all([
    locale === 'en' ? import('./en') : import('./zh-CN'),
    signedIn ? (locale === 'en' ? import('./work.en') : import('./work.zh-CN')) : undefined,
  ]);
  return joinCatalogs(base.messages, work?.work);
}

/** The public catalogue with the areas of signed-in work; an area in both (apply, projects) is joined key by key. */
export function joinCatalogs(base: PublicMessages, work: WorkMessages): Messages;
export function joinCatalogs(base: PublicMessages, work: WorkMessages | undefined): Catalog;
export function joinCatalogs(base: PublicMessages, work: WorkMessages | undefined): Catalog {
  if (!work) return base;
  const joined: Record<string, unknown> = { ...base };
  for (const [area, messages] of Object.entries(work)) joined[area] = { ...(joined[area] as object | undefined), ...messages };
  return joined as Messages;
}

function lookup(catalog: Catalog, key: string): string | undefined {
  let node: unknown = catalog;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function translator(catalog: Catalog): Translate {
  return (key, params) => {
    const template = lookup(catalog, key) ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
  };
}

/**
 * The first language of Accept-Language (by q-value) that we speak decides: English for en*,
 * otherwise Chinese.
 */
export function negotiateLocale(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((l) => l.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  }
  return DEFAULT_LOCALE;
}
