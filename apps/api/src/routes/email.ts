import { AppError } from '@challenge/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemResponses } from '../schemas/common';
import { EmailPreferencesBody, EmailPreferencesView, ResetBody, ResetRequestBody, TokenBody, TokenQuery, UnsubscribeView } from '../schemas/reach';
import { requestPasswordReset, resendVerification, resetPassword, verifyEmail } from '../services/accounts/account-links';
import { getEmailPreferences, setEmailPreferences, unsubscribe } from '../services/mail/preferences';

const tags = ['e-mail'];
const security = [{ bearer: [] }];

/** E-mail choices, the unsubscribe link, and the single-use links that verify an address and reset a password. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const settings = () => {
    if (!app.ctx.mail) throw new AppError('not_found');
    return app.ctx.mail;
  };
  // Mail clients send RFC 8058 one-click unsubscribes as a form body; only its presence matters here.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_req, body, done) => done(null, body));

  app.get('/me/email-preferences', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'Which notification kinds the user receives by e-mail (all, unless turned off), and whether the address is verified', response: { 200: EmailPreferencesView, ...problemResponses } },
  }, async (request) => getEmailPreferences(app.ctx, request.actor));

  app.put('/me/email-preferences', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'Turns e-mail on or off per notification kind (kinds not named keep their choice)', body: EmailPreferencesBody, response: { 200: EmailPreferencesView, ...problemResponses } },
  }, async (request) => setEmailPreferences(app.ctx, request.actor, request.body.kinds));

  app.get('/unsubscribe', {
    schema: { tags, summary: 'What an unsubscribe link names (no sign-in; changes nothing)', querystring: TokenQuery, response: { 200: UnsubscribeView, ...problemResponses } },
  }, async (request) => unsubscribe(app.ctx, settings(), request.query.token, false));

  app.post('/unsubscribe', {
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Turns off the e-mail kind an unsubscribe link names (no sign-in; RFC 8058 one-click)', querystring: TokenQuery, response: { 200: UnsubscribeView, ...problemResponses } },
  }, async (request) => unsubscribe(app.ctx, settings(), request.query.token, true));

  app.post('/auth/verify-email', {
    config: { rateLimit: { max: 30, timeWindow: '15 minutes' } },
    schema: { tags, summary: 'Proves the address with the link from the verification mail (single use, 30 minutes)', body: TokenBody, response: { 200: Type.Object({ verified: Type.Literal(true) }), ...problemResponses } },
  }, async (request) => verifyEmail(app.ctx, request.body.token));

  app.post('/auth/verify-email/resend', {
    preHandler: app.requireUser,
    config: { rateLimit: { max: 5, timeWindow: '15 minutes' } },
    schema: { tags, security, summary: 'Sends a new verification mail (none when the address is already verified)', response: { 200: Type.Object({ sent: Type.Boolean() }), ...problemResponses } },
  }, async (request) => resendVerification(app.ctx, request.actor));

  app.post('/auth/password-reset/request', {
    // Per address and e-mail, like sign-in: nobody floods one mailbox or probes many.
    config: { rateLimit: { max: 5, timeWindow: '15 minutes', keyGenerator: (request) => `${request.ip}|${String((request.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}` } },
    schema: { tags, summary: 'Mails a password-reset link if an active account has the address; the answer is the same either way', body: ResetRequestBody, response: { 202: Type.Null(), ...problemResponses } },
  }, async (request, reply) => {
    await requestPasswordReset(app.ctx, request.body.email);
    return reply.code(202).send(null);
  });

  app.post('/auth/password-reset', {
    config: { rateLimit: { max: 30, timeWindow: '15 minutes' } },
    schema: { tags, summary: 'Sets a new password with the link from the reset mail (single use, 30 minutes); signs the account out everywhere', body: ResetBody, response: { 204: Type.Null(), ...problemResponses } },
  }, async (request, reply) => {
    await resetPassword(app.ctx, request.body.token, request.body.password);
    return reply.code(204).send(null);
  });
};

export default routes;
