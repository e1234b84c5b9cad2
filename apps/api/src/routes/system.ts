import { AppError } from '@challenge/domain';
import { verifyAuditChain } from '@challenge/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { problemResponses } from '../schemas/common';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', {
    schema: {
      tags: ['system'], summary: 'Database and version',
      response: {
        200: Type.Object({ status: Type.Literal('ok'), version: Type.String(), database: Type.Object({ ok: Type.Boolean(), driver: Type.String(), latencyMs: Type.Number() }) }),
        503: Type.Object({ status: Type.Literal('degraded'), version: Type.String(), database: Type.Object({ ok: Type.Boolean(), driver: Type.String(), latencyMs: Type.Number() }) }),
      },
    },
  }, async (_request, reply) => {
    const started = performance.now();
    let ok = true;
    try {
      await app.ctx.db.execute(sql`select 1`);
    } catch {
      ok = false;
    }
    const database = { ok, driver: app.driver, latencyMs: Math.round((performance.now() - started) * 100) / 100 };
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', version: app.appVersion, database } as never);
  });

  app.get('/audit/verify', {
    preHandler: app.requireUser,
    schema: {
      tags: ['audit'], summary: "Bureau: recompute the audit log's hash chain",
      response: { 200: Type.Object({ ok: Type.Boolean(), checked: Type.Integer(), brokenIds: Type.Array(Type.Integer()) }), ...problemResponses },
    },
  }, async (request) => {
    if (request.actor?.role !== 'bureau') throw new AppError('forbidden', { entity: 'audit', action: 'verify' });
    return verifyAuditChain(app.ctx.db);
  });
};

export default routes;
