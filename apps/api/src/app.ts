import { resolve } from 'node:path';
import type { Db } from '@challenge/db';
import { AppError } from '@challenge/domain';
import type { SearchEngine } from '@challenge/search';
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerFactory } from 'fastify';
import { TestClock, type Clock } from './clock';
import { registerCaching } from './http/caching';
import { echoRequestId, loggerOptions, requestIdOf, type LogOptions } from './http/request-log';
import { frameworkProblem, registerProblemHandlers } from './http/problems';
import auth from './plugins/auth';
import idempotency from './plugins/idempotency';
import applicationRoutes from './routes/applications';
import attachmentRoutes from './routes/attachments';
import auditRoutes from './routes/audit';
import authRoutes from './routes/auth';
import calendarRoutes from './routes/calendar';
import challengeRoutes from './routes/challenges';
import decisionRoutes from './routes/decisions';
import emailRoutes from './routes/email';
import ledgerRoutes from './routes/ledger';
import meRoutes from './routes/me';
import notificationRoutes from './routes/notifications';
import organizationRoutes from './routes/organizations';
import projectRoutes from './routes/projects';
import questionRoutes from './routes/questions';
import reportRoutes from './routes/reports';
import resultRoutes from './routes/results';
import reviewRoutes from './routes/reviews';
import subscriptionRoutes from './routes/subscriptions';
import systemRoutes from './routes/system';
import testClockRoutes from './routes/test-clock';
import userRoutes from './routes/users';
import { JoinRequestView, OrganizationFull, OrganizationPublic, UserView } from './schemas/accounts';
import { Problem } from './schemas/common';
import type { ServiceContext } from './services/context';
import { createSearchEngine } from './services/search/engine';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: ServiceContext;
    driver: 'pglite' | 'pg';
    appVersion: string;
  }
}

export interface AppOptions {
  db: Db;
  driver: 'pglite' | 'pg';
  clock: Clock;
  jwtSecret: string;
  env: 'production' | 'development' | 'test';
  version?: string;
  /** DATA_DIR: uploaded files go to `<dataDir>/attachments/`; `./data` when not given. */
  dataDir?: string;
  /** The search engine every challenge write indexes through and the list queries; `createSearchEngine()` when not given. */
  search?: SearchEngine;
  /** JSON request logs with request ids (http/request-log.ts); an object sets their stream and level. */
  logger?: boolean | LogOptions;
  serverFactory?: FastifyServerFactory;
  trustProxy?: boolean;
  /** Sign-in attempts per address and e-mail in 15 minutes (LOGIN_RATE_LIMIT; 10 by default). */
  loginRateLimit?: number;
  /** PUBLIC_URL: where links in e-mails point; http://localhost:3000 when not given. */
  publicUrl?: string;
}

type DateFormat = { validate: (value: string) => boolean };
/**
 * `date` and `date-time` as ajv-formats checks them, narrowed to what JavaScript and PostgreSQL both
 * hold (found by fuzzing every route, each a 500): PostgreSQL has no year 0 (`0000-01-01`, or
 * `0001-01-01T00:00:00+14:00` once in UTC), a leap second (`…T23:59:60Z`) is no JavaScript date, and
 * `9999-12-31T23:59:59-14:00` is year 10000 in UTC, which JavaScript writes as `+010000-…`.
 */
function storableDates(ajv: { formats: Record<string, unknown>; addFormat: (name: string, format: DateFormat) => unknown }) {
  const date = ajv.formats.date as DateFormat;
  const dateTime = ajv.formats['date-time'] as DateFormat;
  ajv.addFormat('date', { ...date, validate: (value) => date.validate(value) && !value.startsWith('0000') });
  ajv.addFormat('date-time', {
    ...dateTime,
    validate: (value) => {
      const year = new Date(value).getUTCFullYear();
      return dateTime.validate(value) && year >= 1 && year <= 9999;
    },
  });
}

