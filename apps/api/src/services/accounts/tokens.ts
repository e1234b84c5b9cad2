import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { appendAudit, refreshTokens, users } from '@challenge/db';
import { AppError } from '@challenge/domain';
import { and, eq, isNull } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { dummyHash, verifyPassword } from '../passwords';
import { normalizeEmail } from './register';

export const ACCESS_TOKEN_TTL_S = 15 * 60;
export const REFRESH_TOKEN_TTL_S = 30 * 24 * 3600;

/** Signs short-lived access tokens; provided by the HTTP layer (@fastify/jwt) so services stay HTTP-free. */
export type AccessTokenSigner = (claims: { sub: string; role: string }, issuedAt: Date) => string;

export interface AuthContext extends ServiceContext {
  signAccessToken: AccessTokenSigner;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

async function issuePair(ctx: AuthContext, tx: ServiceContext['db'], user: { id: string; role: string }, familyId: string) {
  const now = ctx.clock.now();
  const refreshToken = randomBytes(32).toString('base64url');
  const refreshTokenExpiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_S * 1000);
  await tx.insert(refreshTokens).values({ userId: user.id, familyId, tokenHash: sha256(refreshToken), expiresAt: refreshTokenExpiresAt, createdAt: now });
  return {
    accessToken: ctx.signAccessToken({ sub: user.id, role: user.role }, now),
    accessTokenExpiresAt: new Date(now.getTime() + ACCESS_TOKEN_TTL_S * 1000).toISOString(),
    refreshToken,
    refreshTokenExpiresAt: refreshTokenExpiresAt.toISOString(),
    tokenType: 'Bearer' as const,
  };
}

export async function login(ctx: AuthContext, input: { email: string; password: string }) {
  const email = normalizeEmail(input.email);
  const [user] = await ctx.db.select().from(users).where(eq(users.email, email)).limit(1);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password);
  if (!user || !ok) throw new AppError('invalid_credentials');
  if (user.status !== 'active') throw new AppError('account_disabled');
  return inTransaction(ctx, async (tx) => {
    const pair = await issuePair(ctx, tx, user, randomUUID());
    await appendAudit(tx, { at: ctx.clock.now(), actorId: user.id, actorRole: user.role, action: 'user.login', entityType: 'user', entityId: user.id });
    return pair;
  });
}

/**
 * Rotates a refresh token. A token presented twice means it leaked: the whole family (this sign-in
 * and every rotation of it) is revoked, and the revocation commits even though the call fails.
 */
export async function refresh(ctx: AuthContext, input: { refreshToken: string }) {
  const outcome = await inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    const [token] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, sha256(input.refreshToken))).for('update').limit(1);
    if (!token) return { error: 'token_invalid' as const };
    if (token.usedAt || token.revokedAt) {
      await tx.update(refreshTokens).set({ revokedAt: now }).where(and(eq(refreshTokens.familyId, token.familyId), isNull(refreshTokens.revokedAt)));
      await appendAudit(tx, { at: now, actorId: token.userId, actorRole: null, action: 'refresh_token.reuse_detected', entityType: 'user', entityId: token.userId });
      return { error: 'refresh_token_reused' as const };
    }
    if (token.expiresAt <= now) return { error: 'token_expired' as const };
    const [user] = await tx.select().from(users).where(eq(users.id, token.userId)).limit(1);
    if (!user || user.status !== 'active') return { error: 'account_disabled' as const };
    await tx.update(refreshTokens).set({ usedAt: now }).where(eq(refreshTokens.id, token.id));
    return { pair: await issuePair(ctx, tx, user, token.familyId) };
  });
  if (!outcome.pair) throw new AppError(outcome.error ?? 'token_invalid');
  return outcome.pair;
}

/** Ends the sign-in the refresh token belongs to. Unknown tokens are ignored: logging out twice is fine. */
export async function logout(ctx: ServiceContext, input: { refreshToken: string }) {
  await inTransaction(ctx, async (tx) => {
    const [token] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, sha256(input.refreshToken))).limit(1);
    if (!token) return;
    await tx.update(refreshTokens).set({ revokedAt: ctx.clock.now() }).where(and(eq(refreshTokens.familyId, token.familyId), isNull(refreshTokens.revokedAt)));
  });
}

/** Revokes every refresh token of a user (used when the bureau disables the account). */
export async function revokeAllRefreshTokens(tx: ServiceContext['db'], userId: string, now: Date) {
  await tx.update(refreshTokens).set({ revokedAt: now }).where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}
