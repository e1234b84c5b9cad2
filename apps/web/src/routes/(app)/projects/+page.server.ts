import { redirect } from '@sveltejs/kit';
import { createApi, isApiError } from '$lib/server/api';
import { loginUrl, requireRole } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

/**
 * The reader's projects (任务书): a solver its own, an enterprise those of its challenges, the bureau
 * and finance all. A failed list is shown inside the layout (with a retry) rather than as the error page.
 */
export const load: PageServerLoad = async (event) => {
  requireRole(event, 'solver', 'enterprise', 'bureau', 'finance');
  try {
    const { items } = await createApi(event).projects.list();
    return { items, loadError: null };
  } catch (e) {
    if (!isApiError(e)) throw e;
    if (e.status === 401) redirect(303, loginUrl(event.url));
    return { items: null, loadError: { title: e.title, detail: e.detail } };
  }
};
