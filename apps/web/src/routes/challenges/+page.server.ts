import { createApi } from '$lib/server/api';
import { loadFailed } from '$lib/server/forms';
import { PAGE_SIZE, parseFilters, parsePage } from './filters';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { values, query, issues, filtered, active } = parseFilters(event.url.searchParams);
  const page = parsePage(event.url.searchParams.get('page'));
  try {
    const list = await createApi(event).challenges.list({ ...query, page, pageSize: PAGE_SIZE });
    return { values, query, issues, filtered, active, list };
  } catch (e) {
    loadFailed(event, e);
  }
};
