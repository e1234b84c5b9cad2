import { projectMilestones } from '@challenge/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import { IdempotencyHeaders } from '../schemas/challenges';
import { IdParams, problemResponses } from '../schemas/common';
import {
  AnswerReleaseBody, ChangeRequestBody, DecideChangeBody, DisburseBody, IndicatorResultsBody, ProjectList, ProjectView, ReleaseQueue, ReleaseView, ResolveReleaseBody, ReviewMilestoneBody, SignBody, StopBody, SubmitMilestoneBody,
} from '../schemas/projects';
import { decideChange, recordIndicatorResults, requestChange } from '../services/projects/project-changes';
import { getProject, listProjects } from '../services/projects/read-projects';
import { answerRelease, disburseRelease, disbursementQueue, resolveRelease } from '../services/projects/release-workflow';
import { reviewMilestone, signProject, stopProject, submitMilestone, verifyMilestone } from '../services/projects/project-workflow';

const tags = ['projects'];
const security = [{ bearer: [] }];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const project = (request: { actor: Parameters<typeof getProject>[1] }, id: string) => getProject(app.ctx, request.actor, id);

  app.get('/projects', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The projects the reader takes part in (solver, owner), or all (bureau, finance)', response: { 200: ProjectList, ...problemResponses } },
  }, async (request) => ({ items: await listProjects(app.ctx, request.actor) }));

  app.get('/projects/:id', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'A project with its milestones and releases', params: IdParams, response: { 200: ProjectView, ...problemResponses } },
  }, async (request) => project(request, request.params.id));

  app.post('/projects/:id/sign', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The solver (with its payee account, fixed from then on) or the owner signs; both signed: active', params: IdParams, body: SignBody, response: { 200: ProjectView, ...problemResponses } },
  }, async (request) => {
    await signProject(app.ctx, request.actor, request.params.id, request.body.payee);
    return project(request, request.params.id);
  });

  app.post('/projects/:id/stop', {
    preHandler: app.requireUser,
    config: { idempotent: true },
    schema: { tags, security, summary: 'The bureau stops a project at a milestone review; its unreleased award goes back', params: IdParams, body: StopBody, response: { 200: ProjectView, ...problemResponses } },
  }, async (request) => {
    await stopProject(app.ctx, request.actor, request.params.id, request.body.reason);
    return project(request, request.params.id);
  });

  app.post('/projects/:id/change-requests', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The solver asks the bureau to move a milestone’s due date or to change the payee account', params: IdParams, body: ChangeRequestBody, response: { 200: ProjectView, ...problemResponses } },
  }, async (request) => {
    await requestChange(app.ctx, request.actor, request.params.id, request.body);
    return project(request, request.params.id);
  });

  app.post('/change-requests/:id/decide', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The bureau approves (applied at once) or rejects a change, with reasons', params: IdParams, body: DecideChangeBody, response: { 200: ProjectView, ...problemResponses } },
  }, async (request) => {
    const decided = await decideChange(app.ctx, request.actor, request.params.id, request.body);
    return project(request, decided.projectId);
  });

  app.put('/projects/:id/indicator-results', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'Final acceptance: the owner records each technical indicator’s achieved value with its evidence', params: IdParams, body: IndicatorResultsBody, response: { 200: ProjectView, ...problemResponses } },
  }, async (request) => {
    await recordIndicatorResults(app.ctx, request.actor, request.params.id, request.body.results);
    return project(request, request.params.id);
  });

  app.post('/milestones/:id/submit', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The solver submits the deliverables with a report', params: IdParams, body: SubmitMilestoneBody, response: { 200: ProjectView, ...problemResponses } },
  }, async (request) => {
    await submitMilestone(app.ctx, request.actor, request.params.id, request.body.report);
    return project(request, await projectIdOfMilestone(request.params.id));
  });

  app.post('/milestones/:id/review', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The owner accepts the deliverables or returns them with feedback', params: IdParams, body: ReviewMilestoneBody, response: { 200: ProjectView, ...problemResponses } },
  }, async (request) => {
    await reviewMilestone(app.ctx, request.actor, request.params.id, request.body);
    return project(request, await projectIdOfMilestone(request.params.id));
  });

  app.post('/milestones/:id/verify', {
    preHandler: app.requireUser,
    config: { idempotent: true },
    schema: { tags, security, summary: 'The bureau verifies an accepted milestone: a release per funding source', params: IdParams, response: { 200: ProjectView, ...problemResponses } },
  }, async (request) => {
    await verifyMilestone(app.ctx, request.actor, request.params.id);
    return project(request, await projectIdOfMilestone(request.params.id));
  });

  app.get('/releases', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'Finance’s queue: special-fund releases awaiting disbursement, and whether each may go yet', response: { 200: ReleaseQueue, ...problemResponses } },
  }, async (request) => ({ items: await disbursementQueue(app.ctx, request.actor) }));

  app.post('/releases/:id/disburse', {
    preHandler: app.requireUser,
    config: { idempotent: true },
    schema: {
      tags, security, summary: 'Finance disburses a special-fund release (payment reference required, after the enterprise share is confirmed); the owner records paying its share',
      params: IdParams, headers: IdempotencyHeaders, body: DisburseBody, response: { 200: ReleaseView, ...problemResponses },
    },
  }, async (request) => disburseRelease(app.ctx, request.actor, request.params.id, request.body, request.headers['idempotency-key']));

  app.post('/releases/:id/answer', {
    preHandler: app.requireUser,
    config: { idempotent: true },
    schema: { tags, security, summary: 'The solver confirms receipt, or reports non-receipt with its reason', params: IdParams, body: AnswerReleaseBody, response: { 200: ReleaseView, ...problemResponses } },
  }, async (request) => answerRelease(app.ctx, request.actor, request.params.id, request.body));

  app.post('/releases/:id/resolve', {
    preHandler: app.requireUser,
    config: { idempotent: true },
    schema: { tags, security, summary: 'The bureau resolves a reported non-receipt: paid after all, or undone and owed again', params: IdParams, body: ResolveReleaseBody, response: { 200: ReleaseView, ...problemResponses } },
  }, async (request) => resolveRelease(app.ctx, request.actor, request.params.id, request.body));

  async function projectIdOfMilestone(id: string) {
    const [m] = await app.ctx.db.select({ projectId: projectMilestones.projectId }).from(projectMilestones).where(eq(projectMilestones.id, id));
    return m!.projectId;
  }
};

export default routes;
