import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { outboxLag } from '../services/mail/send-mails';

const Database = Type.Object({ ok: Type.Boolean(), driver: Type.String(), latencyMs: Type.Number() });
const Outbox = Type.Object({
  eventsPending: Type.Integer({ description: 'events not yet turned into notifications' }),
  mailPending: Type.Integer(), mailFailed: Type.Integer({ description: 'mails given up on after repeated failures' }),
  mailOldestDueSeconds: Type.Union([Type.Integer(), Type.Null()], { description: 'how long the oldest mail due has waited' }),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', {
    schema: {
      tags: ['system'], summary: 'Database, version and how far the notification and e-mail outboxes are behind',
      response: {
        200: Type.Object({ status: Type.Literal('ok'), version: Type.String(), database: Database, outbox: Outbox }),
        503: Type.Object({ status: Type.Literal('degraded'), version: Type.String(), database: Database }),
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
    if (!ok) return reply.code(503).send({ status: 'degraded', version: app.appVersion, database } as never);
    return { status: 'ok' as const, version: app.appVersion, database, outbox: await outboxLag(app.ctx) };
  });
};

export default routes;
