import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignmentConflict } from '../src/index';

describe('automatic exclusion of experts (product.md step 6)', () => {
  const parties = { applicantLeadOrgId: 'lead', partnerOrgIds: ['p1', 'p2'], ownerOrgId: 'owner' };

  it('an expert from the applicant, a partner or the owner is excluded, naming which', () => {
    expect(assignmentConflict({ ...parties, expertOrgId: 'lead' })).toBe('applicant_organization');
    expect(assignmentConflict({ ...parties, expertOrgId: 'p2' })).toBe('partner_organization');
    expect(assignmentConflict({ ...parties, expertOrgId: 'owner' })).toBe('owner_organization');
    expect(assignmentConflict({ ...parties, expertOrgId: 'university-x' })).toBeNull();
    expect(assignmentConflict({ ...parties, expertOrgId: null })).toBeNull();
    expect(assignmentConflict({ ...parties, expertOrgId: '' })).toBeNull();
  });

  it('names the closest tie when several hold', () => {
    expect(assignmentConflict({ applicantLeadOrgId: 'x', partnerOrgIds: ['x'], ownerOrgId: 'x', expertOrgId: 'x' })).toBe('applicant_organization');
    expect(assignmentConflict({ applicantLeadOrgId: 'a', partnerOrgIds: ['x'], ownerOrgId: 'x', expertOrgId: 'x' })).toBe('partner_organization');
  });

  it('property: a conflict exactly when the expert’s organisation is one of the parties', () => {
    const org = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    fc.assert(
      fc.property(org, org, fc.array(org, { maxLength: 3 }), org, (expertOrgId, applicantLeadOrgId, partnerOrgIds, ownerOrgId) => {
        const conflict = assignmentConflict({ expertOrgId, applicantLeadOrgId, partnerOrgIds, ownerOrgId });
        const involved = [applicantLeadOrgId, ...partnerOrgIds, ownerOrgId].includes(expertOrgId);
        expect(conflict !== null).toBe(involved);
      }),
    );
  });
});
