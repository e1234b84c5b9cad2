import { dashboardFilter } from '$lib/dashboard';
import { createApi } from '$lib/server/api';
import { loadFailed } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

/**
 * 统计看板: the bureau's portfolio figures. `?year=&industry=` (the page's plain GET form) filter the
 * figures and the export links; a value the API would refuse is left out and the page says so.
 */
export const load: PageServerLoad = async (event) => {
  requireRole(event, 'bureau');
  const { filter, ignored } = dashboardFilter(event.url.searchParams);
  try {
    return { dashboard: await createApi(event).reports.dashboard(filter), filter, ignored };
  } catch (e) {
    loadFailed(event, e);
  }
};
