/**
 * Structured request logs: JSON lines (pino, Fastify's logger), each request under one id that the
 * answer carries back in `X-Request-Id` and a 5xx problem carries in `requestId`, so what a user
 * quotes finds the log lines. Secrets never reach a line.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface LogOptions {
  /** Where the JSON lines go; standard output when not given. */
  stream?: { write(line: string): void };
  level?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
}

/**
 * A proxy's or client's id is kept when it is plain and short, so one id can follow a request
 * through a load balancer; anything else (long, spaces, control characters that could forge log
 * lines) is replaced by a fresh one.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Paths pino blanks wherever they occur in a logged object: headers that carry credentials, and
 * fields that hold passwords or tokens, should a body or a header set ever be logged.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]',
  'headers.authorization', 'headers.cookie', 'headers["set-cookie"]',
  'password', 'newPassword', 'currentPassword', 'token', 'accessToken', 'refreshToken',
  '*.password', '*.newPassword', '*.currentPassword', '*.passwordHash', '*.token', '*.accessToken', '*.refreshToken', '*.secret',
];

/** Query parameters that are credentials (an unsubscribe link's signed token). */
const SECRET_QUERY = /token|password|secret|signature|key/i;

/** The URL as logged: a credential in the query string is replaced by `[redacted]`. */
export function loggedUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  let changed = false;
  for (const name of new Set(params.keys())) {
    if (!SECRET_QUERY.test(name)) continue;
    params.set(name, '[redacted]');
    changed = true;
  }
  return changed ? `${url.slice(0, at)}?${params.toString()}` : url;
}

/** Fastify's logger options: JSON at `level`, redaction, and the request as it may be logged. */
export function loggerOptions(options: LogOptions = {}) {
  return {
    level: options.level ?? 'info',
    ...(options.stream ? { stream: options.stream } : {}),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (request: FastifyRequest) => ({ method: request.method, url: loggedUrl(request.url), host: request.host, remoteAddress: request.ip }),
    },
  };
}

/** Every answer names its request, so a user's report and the log lines meet. */
export function echoRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
}
