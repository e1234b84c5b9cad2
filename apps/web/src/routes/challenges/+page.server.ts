import { createApi } from '$lib/server/api';
import { failFromApi, invalid, loadFailed, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/guards';
import { PAGE_SIZE, parseFilters, parsePage } from './filters';
import { savedQueryOf } from './saved-search';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { values, query, issues, filtered, active } = parseFilters(event.url.searchParams);
  const page = parsePage(event.url.searchParams.get('page'));
  try {
    const list = await createApi(event).challenges.list({ ...query, page, pageSize: PAGE_SIZE });
    return { values, query, issues, filtered, active, list, saved: savedQueryOf(event.url.searchParams) };
  } catch (e) {
    loadFailed(event, e);
  }
};

export const actions: Actions = {
  /** The form posts to the list's own URL (`?q=…&/saveSearch`): the search it saves is the one shown. */
  saveSearch: async (event) => {
    requireUser(event);
    const data = await event.request.formData();
    const name = text(data, 'name');
    const alerts = text(data, 'alerts') === 'on';
    const values = { name, alerts: alerts ? 'on' : '' };
    if (!name) return invalid(event, [{ field: 'name', code: 'required', message: '' }], values, { action: 'saveSearch' });
    try {
      await createApi(event).subscriptions.saveSearch({ name, query: savedQueryOf(event.url.searchParams), alerts });
    } catch (e) {
      return failFromApi(event, e, values, { action: 'saveSearch' });
    }
    return { action: 'saveSearch', done: true };
  },
};
