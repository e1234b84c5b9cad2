import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ReasonBody } from '../schemas/accounts';
import {
  AmendmentBody, ApproveBody, ChallengeAny, ChallengeCreateBody, ChallengeListPage, ChallengeListQuery, ChallengePatchBody, ChallengeStats,
  ConfidentialityBody, IdempotencyHeaders,
} from '../schemas/challenges';
import { IdParams, problemResponses } from '../schemas/common';
import { acceptConfidentiality } from '../services/challenges/accept-confidentiality';
import { amendChallenge } from '../services/challenges/amend-challenge';
import { approveChallenge } from '../services/challenges/approve-challenge';
import { cancelChallenge } from '../services/challenges/cancel-challenge';
import { challengeStats } from '../services/challenges/challenge-stats';
import { closeChallenge } from '../services/challenges/close-challenge';
import { createChallenge } from '../services/challenges/create-challenge';
import { getChallenge } from '../services/challenges/get-challenge';
import { listChallenges } from '../services/challenges/list-challenges';
import { returnChallenge } from '../services/challenges/return-challenge';
import { submitChallenge } from '../services/challenges/submit-challenge';
import { updateChallenge } from '../services/challenges/update-challenge';

const tags = ['challenges'];
const NoBody = Type.Optional(Type.Object({}, { additionalProperties: false }));
const IDEMPOTENCY_NOTE = ' An `Idempotency-Key` makes a retry answer as the first request did, moving nothing again.';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/challenges', {
    config: { publicRead: true },
    schema: {
      tags,
      summary:
        'Search and browse challenges: published and later for everyone; `mine=1` the own organisation\'s (drafts too); the bureau any status (`status=pending_review` is its queue). ' +
        '`q` searches Chinese and English text (synonyms, traditional characters, misspellings), ranked by `relevance` unless another `sort` is asked for; `typing=1` while the user types. ' +
        'Every answer carries facet counts (industry, category, status); items carry highlights, from the details only for readers who may see them.',
      querystring: ChallengeListQuery,
      response: { 200: ChallengeListPage, ...problemResponses },
    },
  }, async (request) => {
    const { page = 1, pageSize = 20, mine, typing, deadlineBefore, ...filters } = request.query;
    return listChallenges(app.ctx, request.actor, {
      ...filters, mine: mine !== undefined, typing: typing !== undefined, deadlineBefore: deadlineBefore ? new Date(deadlineBefore) : undefined, page, pageSize,
    });
  });

  app.post('/challenges', {
    preHandler: app.requireUser,
    schema: { tags, summary: 'An enterprise of a verified organisation creates a draft', body: ChallengeCreateBody, response: { 201: ChallengeAny, ...problemResponses } },
  }, async (request, reply) => {
    const created = await createChallenge(app.ctx, request.actor, request.body);
    return reply.code(201).send(await getChallenge(app.ctx, request.actor, created.id));
  });

  // A static path: find-my-way matches it before `/challenges/:id`, so `stats` is never read as an id.
  app.get('/challenges/stats', {
    config: { publicRead: true },
    schema: {
      tags,
      summary: 'Public headline figures: open challenges and bounty, special fund committed, organisations taking part, open bounty by industry and category. Published challenges only, never drafts or challenges in review',
      response: { 200: ChallengeStats, ...problemResponses },
    },
  }, async () => challengeStats(app.ctx));

  app.get('/challenges/:id', {
    config: { publicRead: true },
    schema: {
      tags,
      summary: 'One challenge: `manage` view for the owner and the bureau, `detail` where details are open to the reader, else `summary`',
      params: IdParams,
      response: { 200: ChallengeAny, ...problemResponses },
    },
  }, async (request) => getChallenge(app.ctx, request.actor, request.params.id));

  app.patch('/challenges/:id', {
    preHandler: app.requireUser,
    schema: { tags, summary: 'The owner edits a draft; `indicators`, when given, replace the list', params: IdParams, body: ChallengePatchBody, response: { 200: ChallengeAny, ...problemResponses } },
  }, async (request) => {
    await updateChallenge(app.ctx, request.actor, request.params.id, request.body);
    return getChallenge(app.ctx, request.actor, request.params.id);
  });

  app.post('/challenges/:id/submit', {
    preHandler: app.requireUser,
    schema: { tags, summary: 'The owner submits a complete draft for review (every missing field reported at once)', params: IdParams, body: NoBody, response: { 200: ChallengeAny, ...problemResponses } },
  }, async (request) => {
    await submitChallenge(app.ctx, request.actor, request.params.id);
    return getChallenge(app.ctx, request.actor, request.params.id);
  });

  app.post('/challenges/:id/approve', {
    preHandler: app.requireUser,
    config: { idempotent: true },
    schema: {
      tags, summary: `The bureau publishes, setting the special-fund match (at most the requested amount); bounty = enterprise share + special fund.${IDEMPOTENCY_NOTE}`,
      params: IdParams, headers: IdempotencyHeaders, body: ApproveBody, response: { 200: ChallengeAny, ...problemResponses },
    },
  }, async (request) => {
    await approveChallenge(app.ctx, request.actor, request.params.id, request.body);
    return getChallenge(app.ctx, request.actor, request.params.id);
  });

  app.post('/challenges/:id/return', {
    preHandler: app.requireUser,
    schema: { tags, summary: 'The bureau returns a challenge in review to its owner, with reasons', params: IdParams, body: ReasonBody, response: { 200: ChallengeAny, ...problemResponses } },
  }, async (request) => {
    await returnChallenge(app.ctx, request.actor, request.params.id, request.body.reason);
    return getChallenge(app.ctx, request.actor, request.params.id);
  });

  app.post('/challenges/:id/close', {
    preHandler: app.requireUser,
    schema: { tags, summary: 'The bureau records the close of a published challenge whose deadline has passed', params: IdParams, body: NoBody, response: { 200: ChallengeAny, ...problemResponses } },
  }, async (request) => {
    await closeChallenge(app.ctx, request.actor, request.params.id);
    return getChallenge(app.ctx, request.actor, request.params.id);
  });

  app.post('/challenges/:id/cancel', {
    preHandler: app.requireUser,
    config: { idempotent: true },
    schema: {
      tags, summary: `Cancel with a reason: the owner before publication, the bureau up to the public notice.${IDEMPOTENCY_NOTE}`,
      params: IdParams, headers: IdempotencyHeaders, body: ReasonBody, response: { 200: ChallengeAny, ...problemResponses },
    },
  }, async (request) => {
    await cancelChallenge(app.ctx, request.actor, request.params.id, request.body.reason);
    return getChallenge(app.ctx, request.actor, request.params.id);
  });

  app.post('/challenges/:id/amendments', {
    preHandler: app.requireUser,
    schema: {
      tags, summary: 'A dated note on a published challenge before its deadline: a clarification (owner or bureau) or a deadline extension (bureau)',
      params: IdParams, body: AmendmentBody, response: { 201: ChallengeAny, ...problemResponses },
    },
  }, async (request, reply) => {
    const { newDeadline, ...rest } = request.body;
    await amendChallenge(app.ctx, request.actor, request.params.id, { ...rest, newDeadline: newDeadline ? new Date(newDeadline) : undefined });
    return reply.code(201).send(await getChallenge(app.ctx, request.actor, request.params.id));
  });

  app.post('/challenges/:id/confidentiality', {
    preHandler: app.requireUser,
    schema: {
      tags, summary: "A verified solver accepts a restricted challenge's confidentiality terms (the version shown) and gets its details",
      params: IdParams, body: ConfidentialityBody, response: { 200: ChallengeAny, ...problemResponses },
    },
  }, async (request) => {
    await acceptConfidentiality(app.ctx, request.actor, request.params.id, request.body.termsVersion);
    return getChallenge(app.ctx, request.actor, request.params.id);
  });
};

export default routes;
