import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, problemResponses } from '../schemas/common';
import { FollowedChallenge, FollowView, SavedSearchBody, SavedSearchPatch, SavedSearchView } from '../schemas/reach';
import { followChallenge, isFollowing, listFollows, unfollowChallenge } from '../services/subscriptions/follows';
import { createSavedSearch, deleteSavedSearch, listSavedSearches, updateSavedSearch } from '../services/subscriptions/saved-searches';

const tags = ['subscriptions'];
const security = [{ bearer: [] }];

/** Following challenges and saved searches with alerts. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/challenges/:id/follow', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'Whether the user follows the challenge', params: IdParams, response: { 200: FollowView, ...problemResponses } },
  }, async (request) => ({ following: await isFollowing(app.ctx, request.actor, request.params.id) }));

  app.put('/challenges/:id/follow', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'Follow a published challenge: hear of its amendments, answered questions and decision', params: IdParams, response: { 200: FollowView, ...problemResponses } },
  }, async (request) => followChallenge(app.ctx, request.actor, request.params.id));

  app.delete('/challenges/:id/follow', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'Stop following a challenge', params: IdParams, response: { 200: FollowView, ...problemResponses } },
  }, async (request) => unfollowChallenge(app.ctx, request.actor, request.params.id));

  app.get('/me/follows', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The challenges the user follows', response: { 200: Type.Object({ items: Type.Array(FollowedChallenge) }), ...problemResponses } },
  }, async (request) => ({ items: await listFollows(app.ctx, request.actor) }));

  app.get('/me/saved-searches', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'The user’s saved searches', response: { 200: Type.Object({ items: Type.Array(SavedSearchView) }), ...problemResponses } },
  }, async (request) => ({ items: await listSavedSearches(app.ctx, request.actor) }));

  app.post('/me/saved-searches', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'Keep a search; with alerts, newly published matches are notified (in-app and by e-mail)', body: SavedSearchBody, response: { 201: SavedSearchView, ...problemResponses } },
  }, async (request, reply) => reply.code(201).send(await createSavedSearch(app.ctx, request.actor, request.body)));

  app.patch('/me/saved-searches/:id', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'Rename a saved search or turn its alerts on or off', params: IdParams, body: SavedSearchPatch, response: { 200: SavedSearchView, ...problemResponses } },
  }, async (request) => updateSavedSearch(app.ctx, request.actor, request.params.id, request.body));

  app.delete('/me/saved-searches/:id', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'Delete a saved search', params: IdParams, response: { 204: Type.Null(), ...problemResponses } },
  }, async (request, reply) => {
    await deleteSavedSearch(app.ctx, request.actor, request.params.id);
    return reply.code(204).send(null);
  });
};

export default routes;
