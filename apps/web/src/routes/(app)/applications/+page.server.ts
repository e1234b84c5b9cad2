import { redirect } from '@sveltejs/kit';
import type { ApplicationPage } from '$lib/apply';
import { createApi, isApiError } from '$lib/server/api';
import { loginUrl, requireRole } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;
const parsePage = (v: string | null) => Math.max(1, Math.min(100000, Number.parseInt(v ?? '1', 10) || 1));

/**
 * 我的揭榜: the organisation's applications, newest activity first. A failed list is shown inside the
 * layout (with a retry) rather than as the error page.
 */
export const load: PageServerLoad = async (event) => {
  requireRole(event, 'solver');
  const page = parsePage(event.url.searchParams.get('page'));
  try {
    const list: ApplicationPage = await createApi(event).applications.list({ page, pageSize: PAGE_SIZE });
    return { list, loadError: null, now: new Date().toISOString() };
  } catch (e) {
    if (!isApiError(e)) throw e;
    if (e.status === 401) redirect(303, loginUrl(event.url));
    return { list: null, loadError: { title: e.title, detail: e.detail }, now: new Date().toISOString() };
  }
};
