import fastifyJwt from '@fastify/jwt';
import { users } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../clock';
import { ACCESS_TOKEN_TTL_S, type AccessTokenSigner } from '../services/accounts/tokens';
import type { ServiceContext } from '../services/context';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyInstance {
    signAccessToken: AccessTokenSigner;
    /** preHandler: refuses anonymous requests with 401. */
    requireUser: (request: FastifyRequest) => Promise<void>;
  }
}

const AUDIENCE = 'challenge-api';
const ISSUER = 'challenge-marketplace';

interface AccessClaims {
  sub: string;
  role: string;
  typ: string;
}

/**
 * Bearer access tokens: HS256 only (pinned, so `alg: none` or RS/HS confusion is refused), with
 * `aud`, `iss`, `exp` and our own `typ: access` checked against the injected clock. Every request
 * re-reads the user, so a disabled account stops working on its next request.
 */
export default fp<{ secret: string; clock: Clock; services: ServiceContext }>(async (app: FastifyInstance, opts) => {
  await app.register(fastifyJwt, {
    secret: opts.secret,
    sign: { algorithm: 'HS256', aud: AUDIENCE, iss: ISSUER },
    verify: { algorithms: ['HS256'], allowedAud: AUDIENCE, allowedIss: ISSUER, requiredClaims: ['exp', 'sub', 'aud', 'iss'] },
  });

  app.decorate('signAccessToken', ((claims, issuedAt) => {
    const iat = Math.floor(issuedAt.getTime() / 1000);
    return app.jwt.sign({ ...claims, typ: 'access', iat, exp: iat + ACCESS_TOKEN_TTL_S });
  }) satisfies AccessTokenSigner);

  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (request) => {
    request.actor = null;
    const header = request.headers.authorization;
    if (!header) return;
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new AppError('token_invalid');
    let claims: AccessClaims;
    try {
      claims = app.jwt.verify<AccessClaims>(token, { clockTimestamp: opts.clock.now().getTime() } as never);
    } catch (e) {
      throw new AppError((e as { code?: string }).code === 'FAST_JWT_EXPIRED' ? 'token_expired' : 'token_invalid');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || !/^[0-9a-f-]{36}$/i.test(claims.sub)) throw new AppError('token_invalid');
    const [user] = await opts.services.db
      .select({ id: users.id, role: users.role, status: users.status, organizationId: users.organizationId, isOrgAdmin: users.isOrgAdmin })
      .from(users)
      .where(eq(users.id, claims.sub))
      .limit(1);
    if (!user) throw new AppError('token_invalid');
    if (user.status !== 'active') throw new AppError('account_disabled');
    request.actor = { userId: user.id, role: user.role, organizationId: user.organizationId, isOrgAdmin: user.isOrgAdmin };
  });

  app.decorate('requireUser', async (request: FastifyRequest) => {
    if (!request.actor) throw new AppError('unauthenticated');
  });
});
