import type { Machine } from './machine';

// product.md States, milestone (里程碑). Due-date changes (solver requests, bureau approves) change a
// date, not the state, so they are not moves here.
export const MILESTONE_STATES = ['pending', 'submitted', 'accepted', 'returned', 'verified'] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];
export const MILESTONE_ACTIONS = ['submit', 'accept', 'return', 'verify'] as const;
export type MilestoneAction = (typeof MILESTONE_ACTIONS)[number];

export const milestoneMachine: Machine<MilestoneState, MilestoneAction> = {
  entity: 'milestone',
  states: MILESTONE_STATES,
  actions: MILESTONE_ACTIONS,
  rows: [
    { from: ['pending', 'returned'], action: 'submit', to: 'submitted', roles: ['solver'], requires: 'applicant' },
    { from: 'submitted', action: 'accept', to: 'accepted', roles: ['enterprise'], requires: 'owner' },
    { from: 'submitted', action: 'return', to: 'returned', roles: ['enterprise'], requires: 'owner' },
    // Verification is what creates the release(s).
    { from: 'accepted', action: 'verify', to: 'verified', roles: ['bureau'] },
  ],
};
