import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MePatch, MeResponse, UserView } from '../schemas/accounts';
import { problemResponses } from '../schemas/common';
import { getMe, updateMe } from '../services/accounts/users';
import { organizationFullView, organizationPublicView, userView } from '../services/views';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/me', {
    preHandler: app.requireUser,
    schema: { tags: ['accounts'], summary: 'The signed-in user, its organisation and any pending join request', security: [{ bearer: [] }], response: { 200: MeResponse, ...problemResponses } },
  }, async (request) => {
    const me = await getMe(app.ctx, request.actor!.userId);
    return {
      user: userView(me.user),
      organization: me.organization ? organizationFullView(me.organization) : null,
      pendingJoinRequest: me.pendingJoinRequest
        ? { id: me.pendingJoinRequest.jr.id, organization: organizationPublicView(me.pendingJoinRequest.org), createdAt: me.pendingJoinRequest.jr.createdAt.toISOString() }
        : null,
    };
  });

  app.patch('/me', {
    preHandler: app.requireUser,
    schema: { tags: ['accounts'], summary: 'Change display name or language', security: [{ bearer: [] }], body: MePatch, response: { 200: UserView, ...problemResponses } },
  }, async (request) => userView(await updateMe(app.ctx, request.actor, request.body)));
};

export default routes;
