import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Config {
  env: 'production' | 'development' | 'test';
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  jwtSecret: string;
  demo: boolean;
  /** Behind a reverse proxy: trust X-Forwarded-For/-Proto from it. */
  trustProxy: boolean;
  bureauAdmin?: { email: string; password: string };
  /** How often published challenges past their deadline are recorded as closed. */
  sweepIntervalMs: number;
  /** How often recorded events become in-app notifications (NOTIFY_INTERVAL_MS). */
  notifyIntervalMs: number;
  /** Sign-in attempts per address and e-mail in 15 minutes (LOGIN_RATE_LIMIT). */
  loginRateLimit: number;
  /**
   * MEILI_URL / MEILI_MASTER_KEY: search through Meilisearch (packages/search, meilisearch-engine.ts),
   * falling back to the PostgreSQL engine when it cannot answer. Absent: the PostgreSQL engine alone.
   */
  meilisearch?: { url: string; apiKey?: string };
  /** How often the search outbox is sent to Meilisearch (only with MEILI_URL). */
  searchOutboxIntervalMs: number;
  /** PUBLIC_URL: the address users reach the product at; links in e-mails start with it. */
  publicUrl: string;
  /**
   * SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS): where e-mail is sent. Absent: each mail is
   * written as an .eml file under `<DATA_DIR>/mail/`, so the embedded set-up's links can still be opened.
   */
  smtpUrl?: string;
  /** MAIL_FROM: the sender of every mail. */
  mailFrom: string;
  /** How often the e-mail outbox is sent (MAIL_INTERVAL_MS). */
  mailIntervalMs: number;
  /** How often the embedded database is vacuumed and analysed (MAINTENANCE_INTERVAL_MS; PGlite only). */
  maintenanceIntervalMs: number;
  /** LOG_REQUESTS=1 / 0: JSON request logs on standard output; on by default in production only. */
  logRequests: boolean;
  version: string;
}

/**
 * Where the database is, and nothing else: the database tools (ops/cli.ts) need no JWT secret and
 * must not write one into a data folder they are about to restore.
 */
export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env): Pick<Config, 'databaseUrl' | 'dataDir'> {
  return { databaseUrl: env.DATABASE_URL || undefined, dataDir: resolve(env.DATA_DIR ?? './data') };
}

/** Reads the environment once at start; nothing else reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const { dataDir, databaseUrl } = loadDatabaseConfig(env);
  return {
    env: mode,
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    dataDir,
    jwtSecret: env.JWT_SECRET ?? persistedSecret(dataDir, mode),
    demo: mode !== 'production' && env.DEMO === '1',
    trustProxy: env.TRUST_PROXY === '1',
    bureauAdmin:
      env.BUREAU_ADMIN_EMAIL && env.BUREAU_ADMIN_PASSWORD
        ? { email: env.BUREAU_ADMIN_EMAIL, password: env.BUREAU_ADMIN_PASSWORD }
        : undefined,
    sweepIntervalMs: Number(env.SWEEP_INTERVAL_MS ?? 60_000),
    notifyIntervalMs: Number(env.NOTIFY_INTERVAL_MS ?? 3_000),
    loginRateLimit: Number(env.LOGIN_RATE_LIMIT ?? 10),
    meilisearch: env.MEILI_URL ? { url: env.MEILI_URL, ...(env.MEILI_MASTER_KEY ? { apiKey: env.MEILI_MASTER_KEY } : {}) } : undefined,
    searchOutboxIntervalMs: Number(env.SEARCH_OUTBOX_INTERVAL_MS ?? 2_000),
    publicUrl: env.PUBLIC_URL || `http://localhost:${Number(env.PORT ?? 3000)}`,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || '揭榜挂帅 Open Challenges <no-reply@localhost>',
    mailIntervalMs: Number(env.MAIL_INTERVAL_MS ?? 5_000),
    maintenanceIntervalMs: Number(env.MAINTENANCE_INTERVAL_MS ?? 3_600_000),
    logRequests: env.LOG_REQUESTS ? env.LOG_REQUESTS === '1' : mode === 'production',
    version: env.npm_package_version ?? readVersion(),
  };
}

// Without JWT_SECRET the embedded setup keeps a random secret in the data folder, so sign-ins survive
// a restart; production must be given one.
function persistedSecret(dataDir: string, mode: Config['env']): string {
  if (mode === 'production') throw new Error('JWT_SECRET is required when NODE_ENV=production');
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function readVersion(): string {
  try {
    return (JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
