import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemResponses } from '../schemas/common';
import { ResultsPage, ResultsQuery } from '../schemas/results';
import { listResults } from '../services/results/list-results';

const tags = ['results'];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/results', {
    config: { publicRead: true },
    schema: {
      tags,
      summary: 'Public results (揭榜结果): challenges with a final award, newest first — winners’ organisations, awards and each project’s progress (milestones verified, amount released); totals over the filter. The same answer for every reader',
      querystring: ResultsQuery,
      response: { 200: ResultsPage, ...problemResponses },
    },
  }, async (request) => listResults(app.ctx, request.query));
};

export default routes;
