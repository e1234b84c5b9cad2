import { idempotencyKeys } from '@challenge/db';
import { AppError } from '@challenge/domain';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { createHash } from 'node:crypto';
import type { ServiceContext } from '../services/context';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route moves money: an `Idempotency-Key` makes a retry answer as the first request did (api.md). */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

/** A request still running this long is taken for dead: its key may run again. */
const STALE_MS = 60_000;

/**
 * api.md's rule for routes that move money: keys are per user; a repeat of the same request (method,
 * path and body) returns the first answer — status and body — and moves nothing; the same key with
 * another request is refused (`idempotency_key_reused`, 422); while the first still runs, a repeat
 * is told so (`idempotency_in_progress`, 409). A 5xx is not kept, so a retry after a failure runs.
 */
const plugin: FastifyPluginAsync<{ services: ServiceContext }> = async (app, { services }) => {
  const db = services.db;
  app.decorateRequest('idempotencyKey', null);

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (!request.routeOptions.config.idempotent || typeof key !== 'string' || key === '' || !request.actor) return;
    const requestHash = createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
    const now = services.clock.now();
    const userId = request.actor.userId;
    const claimed = await db.insert(idempotencyKeys).values({ userId, key, requestHash, createdAt: now }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [first] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
      if (first!.requestHash !== requestHash) throw new AppError('idempotency_key_reused');
      if (first!.statusCode !== null) {
        return reply.code(first!.statusCode).header('content-type', first!.contentType ?? 'application/json; charset=utf-8').header('idempotent-replayed', 'true').send(first!.response);
      }
      // Still running, unless it died: then this request takes the key over.
      const retaken = await db.update(idempotencyKeys).set({ createdAt: now })
        .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key), isNull(idempotencyKeys.statusCode), lt(idempotencyKeys.createdAt, new Date(now.getTime() - STALE_MS))))
        .returning({ key: idempotencyKeys.key });
      if (retaken.length === 0) throw new AppError('idempotency_in_progress');
    }
    request.idempotencyKey = key;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.idempotencyKey;
    if (!key || !request.actor) return payload;
    const where = and(eq(idempotencyKeys.userId, request.actor.userId), eq(idempotencyKeys.key, key), isNull(idempotencyKeys.statusCode));
    try {
      if (reply.statusCode >= 500) await db.delete(idempotencyKeys).where(where);
      else await db.update(idempotencyKeys).set({ statusCode: reply.statusCode, contentType: String(reply.getHeader('content-type') ?? ''), response: typeof payload === 'string' ? payload : null }).where(where);
    } catch (err) {
      // The database went away after the answer was decided (a restart): the answer still goes out —
      // a failing hook would replace it with Fastify's own 500, quoting the statement. The key stays
      // claimed, so a retry is told it is in progress until it is taken for dead (STALE_MS).
      request.log.error({ err }, 'idempotency key not recorded');
    }
    return payload;
  });
};

export default fp(plugin, { name: 'idempotency' });
