import type { Machine } from './machine';

// product.md States, application (揭榜). Moves that follow from another entity's move (an expert
// assigned, the challenge decided, finalized, or sent back to review) are 'system': no one may make
// them on the application directly. "Before the deadline" is checked by the caller.
export const APPLICATION_STATES = [
  'draft', 'submitted', 'eligible', 'ineligible', 'under_review', 'selected', 'not_selected', 'awarded', 'withdrawn',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];
export const APPLICATION_ACTIONS = [
  'submit', 'withdraw', 'mark_eligible', 'mark_ineligible', 'start_review', 'select', 'not_select', 'award', 'reopen',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

export const applicationMachine: Machine<ApplicationState, ApplicationAction> = {
  entity: 'application',
  states: APPLICATION_STATES,
  actions: APPLICATION_ACTIONS,
  rows: [
    // "resubmitting before the deadline freezes a newer version": submitted → submitted.
    { from: ['draft', 'submitted'], action: 'submit', to: 'submitted', roles: ['solver'], requires: 'applicant' },
    { from: ['draft', 'submitted'], action: 'withdraw', to: 'withdrawn', roles: ['solver'], requires: 'applicant' },
    { from: 'submitted', action: 'mark_eligible', to: 'eligible', roles: ['bureau'] },
    { from: 'submitted', action: 'mark_ineligible', to: 'ineligible', roles: ['bureau'] },
    { from: 'eligible', action: 'start_review', to: 'under_review', roles: 'system' },
    { from: 'under_review', action: 'select', to: 'selected', roles: 'system' },
    // An eligible application the bureau sent to no expert is decided on too: not selected, with feedback.
    { from: ['eligible', 'under_review'], action: 'not_select', to: 'not_selected', roles: 'system' },
    { from: 'selected', action: 'award', to: 'awarded', roles: 'system' },
    // An upheld objection sends the challenge from `notice` back to `reviewing`; the decision is
    // undone, so its applications must be decidable again.
    { from: ['selected', 'not_selected'], action: 'reopen', to: 'under_review', roles: 'system' },
  ],
};
