import { redirect } from '@sveltejs/kit';
import type { NotificationPage } from '$lib/notifications';
import { createApi, isApiError } from '$lib/server/api';
import { failFromApi, text } from '$lib/server/forms';
import { loginUrl, requireUser } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 20;
const parsePage = (v: string | null) => Math.max(1, Math.min(100000, Number.parseInt(v ?? '1', 10) || 1));

/**
 * The list, or why it could not be loaded: the page shows an error state (with a retry) inside the
 * layout rather than the error page, since the rest of the site still works.
 */
export const load: PageServerLoad = async (event) => {
  requireUser(event);
  const page = parsePage(event.url.searchParams.get('page'));
  try {
    const list: NotificationPage = await createApi(event).notifications.list({ page, pageSize: PAGE_SIZE });
    return { list, loadError: null };
  } catch (e) {
    if (!isApiError(e)) throw e;
    if (e.status === 401) redirect(303, loginUrl(event.url));
    return { list: null, loadError: { title: e.title, detail: e.detail } };
  }
};

export const actions: Actions = {
  read: async (event) => {
    requireUser(event);
    const id = text(await event.request.formData(), 'id');
    try {
      await createApi(event).notifications.markRead(id);
    } catch (e) {
      return failFromApi(event, e, undefined, { action: 'read', target: id });
    }
    return { action: 'read', target: id, done: true };
  },

  readAll: async (event) => {
    requireUser(event);
    try {
      await createApi(event).notifications.markAllRead();
    } catch (e) {
      return failFromApi(event, e, undefined, { action: 'readAll' });
    }
    return { action: 'readAll', done: true };
  },
};
