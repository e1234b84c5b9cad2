import { CHALLENGE_CATEGORIES, CHALLENGE_INDUSTRIES, CHALLENGE_STATES, NOTIFICATION_KINDS } from '@challenge/domain';
import { Type } from '@sinclair/typebox';
import { Email, Instant, Literals, Password, Uuid } from './common';
import { MAX_QUERY_LENGTH } from './challenges';

const FenBound = Type.Integer({ minimum: 0, maximum: 1e15 });

export const EmailPreferencesView = Type.Object({
  emailVerified: Type.Boolean(),
  kinds: Type.Array(Type.Object({ kind: Literals(NOTIFICATION_KINDS), email: Type.Boolean() })),
});
export const EmailPreferencesBody = Type.Object(
  { kinds: Type.Array(Type.Object({ kind: Literals(NOTIFICATION_KINDS), email: Type.Boolean() }, { additionalProperties: false }), { minItems: 1, maxItems: NOTIFICATION_KINDS.length }) },
  { additionalProperties: false },
);

export const TokenQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
export const UnsubscribeView = Type.Object({ kind: Literals(NOTIFICATION_KINDS), email: Type.Boolean() });

export const TokenBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
export const ResetRequestBody = Type.Object({ email: Email }, { additionalProperties: false });
export const ResetBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 500 }), password: Password }, { additionalProperties: false });

export const FollowView = Type.Object({ following: Type.Boolean() });
export const FollowedChallenge = Type.Object({
  id: Uuid, titleZh: Type.String(), titleEn: Type.Union([Type.String(), Type.Null()]), state: Literals(CHALLENGE_STATES),
  deadline: Type.Union([Instant, Type.Null()]), followedAt: Instant,
});

export const SavedQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: MAX_QUERY_LENGTH })),
    industry: Type.Optional(Literals(CHALLENGE_INDUSTRIES)),
    category: Type.Optional(Literals(CHALLENGE_CATEGORIES)),
    minBountyFen: Type.Optional(FenBound),
    maxBountyFen: Type.Optional(FenBound),
  },
  { additionalProperties: false },
);
export const SavedSearchView = Type.Object({ id: Uuid, name: Type.String(), query: SavedQuery, alerts: Type.Boolean(), createdAt: Instant, path: Type.String() });
export const SavedSearchBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), query: SavedQuery, alerts: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export const SavedSearchPatch = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), alerts: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
