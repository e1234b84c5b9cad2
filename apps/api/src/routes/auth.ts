import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { register } from '../services/accounts/register';
import { login, logout, refresh } from '../services/accounts/tokens';
import { LoginBody, RefreshBody, RegisterBody, RegisterResponse, TokenPair } from '../schemas/accounts';
import { problemResponses } from '../schemas/common';
import { organizationFullView, userView } from '../services/views';

const routes: FastifyPluginAsyncTypebox<{ loginRateLimit: number }> = async (app, { loginRateLimit }) => {
  const auth = () => ({ ...app.ctx, signAccessToken: app.signAccessToken });

  app.post('/auth/register', {
    schema: {
      tags: ['accounts'],
      summary: 'Register an enterprise or solver with a new organisation, or a join request to a known one',
      body: RegisterBody,
      response: { 201: RegisterResponse, ...problemResponses },
    },
  }, async (request, reply) => {
    const r = await register(app.ctx, request.body as Parameters<typeof register>[1]);
    return reply.code(201).send({ user: userView(r.user), organization: organizationFullView(r.organization), joinRequest: r.joinRequest });
  });

  app.post('/auth/login', {
    config: {
      // Per address and e-mail, so one attacker cannot lock everyone out and one account cannot be ground down.
      rateLimit: {
        max: loginRateLimit,
        timeWindow: '15 minutes',
        keyGenerator: (request) => `${request.ip}|${String((request.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
      },
    },
    schema: { tags: ['accounts'], summary: 'Sign in', body: LoginBody, response: { 200: TokenPair, ...problemResponses } },
  }, async (request) => login(auth(), request.body));

  app.post('/auth/refresh', {
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: { tags: ['accounts'], summary: 'Rotate a refresh token', body: RefreshBody, response: { 200: TokenPair, ...problemResponses } },
  }, async (request) => refresh(auth(), request.body));

  app.post('/auth/logout', {
    schema: { tags: ['accounts'], summary: 'End a sign-in (revokes its refresh-token family)', body: RefreshBody, response: { 204: Type.Null(), ...problemResponses } },
  }, async (request, reply) => {
    await logout(app.ctx, request.body);
    return reply.code(204).send(null);
  });
};

export default routes;
