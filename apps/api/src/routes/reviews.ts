import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, problemResponses } from '../schemas/common';
import {
  AssignBody, AssignmentList, AssignResult, ExpertListQuery, ExpertProfileBody, ExpertView, MyReviews, RankingView, ReviewBody, ReviewView, RubricBody, RubricView,
} from '../schemas/reviews';
import { assignReviewers } from '../services/reviews/assign-reviewers';
import { listExperts, setExpertProfile } from '../services/reviews/experts';
import { listAssignments } from '../services/reviews/list-assignments';
import { challengeRanking } from '../services/reviews/ranking';
import { readRubric, setRubric } from '../services/reviews/rubric';
import { listMyReviews, readMyReview, submitReview } from '../services/reviews/submit-review';

const tags = ['review'];
const security = [{ bearer: [] }];
const iso = (d: Date | null) => (d ? d.toISOString() : null);
type SavedScores = Record<string, { score: number; comment: string }>;
const reviewView = (r: { id: string; applicationId: string; conflict: boolean | null; declaredAt: Date | null; totalTenths: number | null; scoredAt: Date | null; scores: unknown }) => ({
  assignmentId: r.id, applicationId: r.applicationId, conflict: r.conflict, declaredAt: iso(r.declaredAt), totalTenths: r.totalTenths, scoredAt: iso(r.scoredAt),
  scores: (r.scores ?? null) as SavedScores | null,
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/experts', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The expert pool (bureau), optionally those with any of the given fields', querystring: ExpertListQuery, response: { 200: Type.Object({ items: Type.Array(ExpertView) }), ...problemResponses } },
  }, async (request) => ({
    items: await listExperts(app.ctx, request.actor, { expertise: request.query.expertise?.split(',') ?? [] }),
  }));

  app.put('/experts/:id/profile', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The bureau records an expert’s fields and employer (the employer decides automatic conflicts)', params: IdParams, body: ExpertProfileBody, response: { 200: ExpertProfileBody, ...problemResponses } },
  }, async (request) => {
    const p = await setExpertProfile(app.ctx, request.actor, request.params.id, request.body);
    return { organizationId: p.organizationId, affiliation: p.affiliation, expertise: p.expertise };
  });

  app.get('/challenges/:id/rubric', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The scoring rubric: the bureau, the owner and the challenge’s assigned experts', params: IdParams, response: { 200: RubricView, ...problemResponses } },
  }, async (request) => ({ criteria: [...(await readRubric(app.ctx, request.actor, request.params.id))] }));

  app.put('/challenges/:id/rubric', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The bureau sets criteria and weights (adding up to 100) until the first score is in', params: IdParams, body: RubricBody, response: { 200: RubricView, ...problemResponses } },
  }, async (request) => ({ criteria: await setRubric(app.ctx, request.actor, request.params.id, request.body.criteria) }));

  app.post('/challenges/:id/reviewers', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The bureau assigns experts to eligible applications, by name or by an audited random draw; conflicted experts are refused', params: IdParams, body: AssignBody, response: { 200: AssignResult, ...problemResponses } },
  }, async (request) => ({ assigned: await assignReviewers(app.ctx, request.actor, request.params.id, request.body) }));

  app.get('/challenges/:id/reviewers', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The bureau’s view of who reviews what: each assignment with its declaration (and a recusal’s reason) and total', params: IdParams, response: { 200: AssignmentList, ...problemResponses } },
  }, async (request) => ({ items: await listAssignments(app.ctx, request.actor, request.params.id) }));

  app.get('/reviews', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The expert’s assignments: challenge, applicant and partners, declaration and total', response: { 200: MyReviews, ...problemResponses } },
  }, async (request) => ({ items: await listMyReviews(app.ctx, request.actor) }));

  app.get('/applications/:id/review', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The assigned expert’s own declaration and saved scores (to revise them)', params: IdParams, response: { 200: ReviewView, ...problemResponses } },
  }, async (request) => reviewView(await readMyReview(app.ctx, request.actor, request.params.id)));

  app.put('/applications/:id/review', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The assigned expert declares a conflict (or none), then scores the rubric', params: IdParams, body: ReviewBody, response: { 200: ReviewView, ...problemResponses } },
  }, async (request) => reviewView(await submitReview(app.ctx, request.actor, request.params.id, request.body)));

  app.get('/challenges/:id/ranking', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'Aggregated scores and the ranking: the bureau, and the owner after the deadline; never who reviewed', params: IdParams, response: { 200: RankingView, ...problemResponses } },
  }, async (request) => challengeRanking(app.ctx, request.actor, request.params.id));
};

export default routes;