/** The API answers with data, never pages: nothing in an answer may run, load anything or be framed. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/** The OpenAPI page (Swagger UI) loads its own scripts only; its inline styles are the one allowance. */
const DOCS_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/**
 * Headers on every answer. HSTS only when the public address is https: a plain-http set-up (a
 * developer's localhost) must not be pinned to TLS it does not have.
 */
function securityHeaders(publicUrl: string | undefined): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    ...(publicUrl?.startsWith('https:') ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}

/** Builds the API: external plugins, then the app's own (auth), then routes — all under /api. */
export async function buildApp(opts: AppOptions) {
  const app = Fastify({
    logger: opts.logger ? loggerOptions(opts.logger === true ? {} : opts.logger) : false,
    genReqId: requestIdOf,
    serverFactory: opts.serverFactory,
    // Only behind a known proxy may X-Forwarded-For set the client address (rate limits key on it).
    trustProxy: opts.trustProxy ?? false,
    frameworkErrors: frameworkProblem,
    ajv: {
      // Unknown fields are refused, not silently dropped; every error is reported at once.
      customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true },
      onCreate: storableDates,
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const ctx: ServiceContext = {
    db: opts.db, clock: opts.clock, dataDir: resolve(opts.dataDir ?? './data'), search: opts.search ?? createSearchEngine(),
    // Unsubscribe links are signed with a key derived from the JWT secret (settings.ts), so no second secret is needed.
    mail: { publicUrl: opts.publicUrl ?? 'http://localhost:3000', secret: opts.jwtSecret },
  };
  app.decorate('ctx', ctx);
  app.decorate('driver', opts.driver);
  app.decorate('appVersion', opts.version ?? '0.0.0');
  registerProblemHandlers(app);
  echoRequestId(app);
  registerCaching(app);
  // Answers over 1 KB go out as brotli (quality 4: fast) or gzip when the client takes them: a page of
  // 20 challenges is 15.7 KB as JSON, about 4 KB compressed. Request bodies are not decompressed: no
  // client of ours compresses them, and a compressed body is a way around the body limit.
  await app.register(compress, { encodings: ['br', 'gzip'], threshold: 1024, globalDecompression: false });

  for (const schema of [Problem, UserView, OrganizationFull, OrganizationPublic, JoinRequestView]) app.addSchema(schema);

  await app.register(swagger, {
    openapi: {
      info: { title: '揭榜挂帅 Open Challenge marketplace API', version: app.appVersion },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: DOCS_CSP });
  await app.register(rateLimit, {
    global: false,
    // After body parsing, so a route's key may include the e-mail being tried.
    hook: 'preHandler',
    errorResponseBuilder: (_request, context) => new AppError('rate_limited', { retryAfter: Math.ceil(context.ttl / 1000) }),
  });

  await app.register(auth, { secret: opts.jwtSecret, clock: opts.clock, services: ctx });
  await app.register(idempotency, { services: ctx });

  await app.register(async (api) => {
    await api.register(systemRoutes);
    await api.register(auditRoutes);
    await api.register(authRoutes, { loginRateLimit: opts.loginRateLimit ?? 10 });
    await api.register(meRoutes);
    await api.register(organizationRoutes);
    await api.register(userRoutes);
    await api.register(challengeRoutes);
    await api.register(attachmentRoutes);
    await api.register(applicationRoutes);
    await api.register(reviewRoutes);
    await api.register(decisionRoutes);
    await api.register(notificationRoutes);
    await api.register(questionRoutes);
    await api.register(calendarRoutes);
    await api.register(ledgerRoutes);
    await api.register(projectRoutes);
    await api.register(emailRoutes);
    await api.register(subscriptionRoutes);
    await api.register(reportRoutes);
    await api.register(resultRoutes);
    if (opts.env === 'test' && opts.clock instanceof TestClock) await api.register(testClockRoutes(opts.clock));
  }, { prefix: '/api' });

  const headers = securityHeaders(opts.publicUrl);
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(headers);
    // Downloads and the OpenAPI page set their own policy.
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', API_CSP);
  });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
