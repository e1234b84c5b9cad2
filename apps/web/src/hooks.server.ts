import { env } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import type { Handle, HandleFetch, HandleServerError } from '@sveltejs/kit';
import { createTranslator, isLocale, negotiateLocale, type Locale } from '$lib/i18n';
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

  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', locale),
  });
  try {
    response.headers.set('content-language', locale);
    response.headers.append('vary', 'cookie, accept-language');
    setSecurityHeaders(response.headers);
  } catch {
    // Immutable headers (a proxied response): nothing to add.
  }
  return response;
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
