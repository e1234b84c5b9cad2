import { error, redirect } from '@sveltejs/kit';
import { dashboardFilter, REPORT_FORMATS, REPORT_KINDS } from '$lib/dashboard';
import { createApi, isApiError } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** The API's headers a download keeps (as $lib/server/download.ts): what it is, that it is a download, and that nothing in it may run. */
const PASSED_HEADERS = ['content-type', 'content-length', 'content-disposition', 'x-content-type-options', 'cache-control'];
const FILE = new RegExp(`^(${REPORT_KINDS.join('|')})\\.(${REPORT_FORMATS.join('|')})$`);

/**
 * An export of the dashboard (`challenges.csv`, `ledger.xlsx`, …) with its filters, streamed through
 * the web server, which alone holds the reader's token. The API decides who may read it.
 */
export const GET: RequestHandler = async (event) => {
  if (!FILE.test(event.params.file)) error(404, { message: 'Not found' });
  const { filter } = dashboardFilter(event.url.searchParams);
  let res: Response;
  try {
    res = await createApi(event).reports.download(event.params.file, filter);
  } catch (e) {
    if (!isApiError(e)) throw e;
    if (e.status === 401) redirect(303, `/login?next=${encodeURIComponent(`/bureau/dashboard${event.url.search}`)}`);
    error(e.status, { message: e.detail });
  }
  const headers = new Headers();
  for (const name of PASSED_HEADERS) {
    const value = res.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(res.body, { status: 200, headers });
};
