import { resolve } from 'node:path';
import type { Db } from '@challenge/db';
import { AppError } from '@challenge/domain';
import type { SearchEngine } from '@challenge/search';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerFactory } from 'fastify';
import { TestClock, type Clock } from './clock';
import { registerProblemHandlers } from './http/problems';
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
  logger?: boolean;
  serverFactory?: FastifyServerFactory;
  trustProxy?: boolean;
  /** Sign-in attempts per address and e-mail in 15 minutes (LOGIN_RATE_LIMIT; 10 by default). */
  loginRateLimit?: number;
  /** PUBLIC_URL: where links in e-mails point; http://localhost:3000 when not given. */
  publicUrl?: string;
}

/** Builds the API: external plugins, then the app's own (auth), then routes — all under /api. */
export async function buildApp(opts: AppOptions) {
  const app = Fastify({
    logger: opts.logger ? { level: 'info' } : false,
    serverFactory: opts.serverFactory,
    // Only behind a known proxy may X-Forwarded-For set the client address (rate limits key on it).
    trustProxy: opts.trustProxy ?? false,
    ajv: {
      // Unknown fields are refused, not silently dropped; every error is reported at once.
      customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true },
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

  for (const schema of [Problem, UserView, OrganizationFull, OrganizationPublic, JoinRequestView]) app.addSchema(schema);

  await app.register(swagger, {
    openapi: {
      info: { title: '揭榜挂帅 Open Challenge marketplace API', version: app.appVersion },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
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

  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
