import type { Machine } from './machine';

// product.md States, project (任务书). Both the solver and the owner sign; the caller records each
// signature and applies `sign` once both are there (that is also when the payee account is fixed).
export const PROJECT_STATES = ['awaiting_signature', 'active', 'completed', 'stopped'] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];
export const PROJECT_ACTIONS = ['sign', 'complete', 'stop'] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

export const projectMachine: Machine<ProjectState, ProjectAction> = {
  entity: 'project',
  states: PROJECT_STATES,
  actions: PROJECT_ACTIONS,
  rows: [
    { from: 'awaiting_signature', action: 'sign', to: 'active', roles: ['solver'], requires: 'applicant' },
    { from: 'awaiting_signature', action: 'sign', to: 'active', roles: ['enterprise'], requires: 'owner' },
    // Follows from the bureau verifying the final milestone.
    { from: 'active', action: 'complete', to: 'completed', roles: 'system' },
    // 赛马 down-selection or failure, decided at a milestone review.
    { from: 'active', action: 'stop', to: 'stopped', roles: ['bureau'] },
  ],
};
