/**
 * The decision and its public notice (公示, product.md step 7) as the API answers it
 * (apps/api/src/schemas/decisions.ts), and how the pages read it; no server code here.
 */
import { DECISION_LIMITS, type ObjectionState } from '@challenge/domain';
import { formatDateTime } from './format';

export { DECISION_LIMITS, type ObjectionState };

export interface DecisionWinner {
  applicationId: string;
  /** Integer fen; `enterpriseShareFen + specialFundFen`. */
  awardFen: number;
  enterpriseShareFen: number;
  specialFundFen: number;
  organization: { nameZh: string | null; nameEn: string | null; country: string };
}

/** A resolved objection as published: never who filed it, nor its reasons. */
export interface ObjectionOutcome {
  state: ObjectionState;
  resolution: string | null;
  resolvedAt: string | null;
}

/** `GET /api/challenges/:id/decision`: the latest decision (404 when there is none). */
export interface Decision {
  id: string;
  kind: 'award' | 'none';
  reasons: string | null;
  publishedAt: string;
  /** 24:00 Beijing time of the fifth working day after publication; null for a no-winner decision. */
  noticeEndsAt: string | null;
  /** The notice period is running by the API's clock (the one objecting and finalizing are checked by). */
  noticeRunning: boolean;
  /** An objection was upheld: the challenge is back in review and a new decision will follow. */
  superseded: boolean;
  finalizedAt: string | null;
  winners: DecisionWinner[];
  objectionOutcomes: ObjectionOutcome[];
  /** Feedback written to the reader's own organisation's applications. */
  feedbackToMe: { applicationId: string; text: string }[];
}

/** `POST /api/challenges/:id/decision`. Empty selections: no winner (流标), reasons required. */
export interface DecisionInput {
  selections: { applicationId: string; awardFen: number }[];
  feedback: Record<string, string>;
  reasons?: string;
}

/** An objection as the bureau (all) and its filer (their own) read it. */
export interface Objection {
  id: string;
  challengeId: string;
  decisionId: string;
  reasons: string;
  evidence: string | null;
  state: ObjectionState;
  resolution: string | null;
  resolvedAt: string | null;
  createdAt: string;
}

export interface ObjectionInput {
  reasons: string;
  evidence?: string;
}

export interface ResolveInput {
  outcome: 'upheld' | 'dismissed';
  resolution: string;
}

export interface FinalizeResult {
  projects: string[];
}

/** Lengths in characters after trimming, as the API checks them (services/decisions/objections.ts, schemas). */
export const OBJECTION_LIMITS = {
  reasons: { min: 10, max: 5000 },
  evidence: { max: 10000 },
  resolution: { min: 2, max: 5000 },
} as const;

/** Characters as the API counts them (code points). */
export const charCount = (s: string): number => [...s].length;

/**
 * Where a decision stands (by the API's clock, not the reader's):
 * - `open`: published, in its notice period — objections may be filed;
 * - `ended`: the notice period is over, the bureau has not made the award final yet;
 * - `final`: the award is final (projects created);
 * - `superseded`: an objection was upheld, a new decision will follow;
 * - `none`: no winner (流标), there is no notice period.
 */
export type NoticePhase = 'open' | 'ended' | 'final' | 'superseded' | 'none';

export function noticePhase(d: Pick<Decision, 'kind' | 'superseded' | 'finalizedAt' | 'noticeRunning'>): NoticePhase {
  if (d.superseded) return 'superseded';
  if (d.kind === 'none') return 'none';
  if (d.finalizedAt) return 'final';
  return d.noticeRunning ? 'open' : 'ended';
}

export const phaseTone = (p: NoticePhase): 'pending' | 'ok' | 'bad' | 'neutral' =>
  p === 'open' || p === 'ended' ? 'pending' : p === 'final' ? 'ok' : p === 'none' ? 'bad' : 'neutral';

export const objectionTone = (s: ObjectionState): 'pending' | 'ok' | 'bad' | 'neutral' => (s === 'open' ? 'pending' : s === 'upheld' ? 'bad' : 'neutral');

/**
 * The end of a notice period in Beijing time. The period ends at 24:00 of its last working day
 * (product.md step 7), which is 00:00 of the next day: shown as `… 24:00 UTC+8` of the last day, so
 * the date read is the last day on which an objection can be filed.
 */
export function formatNoticeEnd(iso: string): string {
  const s = formatDateTime(iso);
  if (s.slice(11, 16) !== '00:00') return s;
  const lastMinute = new Date(new Date(iso).getTime() - 60_000).toISOString();
  return `${formatDateTime(lastMinute).slice(0, 10)} 24:00 UTC+8`;
}

/** The organisation's name in the reader's language, else the other one (Chinese first for Chinese readers). */
export function orgNameFor(o: { nameZh: string | null; nameEn: string | null }, locale: 'zh-CN' | 'en'): { text: string; lang: 'zh-CN' | 'en' } | null {
  const zh = o.nameZh?.trim() ? { text: o.nameZh, lang: 'zh-CN' as const } : null;
  const en = o.nameEn?.trim() ? { text: o.nameEn, lang: 'en' as const } : null;
  return locale === 'en' ? (en ?? zh) : (zh ?? en);
}
