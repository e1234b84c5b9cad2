import { appendAudit, questions } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { and, eq, isNull } from 'drizzle-orm';
import type { QuestionView } from '../../schemas/questions';
import { challengeAccess, loadReaderFacts } from '../challenges/access';
import { lockVisibleChallenge } from '../challenges/records';
import { inTransaction, type ServiceContext } from '../context';
import { recordEvent } from '../notifications/events';
import { presentQuestion } from './present';
import { assertCanAnswer, questionVisible, trimmedText } from './rules';

/**
 * The owner enterprise or the bureau answers a question once (the answering rules: ./rules.ts); the
 * answer is public from then on and the asker is told through the notification outbox.
 */
export async function answerQuestion(ctx: ServiceContext, actor: Actor, questionId: string, input: { answer: string }): Promise<QuestionView> {
  if (!actor) throw new AppError('unauthenticated');
  return inTransaction(ctx, async (tx) => {
    const [found] = await tx.select({ challengeId: questions.challengeId }).from(questions).where(eq(questions.id, questionId)).limit(1);
    if (!found) throw new AppError('not_found');
    // Challenge first, then the question: the order asking locks in, so the two never deadlock.
    const challenge = await lockVisibleChallenge(tx, actor, found.challengeId);
    const [question] = await tx.select().from(questions).where(eq(questions.id, questionId)).for('update').limit(1);
    const facts = await loadReaderFacts(tx, actor, [challenge.id]);
    if (!question || !questionVisible(actor, challengeAccess(actor, challenge, facts(challenge.id)), question)) throw new AppError('not_found');
    assertCanAnswer(actor, challenge, question);
    const answer = trimmedText('answer', input.answer);

    const now = ctx.clock.now();
    const [after] = await tx
      .update(questions)
      .set({ answer, answeredBy: actor.userId, answeredAt: now })
      .where(and(eq(questions.id, questionId), isNull(questions.answer)))
      .returning();
    if (!after) throw new AppError('already_answered');
    await recordEvent(tx, { kind: 'question_answered', challengeId: challenge.id, subjectId: questionId, payload: { actorId: actor.userId }, at: now });
    await appendAudit(tx, {
      at: now, actorId: actor.userId, actorRole: actor.role, action: 'question.answer', entityType: 'question', entityId: questionId,
      before: { challengeId: challenge.id, answer: null, answeredAt: null },
      after: { challengeId: challenge.id, answer, answeredAt: now.toISOString() },
    });
    return presentQuestion({ ...after, answererRole: actor.role }, actor);
  });
}
