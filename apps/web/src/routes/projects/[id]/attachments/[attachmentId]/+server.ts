import { error, redirect } from '@sveltejs/kit';
import { createApi, isApiError } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** The API's headers a download keeps: what it is, how big, that it is a download, and that nothing in it may run. */
const PASSED_HEADERS = ['content-type', 'content-length', 'content-disposition', 'x-content-type-options', 'content-security-policy', 'cache-control'];

/** Where to come back to after signing in: the page the link was on (our own), else the project. */
function backTo(event: Parameters<RequestHandler>[0]): string {
  const referer = event.request.headers.get('referer');
  if (referer) {
    try {
      const url = new URL(referer);
      if (url.origin === event.url.origin && !url.pathname.startsWith('/login')) return url.pathname + url.search;
    } catch {
      // not a URL: fall through
    }
  }
  return `/projects/${encodeURIComponent(event.params.id)}`;
}

/**
 * A deliverable file of a project's milestone, downloaded through the web server because only it
 * holds the reader's token (the browser has a session cookie). The API decides who may read it: the
 * project's parties (solver and owner), the bureau and finance.
 */
export const GET: RequestHandler = async (event) => {
  let res: Response;
  try {
    res = await createApi(event).attachments.download(event.params.attachmentId);
  } catch (e) {
    if (!isApiError(e)) throw e;
    // Signed out (or never signed in): sign in, then back to the page that listed the file.
    if (e.status === 401) redirect(303, `/login?next=${encodeURIComponent(backTo(event))}`);
    // A malformed id names no file.
    error(e.status === 422 ? 404 : e.status, { message: e.detail });
  }
  const headers = new Headers();
  for (const name of PASSED_HEADERS) {
    const value = res.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(res.body, { status: 200, headers });
};
