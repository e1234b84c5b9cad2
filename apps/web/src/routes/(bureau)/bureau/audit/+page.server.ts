import { AUDIT_PAGE_SIZE, auditFilters } from '$lib/audit';
import { pageParam } from '$lib/funds';
import { createApi } from '$lib/server/api';
import { loadFailed } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

/**
 * 审计日志: the log newest first through the plain GET filter form (entity type, action, entity id,
 * actor by id or e-mail, Beijing-time days), the filters' choices, and the whole hash chain recomputed
 * on every visit so a broken link is seen at once.
 */
export const load: PageServerLoad = async (event) => {
  requireRole(event, 'bureau');
  const filters = auditFilters(event.url.searchParams);
  const page = pageParam(event.url.searchParams.get('page'));
  const api = createApi(event);
  try {
    const [records, facets, chain] = await Promise.all([
      api.audit.list({ ...filters.query, page, pageSize: AUDIT_PAGE_SIZE }),
      api.audit.facets(),
      api.audit.verify(),
    ]);
    return { filters, records, facets, chain };
  } catch (e) {
    loadFailed(event, e);
  }
};
