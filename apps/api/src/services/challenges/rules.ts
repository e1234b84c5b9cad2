import { AppError, can, challengeMachine, type Actor, type AmendmentKind } from '@challenge/domain';
import { CHALLENGE_VIEW_ACTIONS } from '../../schemas/challenges';
import { deadlinePassed } from './access';
import { isOwner, type ChallengeRow } from './records';

type ViewAction = (typeof CHALLENGE_VIEW_ACTIONS)[number];

/**
 * Rules around the state machine that are not moves of their own: editing a draft, attaching to
 * it, amending a published challenge. Like the machine, the state is checked before the role, so the
 * same request gets the same answer whoever sends it to a challenge in the wrong state.
 */
type C = Pick<ChallengeRow, 'state' | 'ownerOrganizationId' | 'deadline'>;

const ownerEnterprise = (actor: Actor, c: C) => actor?.role === 'enterprise' && isOwner(actor, c);

/** Only the owner edits, and only a draft (api.md PATCH; attachments likewise). */
export function assertDraftEditable(actor: Actor, c: C, action: 'edit' | 'attach' = 'edit'): void {
  if (c.state !== 'draft') throw new AppError('illegal_transition', { entity: 'challenge', from: c.state, action });
  if (!ownerEnterprise(actor, c)) throw new AppError('forbidden', { entity: 'challenge', action });
}

/** Clarifications by the owner or the bureau, deadline extensions by the bureau only, before the deadline. */
export function assertAmendable(actor: Actor, c: C, kind: AmendmentKind, now: Date): void {
  if (c.state !== 'published') throw new AppError('illegal_transition', { entity: 'challenge', from: c.state, action: 'amend' });
  const bureau = actor?.role === 'bureau';
  if (!bureau && !ownerEnterprise(actor, c)) throw new AppError('forbidden', { entity: 'challenge', action: 'amend' });
  if (kind === 'deadline_extension' && !bureau) throw new AppError('forbidden', { entity: 'challenge', action: 'extend_deadline' });
  if (deadlinePassed(c, now)) throw new AppError('deadline_passed');
}

/** The bureau records a close only once the deadline instant has passed (earlier, it cancels). */
export function assertDeadlineReached(c: C, now: Date): void {
  if (!deadlinePassed(c, now)) throw new AppError('deadline_not_reached');
}

const passes = (check: () => void) => {
  try {
    check();
    return true;
  } catch (e) {
    if (e instanceof AppError) return false;
    throw e;
  }
};

/** What `actor` may do with the challenge now: the same checks the use cases make, for the pages' buttons. */
export function viewActions(actor: Actor, c: C, now: Date): ViewAction[] {
  const mover = actor?.role ?? null;
  const relation = { isOwner: isOwner(actor, c) };
  const machine = (action: 'submit' | 'approve' | 'return' | 'close' | 'cancel') => can(challengeMachine, c.state, action, mover, relation).ok;
  const allowed: Record<ViewAction, () => boolean> = {
    edit: () => passes(() => assertDraftEditable(actor, c)),
    attach: () => passes(() => assertDraftEditable(actor, c, 'attach')),
    submit: () => machine('submit'),
    approve: () => machine('approve'),
    return: () => machine('return'),
    close: () => machine('close') && deadlinePassed(c, now),
    cancel: () => machine('cancel'),
    amend: () => passes(() => assertAmendable(actor, c, 'clarification', now)),
    extend_deadline: () => passes(() => assertAmendable(actor, c, 'deadline_extension', now)),
  };
  return CHALLENGE_VIEW_ACTIONS.filter((action) => allowed[action]());
}
