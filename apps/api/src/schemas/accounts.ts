import { Type } from '@sinclair/typebox';
import { Email, Instant, Literals, Locale, Password, Reason, Uuid } from './common';

export const ORGANIZATION_KINDS = ['enterprise', 'university', 'institute', 'company', 'team'] as const;
export const ORGANIZATION_STATUSES = ['pending', 'verified', 'rejected'] as const;

const Name = Type.String({ minLength: 2, maxLength: 200 });

export const OrganizationInput = Type.Object(
  {
    kind: Literals(ORGANIZATION_KINDS),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
    nameZh: Type.Optional(Name),
    nameEn: Type.Optional(Name),
    uscc: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    website: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 300 })),
    emailDomain: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$', maxLength: 253 })),
  },
  { additionalProperties: false },
);

export const RegisterBody = Type.Object(
  {
    email: Email,
    password: Password,
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    role: Type.String({ minLength: 1, maxLength: 20, description: 'enterprise or solver' }),
    locale: Type.Optional(Locale),
    organization: OrganizationInput,
  },
  { additionalProperties: false },
);

/** What anyone may see of a verified organisation. */
export const OrganizationPublic = Type.Object(
  {
    id: Uuid,
    kind: Literals(ORGANIZATION_KINDS),
    country: Type.String(),
    nameZh: Type.Union([Type.String(), Type.Null()]),
    nameEn: Type.Union([Type.String(), Type.Null()]),
    website: Type.Union([Type.String(), Type.Null()]),
    status: Literals(ORGANIZATION_STATUSES),
  },
  { $id: 'OrganizationPublic' },
);

/** What the bureau and the organisation's own members see. */
export const OrganizationFull = Type.Object(
  {
    id: Uuid,
    kind: Literals(ORGANIZATION_KINDS),
    country: Type.String(),
    nameZh: Type.Union([Type.String(), Type.Null()]),
    nameEn: Type.Union([Type.String(), Type.Null()]),
    website: Type.Union([Type.String(), Type.Null()]),
    status: Literals(ORGANIZATION_STATUSES),
    uscc: Type.Union([Type.String(), Type.Null()]),
    emailDomain: Type.Union([Type.String(), Type.Null()]),
    statusReason: Type.Union([Type.String(), Type.Null()]),
    decidedAt: Type.Union([Instant, Type.Null()]),
    createdAt: Instant,
  },
  { $id: 'OrganizationFull' },
);

export const UserView = Type.Object(
  {
    id: Uuid,
    email: Type.String(),
    displayName: Type.String(),
    role: Literals(['enterprise', 'solver', 'expert', 'bureau', 'finance'] as const),
    status: Literals(['active', 'disabled'] as const),
    locale: Locale,
    organizationId: Type.Union([Uuid, Type.Null()]),
    isOrgAdmin: Type.Boolean(),
    /** Proven by the link in the verification mail; notification e-mail waits for it. */
    emailVerified: Type.Boolean(),
    createdAt: Instant,
  },
  { $id: 'UserView' },
);

export const JoinRequestView = Type.Object(
  {
    id: Uuid,
    organizationId: Uuid,
    userId: Uuid,
    userDisplayName: Type.String(),
    userEmail: Type.String(),
    status: Literals(['pending', 'approved', 'rejected'] as const),
    reason: Type.Union([Type.String(), Type.Null()]),
    createdAt: Instant,
    decidedAt: Type.Union([Instant, Type.Null()]),
  },
  { $id: 'JoinRequestView' },
);

export const RegisterResponse = Type.Object({
  user: Type.Ref('UserView'),
  organization: Type.Ref('OrganizationFull'),
  joinRequest: Type.Union([Type.Object({ id: Uuid, status: Type.String() }), Type.Null()]),
});

export const LoginBody = Type.Object({ email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export const RefreshBody = Type.Object({ refreshToken: Type.String({ minLength: 10, maxLength: 200 }) }, { additionalProperties: false });
export const TokenPair = Type.Object({
  accessToken: Type.String(),
  accessTokenExpiresAt: Instant,
  refreshToken: Type.String(),
  refreshTokenExpiresAt: Instant,
  tokenType: Type.Literal('Bearer'),
});

export const MeResponse = Type.Object({
  user: Type.Ref('UserView'),
  organization: Type.Union([Type.Ref('OrganizationFull'), Type.Null()]),
  pendingJoinRequest: Type.Union([
    Type.Object({ id: Uuid, organization: Type.Ref('OrganizationPublic'), createdAt: Instant }),
    Type.Null(),
  ]),
});
export const MePatch = Type.Object(
  { displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), locale: Type.Optional(Locale) },
  { additionalProperties: false, minProperties: 1 },
);

export const CreateUserBody = Type.Object(
  {
    email: Email,
    password: Password,
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    role: Type.String({ minLength: 1, maxLength: 20, description: 'expert, bureau or finance' }),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);
export const ReasonBody = Type.Object({ reason: Reason }, { additionalProperties: false });
export const OptionalReasonBody = Type.Object({ reason: Type.Optional(Reason) }, { additionalProperties: false });
