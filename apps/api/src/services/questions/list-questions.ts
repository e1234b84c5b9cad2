import { challenges, questions } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { and, count, desc, eq, isNotNull, or, type SQL } from 'drizzle-orm';
import type { QuestionPage } from '../../schemas/questions';
import { challengeAccess, loadReaderFacts } from '../challenges/access';
import type { ServiceContext } from '../context';
import { answerer, presentQuestion, questionColumns } from './present';
import { assertCanAsk, canAnswer, passes } from './rules';

/**
 * A challenge's questions as `actor` may read them (the reading rules: ./rules.ts), newest first,
 * with whether the reader may ask or answer now (for the page's forms).
 */
export async function listQuestions(ctx: ServiceContext, actor: Actor, challengeId: string, paging: { page: number; pageSize: number }): Promise<QuestionPage> {
  const { page, pageSize } = paging;
  const [challenge] = await ctx.db.select().from(challenges).where(eq(challenges.id, challengeId)).limit(1);
  if (!challenge) throw new AppError('not_found');
  const facts = await loadReaderFacts(ctx.db, actor, [challengeId]);
  const access = challengeAccess(actor, challenge, facts(challengeId));
  if (access === 'none') throw new AppError('not_found');
  const now = ctx.clock.now();
  const flags = { canAsk: passes(() => assertCanAsk(actor, challenge, access, now)), canAnswer: canAnswer(actor, challenge) };
  if (access === 'summary') return { items: [], total: 0, page, pageSize, gated: true, ...flags };

  const ofChallenge = eq(questions.challengeId, challengeId);
  const readable: SQL | undefined = access === 'manage'
    ? ofChallenge
    : and(ofChallenge, actor ? or(isNotNull(questions.answer), eq(questions.askedBy, actor.userId)) : isNotNull(questions.answer));
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select(questionColumns)
      .from(questions)
      .leftJoin(answerer, eq(answerer.id, questions.answeredBy))
      .where(readable)
      .orderBy(desc(questions.createdAt), desc(questions.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ctx.db.select({ n: count() }).from(questions).where(readable),
  ]);
  return { items: rows.map((r) => presentQuestion(r, actor)), total: Number(total?.n ?? 0), page, pageSize, gated: false, ...flags };
}
