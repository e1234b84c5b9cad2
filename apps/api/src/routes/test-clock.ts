import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { TestClock } from '../clock';
import { Instant } from '../schemas/common';

/** Registered only when NODE_ENV=test (see app.ts): lets tests cross deadlines without sleeping. */
const routes = (clock: TestClock): FastifyPluginAsyncTypebox => async (app) => {
  app.post('/test/clock', {
    schema: {
      tags: ['test'],
      body: Type.Object({ now: Type.Optional(Instant), advanceMs: Type.Optional(Type.Integer()), reset: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: Type.Object({ now: Instant }) },
    },
  }, async (request) => {
    const { now, advanceMs, reset } = request.body;
    if (reset) clock.reset();
    if (now) clock.set(new Date(now));
    if (advanceMs) clock.advance(advanceMs);
    return { now: clock.now().toISOString() };
  });
};

export default routes;
