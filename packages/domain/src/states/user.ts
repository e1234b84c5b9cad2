import type { Machine } from './machine';

// product.md States, user: `active` ⇄ `disabled` (bureau).
export const USER_STATES = ['active', 'disabled'] as const;
export type UserState = (typeof USER_STATES)[number];
export const USER_ACTIONS = ['disable', 'enable'] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

export const userMachine: Machine<UserState, UserAction> = {
  entity: 'user',
  states: USER_STATES,
  actions: USER_ACTIONS,
  rows: [
    { from: 'active', action: 'disable', to: 'disabled', roles: ['bureau'] },
    { from: 'disabled', action: 'enable', to: 'active', roles: ['bureau'] },
  ],
};
