/** How the challenge components present bilingual user text, files and states (no server code here). */
import { timeLeft } from '$lib/format';
import type { Locale, Translate } from '$lib/i18n';
import type { ChallengeState } from '$lib/types';

export interface LangText {
  text: string;
  lang: Locale;
}

const filled = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '';

/**
 * The owner's text in the reader's language first, the other language second (if given). Chinese is
 * the original (required); English is its translation.
 */
export function inReaderLanguage(zh: string | null | undefined, en: string | null | undefined, locale: Locale): LangText[] {
  const versions: LangText[] = [];
  if (filled(zh)) versions.push({ text: zh, lang: 'zh-CN' });
  if (filled(en)) versions.push({ text: en, lang: 'en' });
  return versions.sort((a, b) => Number(b.lang === locale) - Number(a.lang === locale));
}

/** The title in the reader's language, falling back to the Chinese original. */
export const titleFor = (c: { titleZh: string; titleEn: string | null }, locale: Locale): LangText =>
  locale === 'en' && filled(c.titleEn) ? { text: c.titleEn, lang: 'en' } : { text: c.titleZh, lang: 'zh-CN' };

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Free text whose language the owner did not state (an indicator's target, unit, method): marked
 * Chinese when it contains Chinese characters, so screen readers pronounce it right; otherwise it
 * takes the page's language.
 */
export const langOf = (text: string | null | undefined): Locale | undefined => (text && CJK.test(text) ? 'zh-CN' : undefined);

/** The tone of a state badge; the badge always carries the state's name, so colour is never the only cue. */
export function stateTone(state: ChallengeState): 'pending' | 'ok' | 'bad' | 'neutral' {
  switch (state) {
    case 'published':
    case 'awarded':
    case 'in_progress':
    case 'completed':
      return 'ok';
    case 'pending_review':
    case 'reviewing':
    case 'notice':
      return 'pending';
    case 'failed':
    case 'cancelled':
      return 'bad';
    default:
      return 'neutral';
  }
}

export type FileKind = 'pdf' | 'png' | 'jpeg' | 'zip' | 'docx' | 'xlsx' | 'text' | 'other';

/** The detected content types the API accepts (services/attachments/detect-type.ts), named for readers. */
export function fileKind(contentType: string): FileKind {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/pdf') return 'pdf';
  if (type === 'image/png') return 'png';
  if (type === 'image/jpeg') return 'jpeg';
  if (type === 'application/zip') return 'zip';
  if (type === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') return 'docx';
  if (type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') return 'xlsx';
  if (type.startsWith('text/')) return 'text';
  return 'other';
}

/** File sizes as readers expect them: bytes under 1 KB, then KB and MB with one decimal. */
export function formatBytes(bytes: number, locale: Locale, t: Translate): string {
  const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  if (bytes < 1024) return t('browse.details.sizeBytes', { n: nf.format(bytes) });
  if (bytes < 1024 * 1024) return t('browse.details.sizeKb', { n: nf.format(bytes / 1024) });
  return t('browse.details.sizeMb', { n: nf.format(bytes / (1024 * 1024)) });
}

/** A whole-number percentage of `part` in `total` (0 when the total is 0). */
export const percentOf = (part: number, total: number): number => (total > 0 ? Math.round((part / total) * 100) : 0);

/** What is left until the deadline at `now`, in words ("passed" once it has). */
export function countdownText(deadline: string, now: Date, t: Translate): string {
  const left = timeLeft(deadline, now);
  if (!left) return t('challenge.countdown.passed');
  if (left.days > 0) return t('challenge.countdown.daysHours', { days: left.days, hours: left.hours });
  return t('challenge.countdown.hoursMinutes', { hours: left.hours, minutes: left.minutes });
}

/** One bar of a BarChart: a group, how many challenges it has and their amount. */
export interface BarRow {
  key: string;
  label: string;
  count: number;
  /** Integer fen: the bar's length. */
  valueFen: number;
}
