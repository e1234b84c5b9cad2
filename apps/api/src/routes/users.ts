import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CreateUserBody, OptionalReasonBody, UserView } from '../schemas/accounts';
import { IdParams, Literals, Page, PageQuery, problemResponses } from '../schemas/common';
import { createStaffUser, listUsers, setUserStatus } from '../services/accounts/users';
import { userView } from '../services/views';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/users', {
    preHandler: app.requireUser,
    schema: {
      tags: ['users'], summary: 'Bureau: all users',
      querystring: Type.Object({
        role: Type.Optional(Literals(['enterprise', 'solver', 'expert', 'bureau', 'finance'] as const)),
        status: Type.Optional(Literals(['active', 'disabled'] as const)),
        q: Type.Optional(Type.String({ maxLength: 100 })),
        ...PageQuery,
      }, { additionalProperties: false }),
      response: { 200: Page(Type.Ref('UserView')), ...problemResponses },
    },
  }, async (request) => {
    const { page = 1, pageSize = 20, ...filters } = request.query;
    const r = await listUsers(app.ctx, request.actor, { ...filters, page, pageSize });
    return { ...r, items: r.items.map(userView) };
  });

  app.post('/users', {
    preHandler: app.requireUser,
    schema: { tags: ['users'], summary: 'Bureau creates an expert, bureau or finance account', body: CreateUserBody, response: { 201: UserView, ...problemResponses } },
  }, async (request, reply) => reply.code(201).send(userView(await createStaffUser(app.ctx, request.actor, request.body))));

  for (const action of ['disable', 'enable'] as const) {
    app.post(`/users/:id/${action}`, {
      preHandler: app.requireUser,
      schema: { tags: ['users'], summary: `Bureau ${action}s a user`, params: IdParams, body: Type.Optional(OptionalReasonBody), response: { 200: UserView, ...problemResponses } },
    }, async (request) => userView(await setUserStatus(app.ctx, request.actor, request.params.id, action, request.body?.reason)));
  }
};

export default routes;
