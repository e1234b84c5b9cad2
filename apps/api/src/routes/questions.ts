import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, problemResponses } from '../schemas/common';
import { AnswerBody, AskBody, QuestionListQuery, QuestionPage, QuestionView } from '../schemas/questions';
import { answerQuestion } from '../services/questions/answer-question';
import { askQuestion } from '../services/questions/ask-question';
import { listQuestions } from '../services/questions/list-questions';

const tags = ['questions'];
const security = [{ bearer: [] }];
const NoQuery = Type.Object({}, { additionalProperties: false });

/** The public Q&A of a challenge; who may read, ask and answer: services/questions/rules.ts. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/challenges/:id/questions', {
    config: { publicRead: true },
    schema: {
      tags,
      summary:
        'A challenge’s Q&A: answered questions for every reader who may see its details (`gated` and no items where they are behind confidentiality terms); ' +
        'unanswered ones too for the owner and the bureau, and the asker’s own (`mine`). The asker is never named. Newest first',
      params: IdParams,
      querystring: QuestionListQuery,
      response: { 200: QuestionPage, ...problemResponses },
    },
  }, async (request) => {
    const { page = 1, pageSize = 20 } = request.query;
    return listQuestions(app.ctx, request.actor, request.params.id, { page, pageSize });
  });

  app.post('/challenges/:id/questions', {
    preHandler: app.requireUser,
    schema: {
      tags, security,
      summary: 'A signed-in reader with the challenge’s details (not the owner, not the bureau) asks a question while the challenge is open; at most 20 unanswered per user and challenge',
      params: IdParams, querystring: NoQuery, body: AskBody, response: { 201: QuestionView, ...problemResponses },
    },
  }, async (request, reply) => reply.code(201).send(await askQuestion(app.ctx, request.actor, request.params.id, request.body)));

  app.post('/questions/:id/answer', {
    preHandler: app.requireUser,
    schema: {
      tags, security,
      summary: 'The owner enterprise or the bureau answers a question, once; the answer is public from then on and the asker is notified',
      params: IdParams, querystring: NoQuery, body: AnswerBody, response: { 200: QuestionView, ...problemResponses },
    },
  }, async (request) => answerQuestion(app.ctx, request.actor, request.params.id, request.body));
};

export default routes;
