import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApplicationListQuery, ApplicationPage, ChallengeApplicationsQuery, ApplicationPatchBody, ApplicationView, EligibilityBody } from '../schemas/applications';
import { IdParams, problemResponses } from '../schemas/common';
import { getApplication, listChallengeApplications, listMyApplications } from '../services/applications/read-applications';
import { createApplication, saveApplication } from '../services/applications/save-application';
import { submitApplication, withdrawApplication } from '../services/applications/submit-application';
import { deadlineCalendar } from '../services/applications/deadline-calendar';
import { decideEligibility } from '../services/applications/eligibility';

const tags = ['applications'];
const security = [{ bearer: [] }];
const NoBody = Type.Optional(Type.Object({}, { additionalProperties: false }));

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/challenges/:id/applications', {
    preHandler: app.requireUser,
    schema: {
      tags, security,
      summary: 'A solver starts its organisation’s application (揭榜) to a published challenge before the deadline; one active application per organisation per challenge (409 `application_exists` carries its id)',
      params: IdParams, body: Type.Optional(ApplicationPatchBody), response: { 201: ApplicationView, ...problemResponses },
    },
  }, async (request, reply) => {
    const created = await createApplication(app.ctx, request.actor, request.params.id, request.body ?? {});
    return reply.code(201).send(await getApplication(app.ctx, request.actor, created.id));
  });

  app.get('/challenges/:id/applications', {
    preHandler: app.requireUser,
    schema: {
      tags, security,
      summary: 'Submitted applications to a challenge (latest frozen versions): the bureau, and the owner once the deadline has passed; never drafts, never to other solvers',
      params: IdParams, querystring: ChallengeApplicationsQuery, response: { 200: ApplicationPage, ...problemResponses },
    },
  }, async (request) => {
    const { page = 1, pageSize = 20, state } = request.query;
    return listChallengeApplications(app.ctx, request.actor, request.params.id, page, pageSize, state);
  });

  app.get('/challenges/:id/deadline.ics', {
    config: { publicRead: true },
    schema: { tags, summary: 'The application deadline as an iCalendar event (public for published challenges)', params: IdParams, produces: ['text/calendar'] },
  }, async (request, reply) => {
    const { filename, body } = await deadlineCalendar(app.ctx, request.actor, request.params.id);
    return reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(body);
  });

  app.get('/applications', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The solver’s organisation’s applications, newest activity first', querystring: ApplicationListQuery, response: { 200: ApplicationPage, ...problemResponses } },
  }, async (request) => {
    const { page = 1, pageSize = 20 } = request.query;
    return listMyApplications(app.ctx, request.actor, page, pageSize);
  });

  app.get('/applications/:id', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'One application: the draft and its versions for the applicant; the latest submitted version for the owner (after the deadline) and the bureau', params: IdParams, response: { 200: ApplicationView, ...problemResponses } },
  }, async (request) => getApplication(app.ctx, request.actor, request.params.id));

  app.patch('/applications/:id', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The applicant saves its draft (autosave): only lengths and counts are checked until submission', params: IdParams, body: ApplicationPatchBody, response: { 200: ApplicationView, ...problemResponses } },
  }, async (request) => {
    await saveApplication(app.ctx, request.actor, request.params.id, request.body);
    return getApplication(app.ctx, request.actor, request.params.id);
  });

  app.post('/applications/:id/submit', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The applicant submits before the deadline: every rule checked at once, a new frozen version with a receipt number', params: IdParams, body: NoBody, response: { 200: ApplicationView, ...problemResponses } },
  }, async (request) => {
    await submitApplication(app.ctx, request.actor, request.params.id);
    return getApplication(app.ctx, request.actor, request.params.id);
  });

  app.post('/applications/:id/withdraw', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The applicant withdraws before the deadline', params: IdParams, body: NoBody, response: { 200: ApplicationView, ...problemResponses } },
  }, async (request) => {
    await withdrawApplication(app.ctx, request.actor, request.params.id);
    return getApplication(app.ctx, request.actor, request.params.id);
  });

  app.post('/applications/:id/eligibility', {
    preHandler: app.requireUser,
    schema: {
      tags, security,
      summary: 'The bureau checks a submitted application after the deadline: `eligible`, or `ineligible` with a reason the applicant sees; the first check starts the challenge’s review',
      params: IdParams, body: EligibilityBody, response: { 200: ApplicationView, ...problemResponses },
    },
  }, async (request) => {
    await decideEligibility(app.ctx, request.actor, request.params.id, request.body);
    return getApplication(app.ctx, request.actor, request.params.id);
  });
};

export default routes;
