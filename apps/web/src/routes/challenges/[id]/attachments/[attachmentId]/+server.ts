import { error, redirect } from '@sveltejs/kit';
import { createApi, isApiError } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** The API's headers a download keeps: what it is, how big, that it is a download, and that nothing in it may run. */
const PASSED_HEADERS = ['content-type', 'content-length', 'content-disposition', 'x-content-type-options', 'content-security-policy', 'cache-control'];

/**
 * Downloads go through the web server because only it holds the reader's token (the browser has a
 * session cookie). The API decides who may read the file, with the same rule as the challenge's details.
 */
export const GET: RequestHandler = async (event) => {
  let res: Response;
  try {
    res = await createApi(event).attachments.download(event.params.attachmentId);
  } catch (e) {
    if (!isApiError(e)) throw e;
    // Signed out (or never signed in): sign in, then back to the challenge, where the file is listed.
    if (e.status === 401) redirect(303, `/login?next=${encodeURIComponent(`/challenges/${event.params.id}`)}`);
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
