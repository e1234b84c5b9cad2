import { queueRows, queueTotals } from '$lib/funds';
import { createApi } from '$lib/server/api';
import { loadFailed } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

/**
 * 专项资金拨付队列: the special-fund releases awaiting disbursement, oldest first, each with its project
 * and milestone and whether it may be paid now. Read-only for both the Finance Bureau and the bureau:
 * finance pays on the project page.
 */
export const load: PageServerLoad = async (event) => {
  const me = requireRole(event, 'finance', 'bureau');
  const api = createApi(event);
  try {
    const { items } = await api.funds.releases();
    // Each project once, for its title, the milestone and the enterprise share; a project that cannot be read is shown by its id.
    const ids = [...new Set(items.map((r) => r.projectId))];
    const projects = await Promise.all(ids.map((id) => api.projects.get(id).catch(() => null)));
    return { rows: queueRows(items, projects), totals: queueTotals(items), canPay: me.user.role === 'finance', now: new Date().toISOString() };
  } catch (e) {
    loadFailed(event, e);
  }
};
