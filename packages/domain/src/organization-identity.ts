import { AppError } from './errors';
import { checkUscc } from './uscc';

export type OrganizationKind = 'enterprise' | 'university' | 'institute' | 'company' | 'team';

export interface OrganizationIdentityInput {
  kind: OrganizationKind;
  country: string;
  nameZh?: string;
  nameEn?: string;
  uscc?: string;
  website?: string;
  emailDomain?: string;
}

export type OrganizationIdentity =
  | { by: 'uscc'; uscc: string }
  | { by: 'email_domain'; emailDomain: string; website: string };

/**
 * How an organisation proves who it is at registration (product.md step 1):
 * - a Chinese legal entity (country CN, any kind but an informal team) gives its USCC, checked by
 *   the GB 32100-2015 check character;
 * - everyone else (foreign organisations, informal teams) gives a website and an institutional e-mail
 *   domain, and the registrant's e-mail must be at that domain — no Chinese ID or phone is asked.
 * Challenge owners are district enterprises: role `enterprise` needs kind `enterprise` in China.
 * Throws the coded error of the first rule broken, naming the field.
 */
export function checkOrganizationIdentity(role: 'enterprise' | 'solver', email: string, org: OrganizationIdentityInput): OrganizationIdentity {
  if (role === 'enterprise' && (org.kind !== 'enterprise' || org.country !== 'CN')) {
    throw new AppError('organization_kind_not_allowed', { field: 'organization.kind' });
  }
  const chineseLegalEntity = org.country === 'CN' && org.kind !== 'team';
  if (org.country === 'CN' && !org.nameZh?.trim()) throw new AppError('validation_failed', { field: 'organization.nameZh' });
  if (org.country !== 'CN' && !org.nameEn?.trim()) throw new AppError('validation_failed', { field: 'organization.nameEn' });

  if (chineseLegalEntity) {
    if (!org.uscc?.trim()) throw new AppError('uscc_required', { field: 'organization.uscc' });
    const checked = checkUscc(org.uscc);
    if (!checked.ok) throw new AppError('uscc_invalid', { field: 'organization.uscc', reason: checked.reason });
    return { by: 'uscc', uscc: checked.value };
  }
  if (org.uscc?.trim()) {
    // A team or foreign organisation may still hold a USCC (e.g. a foreign-invested company); check it if given.
    const checked = checkUscc(org.uscc);
    if (!checked.ok) throw new AppError('uscc_invalid', { field: 'organization.uscc', reason: checked.reason });
    return { by: 'uscc', uscc: checked.value };
  }
  if (!org.website || !org.emailDomain) throw new AppError('foreign_identity_required', { field: org.website ? 'organization.emailDomain' : 'organization.website' });
  const domain = org.emailDomain.toLowerCase();
  const emailDomain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  if (emailDomain !== domain && !emailDomain.endsWith(`.${domain}`)) {
    throw new AppError('email_domain_mismatch', { field: 'email', emailDomain: domain });
  }
  return { by: 'email_domain', emailDomain: domain, website: org.website };
}
