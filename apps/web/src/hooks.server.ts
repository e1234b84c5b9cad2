import { createHash } from 'node:crypto';
import { env } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import type { Handle, HandleFetch, HandleServerError } from '@sveltejs/kit';
import { isLocale, negotiateLocale, type Locale } from '$lib/i18n';
import { createTranslator } from '$lib/server/i18n';
import { LANG_COOKIE, resolveSession } from '$lib/server/session';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * On every answer of the web app, next to the Content-Security-Policy SvelteKit writes for pages
 * (svelte.config.js). HSTS only when the public address is https, so a plain-http localhost is never
 * pinned to TLS it does not have.
 */
function setSecurityHeaders(headers: Headers) {
  headers.set('x-content-type-options', 'nosniff');
  headers.set('x-frame-options', 'DENY');
  headers.set('referrer-policy', 'strict-origin-when-cross-origin');
  headers.set('cross-origin-opener-policy', 'same-origin');
  headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  if (publicEnv.PUBLIC_URL?.startsWith('https:')) headers.set('strict-transport-security', 'max-age=31536000');
}

/**
 * Browsers check a public page every time (max-age=0) and get a 304 when it has not changed; a cache
 * in front of the server (a CDN for solvers abroad) may keep it a minute, as the API lets it keep the
 * anonymous answers pages are made of.
 */
const PUBLIC_PAGE = 'public, max-age=0, s-maxage=60';

/**
 * Cache-Control and ETag of what the web app renders (issue 9). What an anonymous visitor gets without a
 * cookie being set is the same for everyone reading in that language (`vary` below), so it is public,
 * with an ETag of its bytes: a visitor on a slow link pays only the headers for a page that has not
 * changed (any tag in If-None-Match, weak or strong, as RFC 9110 compares them for GET). Pages of a
 * signed-in user, or that set a cookie, are theirs alone and never stored. Answers that chose their own
 * policy (downloads) keep it.
 */
async function withCaching(event: Parameters<Handle>[0]['event'], response: Response): Promise<Response> {
  if (response.headers.has('cache-control')) return response;
  const publicPage = SAFE_METHODS.has(event.request.method) && response.status === 200 && event.locals.user === null && !response.headers.has('set-cookie');
  if (!publicPage) {
    response.headers.set('cache-control', 'private, no-store');
    response.headers.delete('etag');
    return response;
  }
  response.headers.set('cache-control', PUBLIC_PAGE);
  // SvelteKit tags the pages it renders; page data (`__data.json`) and endpoints are tagged here.
  let answer = response;
  let etag = response.headers.get('etag');
  if (!etag) {
    const body = new Uint8Array(await response.arrayBuffer());
    etag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
    answer = new Response(body, { status: 200, headers: response.headers });
    answer.headers.set('etag', etag);
  }
  const opaque = etag.replace(/^W\//, '');
  const condition = event.request.headers.get('if-none-match');
  if (condition?.split(',').some((tag) => ['*', opaque, `W/${opaque}`].includes(tag.trim()))) {
    const headers = new Headers(answer.headers);
    headers.delete('content-type');
    headers.delete('content-length');
    return new Response(null, { status: 304, headers });
  }
  return answer;
}

function localeOf(cookie: string | undefined, acceptLanguage: string | null): Locale {
  return isLocale(cookie) ? cookie : negotiateLocale(acceptLanguage);
}

export const handle: Handle = async ({ event, resolve }) => {
  const locale = localeOf(event.cookies.get(LANG_COOKIE), event.request.headers.get('accept-language'));
  event.locals.locale = locale;
  event.locals.user = null;
  event.locals.accessToken = null;

  // SvelteKit itself only checks the origin of form posts; every state-changing request is checked here.
  if (!SAFE_METHODS.has(event.request.method) && event.request.headers.get('origin') !== event.url.origin) {
    const refused = new Response(createTranslator(locale)('errors.originMismatch'), {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'content-language': locale },
    });
    setSecurityHeaders(refused.headers);
    return refused;
  }

  const session = await resolveSession(event);
  event.locals.user = session.user;
  event.locals.accessToken = session.accessToken;

  const resolved = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', locale),
  });
  try {
    resolved.headers.set('content-language', locale);
    resolved.headers.append('vary', 'cookie, accept-language');
    setSecurityHeaders(resolved.headers);
  } catch {
    // Immutable headers (a proxied response): nothing to add, and nothing to cache.
    return resolved;
  }
  return withCaching(event, resolved);
};

/**
 * API calls made by load functions and actions (`event.fetch('/api/…')`) go to the Fastify app in the
 * same process when the server provides its bridge, else to API_ORIGIN (for `vite dev`). Our own
 * cookies never travel to the API: it authenticates by the bearer token alone.
 */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
  const url = new URL(request.url);
  if (url.origin !== event.url.origin || !url.pathname.startsWith('/api/')) return fetch(request);

  const headers = new Headers(request.headers);
  headers.delete('cookie');
  try {
    headers.set('x-forwarded-for', event.getClientAddress());
  } catch {
    // No client address (e.g. during prerendering): the API sees the server's.
  }
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();

  const bridge = globalThis.__challengeApi;
  if (bridge) return bridge(new Request(url, { method: request.method, headers, body }));

  const origin = env.API_ORIGIN;
  if (origin) return fetch(new URL(url.pathname + url.search, origin), { method: request.method, headers, body });

  const t = createTranslator(event.locals.locale);
  return new Response(JSON.stringify({ type: 'about:blank', title: t('errors.unavailableTitle'), status: 503, detail: t('errors.unavailable'), code: 'unavailable' }), {
    status: 503,
    headers: { 'content-type': 'application/problem+json' },
  });
};

export const handleError: HandleServerError = ({ error, event, status }) => {
  if (status !== 404) console.error(error);
  const t = createTranslator(event.locals.locale ?? 'zh-CN');
  return { message: status === 404 ? t('errors.notFound') : t('errors.internal') };
};
