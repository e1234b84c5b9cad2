import type { Machine } from './machine';

// product.md States, objection: `open` → `upheld` or `dismissed` (bureau, with reasons). Filing one
// creates it `open`; that is not a move of this machine.
export const OBJECTION_STATES = ['open', 'upheld', 'dismissed'] as const;
export type ObjectionState = (typeof OBJECTION_STATES)[number];
export const OBJECTION_ACTIONS = ['uphold', 'dismiss'] as const;
export type ObjectionAction = (typeof OBJECTION_ACTIONS)[number];

export const objectionMachine: Machine<ObjectionState, ObjectionAction> = {
  entity: 'objection',
  states: OBJECTION_STATES,
  actions: OBJECTION_ACTIONS,
  rows: [
    { from: 'open', action: 'uphold', to: 'upheld', roles: ['bureau'] },
    { from: 'open', action: 'dismiss', to: 'dismissed', roles: ['bureau'] },
  ],
};
