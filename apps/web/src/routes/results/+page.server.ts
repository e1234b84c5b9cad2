import { RESULTS_PAGE_SIZE, parseResultsQuery } from '$lib/results';
import { createApi } from '$lib/server/api';
import { loadFailed } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

/** The public results (揭榜结果): anyone, signed in or not; the industry filter and page live in the URL. */
export const load: PageServerLoad = async (event) => {
  const { industry, page } = parseResultsQuery(event.url.searchParams);
  try {
    const results = await createApi(event).results.list({ industry, page, pageSize: RESULTS_PAGE_SIZE });
    return { industry: industry ?? null, results };
  } catch (e) {
    loadFailed(event, e);
  }
};
