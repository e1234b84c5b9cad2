/** In-app notifications as the API lists them, and how the page words them (no server code here). */
import { notificationSentenceKey, type NotificationKind, type NotificationSentenceKey } from '@challenge/domain';
import type { Locale, Translate } from './i18n';

export interface NotificationItem {
  id: string;
  /** A kind of today's list; a kind added later still renders (as a generic sentence). */
  kind: NotificationKind | (string & {});
  createdAt: string;
  readAt: string | null;
  /** The challenge it concerns, by its public titles. */
  challenge: { id: string; titleZh: string; titleEn: string | null } | null;
  subjectId: string | null;
  /** Kind-specific facts: `state` of an eligibility result, `amendmentKind` of an amendment … */
  data: Record<string, unknown>;
}

export interface NotificationPage {
  items: NotificationItem[];
  total: number;
  page: number;
  pageSize: number;
  unread: number;
}

export type SentenceKey = NotificationSentenceKey;

/** Which sentence tells of a notification (the same choice as its e-mail makes). */
export const sentenceKey = (n: Pick<NotificationItem, 'kind' | 'data'>): SentenceKey => notificationSentenceKey(n.kind, n.data);

/** A sentence cut around the challenge's title, so the page can make the title a link in its own language. */
export interface Sentence {
  before: string;
  /** The linked words: a challenge's title, or the name of a saved search (whose language is not known). */
  title: { text: string; lang?: Locale; href: string } | null;
  after: string;
}

const SLOT = '\u0000';
const filled = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '';

/** A saved search's results: only a path of the challenge list is followed (never another site). */
const searchHref = (path: unknown): string => (typeof path === 'string' && /^\/challenges(\?|$)/.test(path) ? path : '/challenges');

export function notificationSentence(t: Translate, locale: Locale, n: Pick<NotificationItem, 'kind' | 'data' | 'challenge'> & { subjectId?: string | null }): Sentence {
  const key = sentenceKey(n);
  const days = typeof n.data.days === 'number' ? n.data.days : 3;
  const count = typeof n.data.count === 'number' ? n.data.count : 0;
  if (key === 'saved_search_match' || key === 'saved_search_match_one') {
    // The search's name is the link, to its results (it names no one challenge).
    const [before = '', after = ''] = t(`notifications.sentences.${key}`, { name: SLOT, count }).split(SLOT);
    return { before, title: { text: typeof n.data.name === 'string' ? n.data.name : '', href: searchHref(n.data.searchPath) }, after };
  }
  if (!n.challenge) return { before: t(`notifications.sentencesWithoutChallenge.${key}`, { days }), title: null, after: '' };
  const [before = '', after = ''] = t(`notifications.sentences.${key}`, { challenge: SLOT, days }).split(SLOT);
  // The title in the reader's language, falling back to the Chinese original.
  const title = locale === 'en' && filled(n.challenge.titleEn) ? { text: n.challenge.titleEn, lang: 'en' as const } : { text: n.challenge.titleZh, lang: 'zh-CN' as const };
  // A project's news leads to the project, a draft's reminder to the draft; anything else to the challenge.
  const href = typeof n.data.projectId === 'string'
    ? `/projects/${encodeURIComponent(n.data.projectId)}`
    : n.kind === 'application_deadline_soon' && n.subjectId
      ? `/applications/${encodeURIComponent(n.subjectId)}`
      : `/challenges/${encodeURIComponent(n.challenge.id)}`;
  return { before, title: { ...title, href }, after };
}

/** The header badge's figure: exact up to 99 (the link's accessible name always says the exact count). */
export const badgeCount = (unread: number): string => (unread > 99 ? '99+' : String(unread));
