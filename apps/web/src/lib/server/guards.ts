import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { createTranslator } from '$lib/server/i18n';
import type { Me, Role } from '$lib/types';

type GuardEvent = Pick<RequestEvent, 'locals' | 'url'>;

/** `/login?next=…` for the page the visitor asked for (a form action's page, not its `?/action`). */
export function loginUrl(url: URL): string {
  const next = url.pathname + url.search.replace(/[?&]\/[\w-]+$/, '');
  return `/login?next=${encodeURIComponent(next)}`;
}

/** Only same-site paths: never `//host` or `/\host`, which browsers treat as another origin. */
export function safeNext(value: string | null | undefined, fallback = '/account'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || /[\u0000-\u001f\u007f]/.test(value)) return fallback;
  return value;
}

export function requireUser(event: GuardEvent): Me {
  if (!event.locals.user) redirect(303, loginUrl(event.url));
  return event.locals.user;
}

export function requireRole(event: GuardEvent, ...roles: Role[]): Me {
  const me = requireUser(event);
  if (!roles.includes(me.user.role)) error(403, { message: createTranslator(event.locals.locale)('errors.forbidden') });
  return me;
}
