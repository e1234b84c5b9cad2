import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { databaseHealth, outboxHealth, searchHealth } from '../services/health';

const Seconds = (description: string) => Type.Union([Type.Integer(), Type.Null()], { description });
const Database = Type.Object({ ok: Type.Boolean(), driver: Type.String(), latencyMs: Type.Number() });
const Search = Type.Object({
  engine: Type.Union([Type.Literal('postgres'), Type.Literal('meilisearch')], { description: 'the engine queries go to first' }),
  meilisearch: Type.Optional(Type.Object({
    reachable: Type.Boolean({ description: 'false: queries are answered by the PostgreSQL engine, changes wait in the outbox' }),
    latencyMs: Type.Number(), error: Type.Optional(Type.String()),
  }, { description: 'with MEILI_URL only' })),
  outboxPending: Type.Integer({ description: 'challenge changes not yet sent to Meilisearch' }),
  outboxFailing: Type.Integer({ description: 'of those, how many failed to send at least once' }),
  outboxOldestSeconds: Seconds('how long the oldest change has waited'),
});
const Outbox = Type.Object({
  eventsPending: Type.Integer({ description: 'events not yet turned into notifications' }),
  eventsOldestSeconds: Seconds('how long the oldest of them has waited'),
  mailPending: Type.Integer(), mailFailed: Type.Integer({ description: 'mails given up on after repeated failures' }),
  mailOldestDueSeconds: Seconds('how long the oldest mail due has waited'),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', {
    schema: {
      tags: ['system'],
      summary: 'Database, search engine, version and how far the notification, e-mail and search outboxes are behind; 503 when the database does not answer',
      response: {
        200: Type.Object({ status: Type.Literal('ok'), version: Type.String(), database: Database, search: Search, outbox: Outbox }),
        // Or a problem: the database can go away between its check and the outbox figures.
        503: Type.Union([Type.Object({ status: Type.Literal('degraded'), version: Type.String(), database: Database }), Type.Ref('Problem')]),
      },
    },
  }, async (_request, reply) => {
    const database = await databaseHealth(app.ctx, app.driver);
    if (!database.ok) return reply.code(503).send({ status: 'degraded' as const, version: app.appVersion, database });
    const [search, outbox] = await Promise.all([searchHealth(app.ctx), outboxHealth(app.ctx)]);
    return { status: 'ok' as const, version: app.appVersion, database, search, outbox };
  });
};

export default routes;
