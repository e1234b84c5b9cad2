import type { Machine } from './machine';

// product.md States, organisation: registering with a known USCC "creates a join request that the
// organisation's admin or the bureau approves". Only enterprises and solvers belong to organisations.
export const JOIN_REQUEST_STATES = ['pending', 'approved', 'rejected'] as const;
export type JoinRequestState = (typeof JOIN_REQUEST_STATES)[number];
export const JOIN_REQUEST_ACTIONS = ['approve', 'reject'] as const;
export type JoinRequestAction = (typeof JOIN_REQUEST_ACTIONS)[number];

export const joinRequestMachine: Machine<JoinRequestState, JoinRequestAction> = {
  entity: 'join_request',
  states: JOIN_REQUEST_STATES,
  actions: JOIN_REQUEST_ACTIONS,
  rows: [
    { from: 'pending', action: 'approve', to: 'approved', roles: ['enterprise', 'solver'], requires: 'org_admin' },
    { from: 'pending', action: 'approve', to: 'approved', roles: ['bureau'] },
    { from: 'pending', action: 'reject', to: 'rejected', roles: ['enterprise', 'solver'], requires: 'org_admin' },
    { from: 'pending', action: 'reject', to: 'rejected', roles: ['bureau'] },
  ],
};
