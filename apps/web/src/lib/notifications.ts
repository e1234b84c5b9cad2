/** In-app notifications as the API lists them, and how the page words them (no server code here). */
import type { NotificationKind } from '@challenge/domain';
import type { Locale, Translate } from './i18n';
import type { notifications as messages } from './i18n/notifications.zh-CN';

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

export type SentenceKey = keyof typeof messages.sentences;

/** Which sentence tells of a notification: by its kind, refined by the facts it carries. */
export function sentenceKey(n: Pick<NotificationItem, 'kind' | 'data'>): SentenceKey {
  switch (n.kind) {
    case 'challenge_amended':
      return n.data.amendmentKind === 'deadline_extension' ? 'deadline_extended' : 'challenge_amended';
    case 'eligibility_result':
      return n.data.state === 'eligible' ? 'eligible' : n.data.state === 'ineligible' ? 'ineligible' : 'eligibility_result';
    case 'question_answered':
      // A follower hears of answers to other people's questions.
      return n.data.via === 'follow' ? 'question_answered_follow' : 'question_answered';
    case 'application_deadline_soon':
      return n.data.days === 1 ? 'application_deadline_last_day' : 'application_deadline_soon';
    case 'saved_search_match':
      return n.data.count === 1 ? 'saved_search_match_one' : 'saved_search_match';
    case 'review_assigned':
    case 'decision_published':
    case 'objection_resolved':
    case 'awarded':
    case 'milestone_submitted':
    case 'milestone_returned':
    case 'milestone_accepted':
    case 'milestone_verified':
    case 'milestone_due_soon':
    case 'milestone_overdue':
    case 'release_disbursed':
    case 'release_confirmed':
    case 'release_disputed':
      // Narrowed to one of these literals (the `string & {}` of later kinds does not narrow).
      return n.kind as Extract<SentenceKey, NotificationKind>;
    default:
      return 'other';
  }
}

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
