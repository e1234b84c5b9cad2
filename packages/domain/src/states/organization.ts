import type { Machine } from './machine';

// product.md States, organisation: `pending` →(bureau) `verified` or `rejected` (with reason).
export const ORGANIZATION_STATES = ['pending', 'verified', 'rejected'] as const;
export type OrganizationState = (typeof ORGANIZATION_STATES)[number];
export const ORGANIZATION_ACTIONS = ['verify', 'reject'] as const;
export type OrganizationAction = (typeof ORGANIZATION_ACTIONS)[number];

export const organizationMachine: Machine<OrganizationState, OrganizationAction> = {
  entity: 'organization',
  states: ORGANIZATION_STATES,
  actions: ORGANIZATION_ACTIONS,
  rows: [
    { from: 'pending', action: 'verify', to: 'verified', roles: ['bureau'] },
    { from: 'pending', action: 'reject', to: 'rejected', roles: ['bureau'] },
  ],
};
