import { appendAudit, questions } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { and, count, eq, isNull } from 'drizzle-orm';
import { QUESTION_LIMITS, type QuestionView } from '../../schemas/questions';
import { challengeAccess, loadReaderFacts } from '../challenges/access';
import { lockVisibleChallenge } from '../challenges/records';
import { inTransaction, type ServiceContext } from '../context';
import { presentQuestion } from './present';
import { assertCanAsk, trimmedText } from './rules';

/**
 * A signed-in reader with the challenge's details asks a question (the asking rules: ./rules.ts).
 * The challenge row is locked, so the open-questions count cannot be raced past its limit.
 */
export async function askQuestion(ctx: ServiceContext, actor: Actor, challengeId: string, input: { body: string }): Promise<QuestionView> {
  if (!actor) throw new AppError('unauthenticated');
  return inTransaction(ctx, async (tx) => {
    const challenge = await lockVisibleChallenge(tx, actor, challengeId);
    const facts = await loadReaderFacts(tx, actor, [challengeId]);
    const now = ctx.clock.now();
    assertCanAsk(actor, challenge, challengeAccess(actor, challenge, facts(challengeId)), now);
    const body = trimmedText('body', input.body);

    const [open] = await tx
      .select({ n: count() })
      .from(questions)
      .where(and(eq(questions.challengeId, challengeId), eq(questions.askedBy, actor.userId), isNull(questions.answer)));
    if (Number(open?.n ?? 0) >= QUESTION_LIMITS.openPerUser) throw new AppError('question_limit_reached', { limit: QUESTION_LIMITS.openPerUser });

    const [question] = await tx.insert(questions).values({ challengeId, askedBy: actor.userId, body, createdAt: now }).returning();
    // The asker is the record's actor; the snapshot names the challenge only.
    await appendAudit(tx, {
      at: now, actorId: actor.userId, actorRole: actor.role, action: 'question.ask', entityType: 'question', entityId: question!.id,
      after: { challengeId },
    });
    return presentQuestion({ ...question!, answererRole: null }, actor);
  });
}
