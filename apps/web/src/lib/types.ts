/** What the API answers (apps/api/src/schemas); shared by server code and components. */
import type { Locale } from '$lib/i18n';

export type Role = 'enterprise' | 'solver' | 'expert' | 'bureau' | 'finance';
export type StaffRole = 'expert' | 'bureau' | 'finance';
export type UserStatus = 'active' | 'disabled';
export type OrganizationKind = 'enterprise' | 'university' | 'institute' | 'company' | 'team';
export type OrganizationStatus = 'pending' | 'verified' | 'rejected';
export type JoinRequestStatus = 'pending' | 'approved' | 'rejected';

export const ROLES: readonly Role[] = ['enterprise', 'solver', 'expert', 'bureau', 'finance'];
export const STAFF_ROLES: readonly StaffRole[] = ['expert', 'bureau', 'finance'];
export const USER_STATUSES: readonly UserStatus[] = ['active', 'disabled'];
export const ORGANIZATION_KINDS: readonly OrganizationKind[] = ['enterprise', 'university', 'institute', 'company', 'team'];
export const ORGANIZATION_STATUSES: readonly OrganizationStatus[] = ['pending', 'verified', 'rejected'];

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  status: UserStatus;
  locale: Locale;
  organizationId: string | null;
  isOrgAdmin: boolean;
  createdAt: string;
}

export interface OrganizationPublic {
  id: string;
  kind: OrganizationKind;
  country: string;
  nameZh: string | null;
  nameEn: string | null;
  website: string | null;
  status: OrganizationStatus;
}

export interface Organization extends OrganizationPublic {
  uscc: string | null;
  emailDomain: string | null;
  statusReason: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface Me {
  user: User;
  organization: Organization | null;
  pendingJoinRequest: { id: string; organization: OrganizationPublic; createdAt: string } | null;
}

export interface JoinRequest {
  id: string;
  organizationId: string;
  userId: string;
  userDisplayName: string;
  userEmail: string;
  status: JoinRequestStatus;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface TokenPair {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  tokenType: 'Bearer';
}

export interface OrganizationInput {
  kind: OrganizationKind;
  country: string;
  nameZh?: string;
  nameEn?: string;
  uscc?: string;
  website?: string;
  emailDomain?: string;
}

export interface RegisterInput {
  email: string;
  password: string;
  displayName: string;
  role: 'enterprise' | 'solver';
  locale?: Locale;
  organization: OrganizationInput;
}

export interface RegisterResult {
  user: User;
  organization: Organization;
  joinRequest: { id: string; status: string } | null;
}

export interface CreateUserInput {
  email: string;
  password: string;
  displayName: string;
  role: StaffRole;
  locale?: Locale;
}

export interface JoinDecision {
  id: string;
  status: string;
  reason: string | null;
}
