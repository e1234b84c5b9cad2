import { questions, users } from '@challenge/db';
import type { Actor } from '@challenge/domain';
import { alias } from 'drizzle-orm/pg-core';
import type { QuestionView } from '../../schemas/questions';

/** The answering user, joined only for their role: the view names who answered by role, never by person. */
export const answerer = alias(users, 'answerer');

/** What a question read selects: `askedBy` only to tell the reader `mine`, never to show it. */
export const questionColumns = {
  id: questions.id,
  body: questions.body,
  answer: questions.answer,
  answeredAt: questions.answeredAt,
  createdAt: questions.createdAt,
  askedBy: questions.askedBy,
  answererRole: answerer.role,
};

export interface QuestionRecord {
  id: string;
  body: string;
  answer: string | null;
  answeredAt: Date | null;
  createdAt: Date;
  askedBy: string;
  answererRole: string | null;
}

export function presentQuestion(q: QuestionRecord, actor: Actor): QuestionView {
  return {
    id: q.id,
    body: q.body,
    answer: q.answer,
    answeredAt: q.answeredAt?.toISOString() ?? null,
    createdAt: q.createdAt.toISOString(),
    answeredByRole: q.answer === null ? null : q.answererRole === 'bureau' ? 'bureau' : 'enterprise',
    mine: !!actor && q.askedBy === actor.userId,
  };
}
