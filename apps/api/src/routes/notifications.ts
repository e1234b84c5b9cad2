import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, problemResponses } from '../schemas/common';
import { NotificationPage, NotificationQuery, UnreadCount } from '../schemas/notifications';
import { listNotifications, markRead, unreadCount } from '../services/notifications/list-notifications';

const tags = ['notifications'];
const security = [{ bearer: [] }];
const NoBody = Type.Optional(Type.Object({}, { additionalProperties: false }));

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/notifications', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The signed-in user’s in-app notifications, newest first, with the unread count', querystring: NotificationQuery, response: { 200: NotificationPage, ...problemResponses } },
  }, async (request) => {
    const { page = 1, pageSize = 20 } = request.query;
    return listNotifications(app.ctx, request.actor, page, pageSize);
  });

  app.get('/notifications/unread-count', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'How many notifications are unread (the header badge)', response: { 200: UnreadCount, ...problemResponses } },
  }, async (request) => ({ unread: await unreadCount(app.ctx, request.actor) }));

  app.post('/notifications/read-all', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'Marks every notification read', body: NoBody, response: { 200: UnreadCount, ...problemResponses } },
  }, async (request) => ({ unread: await markRead(app.ctx, request.actor, 'all') }));

  app.post('/notifications/:id/read', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'Marks one notification read; another user’s is not found', params: IdParams, body: NoBody, response: { 200: UnreadCount, ...problemResponses } },
  }, async (request) => ({ unread: await markRead(app.ctx, request.actor, request.params.id) }));
};

export default routes;
