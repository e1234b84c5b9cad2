import type { Machine } from './machine';

// product.md States, challenge (榜单). Deadline and notice-period conditions are checked by the
// caller against the transaction's clock (product.md: never by whether the loop has moved the state).
export const CHALLENGE_STATES = [
  'draft', 'pending_review', 'published', 'closed', 'reviewing', 'notice', 'awarded', 'in_progress', 'completed', 'failed', 'cancelled',
] as const;
export type ChallengeState = (typeof CHALLENGE_STATES)[number];
export const CHALLENGE_ACTIONS = [
  'submit', 'approve', 'return', 'close', 'start_review', 'decide', 'decide_none', 'finalize', 'uphold_objection', 'sign', 'complete', 'fail', 'cancel',
] as const;
export type ChallengeAction = (typeof CHALLENGE_ACTIONS)[number];

export const challengeMachine: Machine<ChallengeState, ChallengeAction> = {
  entity: 'challenge',
  states: CHALLENGE_STATES,
  actions: CHALLENGE_ACTIONS,
  rows: [
    { from: 'draft', action: 'submit', to: 'pending_review', roles: ['enterprise'], requires: 'owner' },
    { from: 'pending_review', action: 'approve', to: 'published', roles: ['bureau'] },
    { from: 'pending_review', action: 'return', to: 'draft', roles: ['bureau'] },
    // The background loop records the deadline passing; the bureau may record it too.
    { from: 'published', action: 'close', to: 'closed', roles: 'system' },
    { from: 'published', action: 'close', to: 'closed', roles: ['bureau'] },
    { from: 'closed', action: 'start_review', to: 'reviewing', roles: ['bureau'] },
    { from: 'reviewing', action: 'decide', to: 'notice', roles: ['bureau'] },
    // 流标: "a decision with no winner, or no eligible application" — the latter is found in
    // `closed`, before any expert can be assigned, so a challenge can fail from there too.
    { from: ['closed', 'reviewing'], action: 'decide_none', to: 'failed', roles: ['bureau'] },
    { from: 'notice', action: 'finalize', to: 'awarded', roles: ['bureau'] },
    { from: 'notice', action: 'uphold_objection', to: 'reviewing', roles: ['bureau'] },
    // Consequences of the projects' moves, not anyone's choice.
    { from: 'awarded', action: 'sign', to: 'in_progress', roles: 'system' },
    { from: 'in_progress', action: 'complete', to: 'completed', roles: 'system' },
    { from: ['awarded', 'in_progress'], action: 'fail', to: 'failed', roles: 'system' },
    // "by the owner in draft/pending_review, by the bureau up to notice, with a reason".
    { from: ['draft', 'pending_review'], action: 'cancel', to: 'cancelled', roles: ['enterprise'], requires: 'owner' },
    { from: ['draft', 'pending_review', 'published', 'closed', 'reviewing', 'notice'], action: 'cancel', to: 'cancelled', roles: ['bureau'] },
  ],
};
