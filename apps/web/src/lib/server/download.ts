import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { createApi, isApiError } from '$lib/server/api';

/** The API's headers a download keeps: what it is, how big, that it is a download, and that nothing in it may run. */
const PASSED_HEADERS = ['content-type', 'content-length', 'content-disposition', 'x-content-type-options', 'content-security-policy', 'cache-control'];

/** Where to come back to after signing in: the page the link was on (our own), else `fallback`. */
function backTo(event: RequestEvent, fallback: string): string {
  const referer = event.request.headers.get('referer');
  if (referer) {
    try {
      const url = new URL(referer);
      if (url.origin === event.url.origin && !url.pathname.startsWith('/login')) return url.pathname + url.search;
    } catch {
      // not a URL: fall through
    }
  }
  return fallback;
}

/**
 * A file downloaded through the web server, because only it holds the reader's token (the browser
 * has a session cookie). The API decides who may read it; a signed-out reader signs in and comes
 * back to the page that listed the file (or `fallback`).
 */
export async function proxyDownload(event: RequestEvent, attachmentId: string, fallback: string): Promise<Response> {
  let res: Response;
  try {
    res = await createApi(event).attachments.download(attachmentId);
  } catch (e) {
    if (!isApiError(e)) throw e;
    if (e.status === 401) redirect(303, `/login?next=${encodeURIComponent(backTo(event, fallback))}`);
    // A malformed id names no file.
    error(e.status === 422 ? 404 : e.status, { message: e.detail });
  }
  const headers = new Headers();
  for (const name of PASSED_HEADERS) {
    const value = res.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(res.body, { status: 200, headers });
}
