import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdempotencyHeaders } from '../schemas/challenges';
import { IdParams, problemResponses } from '../schemas/common';
import { DecisionBody, DecisionView, FinalizeResult, ObjectionBody, ObjectionView, ResolveBody } from '../schemas/decisions';
import { decideChallenge } from '../services/decisions/decide';
import { finalizeChallenge } from '../services/decisions/finalize';
import { fileObjection, listObjections, resolveObjection } from '../services/decisions/objections';
import { publicDecision } from '../services/decisions/public-decision';

const tags = ['decision'];
const security = [{ bearer: [] }];
const NoBody = Type.Optional(Type.Object({}, { additionalProperties: false }));
type ObjectionRow = Awaited<ReturnType<typeof fileObjection>>;
const objectionView = (o: ObjectionRow) => ({
  id: o.id, challengeId: o.challengeId, decisionId: o.decisionId, reasons: o.reasons, evidence: o.evidence, state: o.state, resolution: o.resolution,
  resolvedAt: o.resolvedAt?.toISOString() ?? null, createdAt: o.createdAt.toISOString(),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/challenges/:id/decision', {
    preHandler: app.requireUser,
    schema: {
      tags, security,
      summary: 'The bureau decides: winners with awards (sum within the bounty) → `notice` for 5 working days, or none → `failed`; feedback for every reviewed applicant not selected',
      params: IdParams, body: DecisionBody, response: { 200: DecisionView, ...problemResponses },
    },
  }, async (request) => {
    await decideChallenge(app.ctx, request.actor, request.params.id, request.body);
    return publicDecision(app.ctx, request.actor, request.params.id);
  });

  app.get('/challenges/:id/decision', {
    config: { publicRead: true },
    schema: { tags, summary: 'The published decision (公示): winners, awards, notice period, objection outcomes without their filers', params: IdParams, response: { 200: DecisionView, ...problemResponses } },
  }, async (request) => publicDecision(app.ctx, request.actor, request.params.id));

  app.post('/challenges/:id/objections', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'A signed-in user objects during the notice period, with reasons and evidence', params: IdParams, body: ObjectionBody, response: { 201: ObjectionView, ...problemResponses } },
  }, async (request, reply) => reply.code(201).send(objectionView(await fileObjection(app.ctx, request.actor, request.params.id, request.body))));

  app.get('/challenges/:id/objections', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'Objections: all for the bureau, one’s own for anyone else', params: IdParams, response: { 200: Type.Object({ items: Type.Array(ObjectionView) }), ...problemResponses } },
  }, async (request) => ({ items: (await listObjections(app.ctx, request.actor, request.params.id)).map(objectionView) }));

  app.post('/objections/:id/resolve', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The bureau upholds (the challenge returns to review for a new decision) or dismisses, with reasons', params: IdParams, body: ResolveBody, response: { 200: ObjectionView, ...problemResponses } },
  }, async (request) => objectionView(await resolveObjection(app.ctx, request.actor, request.params.id, request.body)));

  app.post('/challenges/:id/finalize', {
    preHandler: app.requireUser,
    config: { idempotent: true },
    schema: {
      tags, security,
      summary: 'After the notice period with no open objection the bureau makes the award final: `awarded`, a project per winner with the milestones of its plan; each award moves into its project. A retry with the same Idempotency-Key answers as the first',
      params: IdParams, headers: IdempotencyHeaders, body: NoBody, response: { 200: FinalizeResult, ...problemResponses },
    },
  }, async (request) => finalizeChallenge(app.ctx, request.actor, request.params.id));
};

export default routes;
