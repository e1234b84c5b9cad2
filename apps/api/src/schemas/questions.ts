import { Type, type Static } from '@sinclair/typebox';
import { Instant, PageQuery, Uuid } from './common';

/** Lengths in characters (code points), after trimming; the schema checks the untrimmed input, the service the trimmed one. */
export const QUESTION_LIMITS = {
  body: { min: 2, max: 2000 },
  answer: { min: 2, max: 4000 },
  /** Unanswered questions one user may have open on one challenge (abuse limit). */
  openPerUser: 20,
} as const;

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/**
 * One question as a reader sees it. Who asked is never part of it — not for the owner, not for the
 * bureau (the audit log keeps it); `mine` tells the asker their own.
 */
export const QuestionView = Type.Object({
  id: Uuid,
  body: Type.String(),
  answer: Nullable(Type.String()),
  answeredAt: Nullable(Instant),
  createdAt: Instant,
  answeredByRole: Type.Union([Type.Literal('enterprise'), Type.Literal('bureau'), Type.Null()], { description: 'who answered: the owner enterprise or the bureau' }),
  mine: Type.Boolean({ description: 'the reader asked this question' }),
});
export type QuestionView = Static<typeof QuestionView>;

export const QuestionPage = Type.Object({
  items: Type.Array(QuestionView),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  gated: Type.Boolean({ description: "the challenge's details (and so its Q&A) are behind its confidentiality terms for this reader: no items" }),
  canAsk: Type.Boolean({ description: 'the reader may ask a question now (the same checks asking makes, but the open-questions limit)' }),
  canAnswer: Type.Boolean({ description: 'the reader may answer the unanswered questions (owner enterprise or bureau, challenge not cancelled)' }),
});
export type QuestionPage = Static<typeof QuestionPage>;

export const QuestionListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const AskBody = Type.Object(
  { body: Type.String({ minLength: QUESTION_LIMITS.body.min, maxLength: QUESTION_LIMITS.body.max, description: 'the question; 2–2000 characters after trimming' }) },
  { additionalProperties: false },
);

export const AnswerBody = Type.Object(
  { answer: Type.String({ minLength: QUESTION_LIMITS.answer.min, maxLength: QUESTION_LIMITS.answer.max, description: 'the answer; 2–4000 characters after trimming' }) },
  { additionalProperties: false },
);
