/** The public Q&A of a challenge as the API answers it (apps/api/src/schemas/questions.ts). */

export type AnswererRole = 'enterprise' | 'bureau';

/** One question; who asked is never part of it — `mine` tells the asker their own. */
export interface Question {
  id: string;
  body: string;
  answer: string | null;
  answeredAt: string | null;
  createdAt: string;
  answeredByRole: AnswererRole | null;
  mine: boolean;
}

export interface QuestionPage {
  items: Question[];
  total: number;
  page: number;
  pageSize: number;
  /** The Q&A is behind the challenge's confidentiality terms for this reader: no items. */
  gated: boolean;
  canAsk: boolean;
  canAnswer: boolean;
}

/** Lengths in characters after trimming, as the API checks them. */
export const QA_LIMITS = {
  body: { min: 2, max: 2000 },
  answer: { min: 2, max: 4000 },
} as const;

/** Characters as the API counts them (code points, not UTF-16 units). */
export const charCount = (s: string): number => [...s].length;
