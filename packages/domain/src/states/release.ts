import type { Machine } from './machine';

// product.md States, release (资金拨付): one per funding source, created `pending` at verification.
// "Public money follows private money" spans two releases, so the caller checks it before `disburse`.
export const RELEASE_STATES = ['pending', 'disbursed', 'confirmed', 'disputed'] as const;
export type ReleaseState = (typeof RELEASE_STATES)[number];
export const RELEASE_ACTIONS = ['disburse', 'confirm', 'dispute', 'resolve_paid', 'resolve_unpaid'] as const;
export type ReleaseAction = (typeof RELEASE_ACTIONS)[number];

export const releaseMachine: Machine<ReleaseState, ReleaseAction> = {
  entity: 'release',
  states: RELEASE_STATES,
  actions: RELEASE_ACTIONS,
  rows: [
    // Finance disburses the special fund's release; the owner records paying its own share.
    { from: 'pending', action: 'disburse', to: 'disbursed', roles: ['finance'], fundingSource: 'special_fund' },
    { from: 'pending', action: 'disburse', to: 'disbursed', roles: ['enterprise'], requires: 'owner', fundingSource: 'enterprise' },
    { from: 'disbursed', action: 'confirm', to: 'confirmed', roles: ['solver'], requires: 'applicant' },
    { from: 'disbursed', action: 'dispute', to: 'disputed', roles: ['solver'], requires: 'applicant' },
    // "disputed → resolved by the bureau": either the money did arrive, or the payment is undone
    // (the caller reverses its ledger transfer) and the release is paid again.
    { from: 'disputed', action: 'resolve_paid', to: 'confirmed', roles: ['bureau'] },
    { from: 'disputed', action: 'resolve_unpaid', to: 'pending', roles: ['bureau'] },
  ],
};
