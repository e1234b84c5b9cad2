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
  title: { text: string; lang: Locale; href: string } | null;
  after: string;
}

const SLOT = '\u0000';
const filled = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '';

export function notificationSentence(t: Translate, locale: Locale, n: Pick<NotificationItem, 'kind' | 'data' | 'challenge'>): Sentence {
  const key = sentenceKey(n);
  if (!n.challenge) return { before: t(`notifications.sentencesWithoutChallenge.${key}`), title: null, after: '' };
  const [before = '', after = ''] = t(`notifications.sentences.${key}`, { challenge: SLOT }).split(SLOT);
  // The title in the reader's language, falling back to the Chinese original.
  const title = locale === 'en' && filled(n.challenge.titleEn) ? { text: n.challenge.titleEn, lang: 'en' as const } : { text: n.challenge.titleZh, lang: 'zh-CN' as const };
  // A project's news leads to the project; anything else to the challenge.
  const href = typeof n.data.projectId === 'string' ? `/projects/${encodeURIComponent(n.data.projectId)}` : `/challenges/${encodeURIComponent(n.challenge.id)}`;
  return { before, title: { ...title, href }, after };
}

/** The header badge's figure: exact up to 99 (the link's accessible name always says the exact count). */
export const badgeCount = (unread: number): string => (unread > 99 ? '99+' : String(unread));
