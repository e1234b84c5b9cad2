import { questions } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { QUESTION_LIMITS } from '../../schemas/questions';
import { deadlinePassed, isOwner, type ChallengeAccess } from '../challenges/access';
import type { ChallengeRow } from '../challenges/records';

/**
 * The public Q&A of a challenge (product.md step 4: "a public Q&A thread per challenge whose answers
 * all applicants see"; api.md `GET/POST /api/challenges/:id/questions`, `POST /api/questions/:id/answer`).
 *
 * Reading — through `challengeAccess` (services/challenges/access.ts), the rule every read applies:
 * - `none` (the reader may not know the challenge exists): 404, like every other route;
 * - `summary` (a restricted challenge whose terms the reader has not accepted): no questions and
 *   `gated: true`, since questions and answers may refer to the restricted details;
 * - `detail`: every answered question, plus the reader's own unanswered ones (`mine: true`);
 * - `manage` (the owner organisation's members, the bureau): every question, answered or not, so
 *   they can answer them.
 * Who asked is never in any answer — not to the owner, not to the bureau. The row keeps it (for the
 * asker's `mine` and the notification) and the audit log records it as the actor; nothing shows it.
 *
 * Asking — signed-in users (401 otherwise) other than the bureau and the owner organisation's
 * members (403: they answer instead); the challenge must be `published` with its deadline still
 * ahead by the transaction's clock (product.md: compare the clock with the deadline, never the
 * recorded state alone) — `deadline_passed` after it, `illegal_transition` in any other state; the
 * reader must have `detail` access (`confidentiality_required` for a restricted challenge whose
 * terms they have not accepted). The question is 2–2000 characters after trimming, and one user may
 * have at most 20 unanswered questions on one challenge (`question_limit_reached`).
 *
 * Answering — the owner organisation's enterprise members or the bureau; a question the actor may
 * not read is not found (a refused write tells no more than a read would); a cancelled challenge's
 * questions are not answered (`illegal_transition`); a question is answered once (`already_answered`);
 * the answer is 2–4000 characters after trimming. Answering publishes the question with its answer
 * and tells the asker (a `question_answered` notification event in the same transaction).
 *
 * As in services/challenges/rules.ts, the state is checked before the role, so the same request to
 * a challenge in the wrong state gets the same answer whoever sends it. Asking and answering leave
 * an audit record (the question id as the entity, the challenge id in the snapshot).
 */
type C = Pick<ChallengeRow, 'state' | 'ownerOrganizationId' | 'deadline'>;
export type QuestionRow = typeof questions.$inferSelect;

/** The owner organisation's enterprise members and the bureau answer. */
export const isAnswerer = (actor: Actor, c: C): boolean => actor?.role === 'bureau' || (actor?.role === 'enterprise' && isOwner(actor, c));

export function assertCanAsk(actor: Actor, c: C, access: ChallengeAccess, now: Date): void {
  if (!actor) throw new AppError('unauthenticated');
  if (c.state === 'closed' || (c.state === 'published' && deadlinePassed(c, now))) throw new AppError('deadline_passed');
  if (c.state !== 'published') throw new AppError('illegal_transition', { entity: 'challenge', from: c.state, action: 'ask' });
  if (actor.role === 'bureau' || isOwner(actor, c)) throw new AppError('forbidden', { entity: 'question', action: 'ask' });
  if (access !== 'detail') throw new AppError('confidentiality_required');
}

export function assertCanAnswer(actor: Actor, c: C, q: Pick<QuestionRow, 'answer'>): void {
  if (!actor) throw new AppError('unauthenticated');
  if (c.state === 'cancelled') throw new AppError('illegal_transition', { entity: 'challenge', from: c.state, action: 'answer' });
  if (q.answer !== null) throw new AppError('already_answered');
  if (!isAnswerer(actor, c)) throw new AppError('forbidden', { entity: 'question', action: 'answer' });
}

/** Whether the reader may see this question at all (see the reading rules above). */
export function questionVisible(actor: Actor, access: ChallengeAccess, q: Pick<QuestionRow, 'answer' | 'askedBy'>): boolean {
  if (access === 'manage') return true;
  if (access !== 'detail') return false;
  return q.answer !== null || (!!actor && q.askedBy === actor.userId);
}

/** Whether answering is possible for this actor on this challenge now (any unanswered question). */
export const canAnswer = (actor: Actor, c: C): boolean => c.state !== 'cancelled' && isAnswerer(actor, c);

export const passes = (check: () => void): boolean => {
  try {
    check();
    return true;
  } catch (e) {
    if (e instanceof AppError) return false;
    throw e;
  }
};

/**
 * The text as stored: trimmed, then its length checked in characters (code points, as the schema's
 * `minLength`/`maxLength` count), so whitespace cannot pad a question past the minimum.
 */
export function trimmedText(field: 'body' | 'answer', value: string): string {
  const { min, max } = QUESTION_LIMITS[field];
  const text = value.trim();
  const length = [...text].length;
  if (length === 0) throw AppError.invalid([{ field, code: 'required' }]);
  if (length < min) throw AppError.invalid([{ field, code: 'minLength', params: { limit: min } }]);
  if (length > max) throw AppError.invalid([{ field, code: 'maxLength', params: { limit: max } }]);
  return text;
}
