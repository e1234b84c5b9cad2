import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemResponses } from '../schemas/common';
import { ResultsPage, ResultsQuery } from '../schemas/results';
import { listResults } from '../services/results/list-results';

const tags = ['results'];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/results', {
    schema: {
      tags,
      summary: 'Public results (揭榜结果): challenges with a final award, newest first — winners’ organisations, awards and each project’s progress (milestones verified, amount released); totals over the filter. The same answer for every reader, so caches may keep it a minute',
      querystring: ResultsQuery,
      response: { 200: ResultsPage, ...problemResponses },
    },
  }, async (request, reply) => {
    const page = await listResults(app.ctx, request.query);
    // Public and the same for everyone (no reader-dependent field): shared caches may keep it briefly.
    reply.header('cache-control', 'public, max-age=60');
    return page;
  });
};

export default routes;
