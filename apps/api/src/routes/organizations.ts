import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { JoinRequestView, OptionalReasonBody, ORGANIZATION_STATUSES, OrganizationFull, OrganizationPublic, ReasonBody } from '../schemas/accounts';
import { IdParams, Literals, Page, PageQuery, problemResponses } from '../schemas/common';
import { decideJoinRequest, listJoinRequests } from '../services/accounts/join-requests';
import { getOrganization, listOrganizations, rejectOrganization, verifyOrganization } from '../services/accounts/organizations';
import { organizationFullView, organizationPublicView } from '../services/views';

const OrganizationAny = Type.Union([Type.Ref('OrganizationFull'), Type.Ref('OrganizationPublic')]);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/organizations', {
    config: { publicRead: true },
    schema: {
      tags: ['organizations'],
      summary: 'Verified organisations (public fields); the bureau sees all and filters by status',
      querystring: Type.Object({ status: Type.Optional(Literals(ORGANIZATION_STATUSES)), ...PageQuery }, { additionalProperties: false }),
      response: { 200: Page(OrganizationAny), ...problemResponses },
    },
  }, async (request) => {
    const { page = 1, pageSize = 20, status } = request.query;
    const r = await listOrganizations(app.ctx, request.actor, { status, page, pageSize });
    return { ...r, items: r.items.map(r.full ? organizationFullView : organizationPublicView) };
  });

  app.get('/organizations/:id', {
    config: { publicRead: true },
    schema: { tags: ['organizations'], params: IdParams, response: { 200: OrganizationAny, ...problemResponses } },
  }, async (request) => {
    const { org, full } = await getOrganization(app.ctx, request.actor, request.params.id);
    return full ? organizationFullView(org) : organizationPublicView(org);
  });

  app.post('/organizations/:id/verify', {
    preHandler: app.requireUser,
    schema: { tags: ['organizations'], summary: 'Bureau verifies a pending organisation', params: IdParams, body: Type.Optional(OptionalReasonBody), response: { 200: OrganizationFull, ...problemResponses } },
  }, async (request) => organizationFullView(await verifyOrganization(app.ctx, request.actor, request.params.id, request.body?.reason)));

  app.post('/organizations/:id/reject', {
    preHandler: app.requireUser,
    schema: { tags: ['organizations'], summary: 'Bureau rejects a pending organisation, with reasons', params: IdParams, body: ReasonBody, response: { 200: OrganizationFull, ...problemResponses } },
  }, async (request) => organizationFullView(await rejectOrganization(app.ctx, request.actor, request.params.id, request.body.reason)));

  app.get('/organizations/:id/join-requests', {
    preHandler: app.requireUser,
    schema: { tags: ['organizations'], summary: "Requests to join; the organisation's admin or the bureau", params: IdParams, response: { 200: Type.Object({ items: Type.Array(JoinRequestView) }), ...problemResponses } },
  }, async (request) => {
    const rows = await listJoinRequests(app.ctx, request.actor, request.params.id);
    return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null })) };
  });

  const JoinDecision = Type.Object({ id: Type.String(), status: Type.String(), reason: Type.Union([Type.String(), Type.Null()]) });
  app.post('/join-requests/:id/approve', {
    preHandler: app.requireUser,
    schema: { tags: ['organizations'], params: IdParams, body: Type.Optional(OptionalReasonBody), response: { 200: JoinDecision, ...problemResponses } },
  }, async (request) => decideJoinRequest(app.ctx, request.actor, request.params.id, 'approve', request.body?.reason));

  app.post('/join-requests/:id/reject', {
    preHandler: app.requireUser,
    schema: { tags: ['organizations'], params: IdParams, body: ReasonBody, response: { 200: JoinDecision, ...problemResponses } },
  }, async (request) => decideJoinRequest(app.ctx, request.actor, request.params.id, 'reject', request.body.reason));
};

export default routes;
