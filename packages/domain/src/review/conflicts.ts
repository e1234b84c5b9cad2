/*
 * product.md step 6: "an expert from the applicant's or the owner's organisation is excluded
 * automatically". A consortium partner shares in the award just as the lead does, so an expert from
 * any partner is excluded too. These are the conflicts the data shows; every other conflict the
 * expert declares before seeing the application (the service records the declaration).
 */
export type AssignmentConflict = 'applicant_organization' | 'partner_organization' | 'owner_organization';

export interface AssignmentParties {
  /** The expert's organisation; null for an independent expert with none. */
  readonly expertOrgId: string | null;
  readonly applicantLeadOrgId: string;
  readonly partnerOrgIds: readonly string[];
  readonly ownerOrgId: string;
}

/**
 * Why the expert may not review the application, or null. When several hold, the first of applicant,
 * partner, owner is named — one reason is enough to refuse, and this order names the closest tie.
 */
export function assignmentConflict(parties: AssignmentParties): AssignmentConflict | null {
  const org = parties.expertOrgId;
  if (org === null || org === '') return null;
  if (org === parties.applicantLeadOrgId) return 'applicant_organization';
  if (parties.partnerOrgIds.includes(org)) return 'partner_organization';
  if (org === parties.ownerOrgId) return 'owner_organization';
  return null;
}
