/**
 * Messages that carry what the user typed (the search text, a correction): cut into pieces so the
 * page can mark the user's text apart (data-user-text, its own lang) and never mix it into markup.
 */
import type { MessageKey, Params, Translate } from '$lib/i18n';

export interface Piece {
  text: string;
  /** Typed by a user (or read from what they typed), not a message of ours. */
  user: boolean;
}

const SLOT = '\u0000';

export function messagePieces(t: Translate, key: MessageKey, params: Params, user: Record<string, string>): Piece[] {
  const slots = Object.fromEntries(Object.keys(user).map((name) => [name, `${SLOT}${name}${SLOT}`]));
  const parts = t(key, { ...params, ...slots }).split(new RegExp(`${SLOT}(\\w+)${SLOT}`));
  // split() with a capture group alternates: text, slot name, text, …
  return parts
    .map((part, i) => (i % 2 === 1 ? { text: user[part] ?? '', user: true } : { text: part, user: false }))
    .filter((p) => p.text !== '');
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
export const hasChinese = (text: string): boolean => CJK.test(text);
