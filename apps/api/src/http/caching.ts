import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * What anyone may read (the public challenge list and pages, questions, notices, results, the
     * calendar, verified organisations): HTTP caches may keep the anonymous answer (see below).
     */
    publicRead?: boolean;
  }
}

/**
 * How long a cache may serve an anonymous public answer without asking again. A minute: challenges
 * change over days (a deadline is never nearer than the application's own refusal after it), and a
 * cache in front of the server (a CDN for solvers abroad) absorbs repeated reads without any cache of
 * database results in the process.
 */
export const PUBLIC_MAX_AGE_S = 60;

/**
 * Cache-Control, ETag and 304 for the API's reads (issue 9):
 * - anonymous public reads: `public, max-age=60`, varying by Authorization and Accept-Language (the
 *   answer is localised, and a signed-in reader sees more);
 * - the same reads signed in: `private, no-cache` — the reader's own view (their draft, what their
 *   terms let them read), kept by their browser only and checked each time;
 * - everything else: `no-store` (personal data, money, review) unless the route set its own (downloads).
 * Cacheable answers carry a weak ETag of the body, and a matching If-None-Match is answered 304 with
 * no body: a reader on a slow link re-reads a page of 20 for the price of its headers.
 *
 * Registered before compression, so the ETag names the body, not one of its encodings.
 */
export function registerCaching(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.hasHeader('cache-control')) return payload;
    const cacheable = (request.method === 'GET' || request.method === 'HEAD') && reply.statusCode === 200 && request.routeOptions.config?.publicRead === true;
    if (!cacheable || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) {
      reply.header('cache-control', 'no-store');
      return payload;
    }
    const anonymous = request.headers.authorization === undefined;
    reply.header('cache-control', anonymous ? `public, max-age=${PUBLIC_MAX_AGE_S}` : 'private, no-cache');
    reply.header('vary', 'Authorization, Accept-Language');
    const etag = `W/"${createHash('sha1').update(payload).digest('base64url')}"`;
    reply.header('etag', etag);
    if (matches(request.headers['if-none-match'], etag)) {
      reply.code(304);
      reply.removeHeader('content-type');
      reply.removeHeader('content-length');
      return '';
    }
    return payload;
  });
}

/** If-None-Match compares weakly (RFC 9110 §13.1.2): a list of tags, `*`, either form of ours. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = etag.slice(2);
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === opaque || t === `W/${opaque}`;
  });
}
