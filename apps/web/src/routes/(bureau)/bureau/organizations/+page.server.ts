import { createApi } from '$lib/server/api';
import { failFromApi, invalid, loadFailed, optional, text } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { ORGANIZATION_STATUSES, type OrganizationStatus } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 20;
type StatusFilter = OrganizationStatus | 'all';

const parseStatus = (v: string | null): StatusFilter =>
  v === 'all' || ORGANIZATION_STATUSES.includes(v as OrganizationStatus) ? (v as StatusFilter) : 'pending';
const parsePage = (v: string | null) => Math.max(1, Math.min(100000, Number.parseInt(v ?? '1', 10) || 1));

export const load: PageServerLoad = async (event) => {
  requireRole(event, 'bureau');
  const status = parseStatus(event.url.searchParams.get('status'));
  const page = parsePage(event.url.searchParams.get('page'));
  const api = createApi(event);
  try {
    const [list, ...counts] = await Promise.all([
      api.organizations.list({ status: status === 'all' ? undefined : status, page, pageSize: PAGE_SIZE }),
      ...ORGANIZATION_STATUSES.map((s) => api.organizations.list({ status: s, page: 1, pageSize: 1 })),
    ]);
    const totals = Object.fromEntries(ORGANIZATION_STATUSES.map((s, i) => [s, counts[i]?.total ?? 0])) as Record<OrganizationStatus, number>;
    return { status, list, totals };
  } catch (e) {
    loadFailed(event, e);
  }
};

export const actions: Actions = {
  verify: async (event) => {
    requireRole(event, 'bureau');
    const data = await event.request.formData();
    const id = text(data, 'id');
    const reason = text(data, 'reason');
    try {
      await createApi(event).organizations.verify(id, optional(reason));
    } catch (e) {
      return failFromApi(event, e, { reason }, { action: 'verify', target: id });
    }
    return { action: 'verify', target: id, done: true };
  },

  reject: async (event) => {
    requireRole(event, 'bureau');
    const data = await event.request.formData();
    const id = text(data, 'id');
    const reason = text(data, 'reason');
    if (!reason) return invalid(event, [{ field: 'reason', code: 'required', message: '' }], { reason }, { action: 'reject', target: id });
    try {
      await createApi(event).organizations.reject(id, reason);
    } catch (e) {
      return failFromApi(event, e, { reason }, { action: 'reject', target: id });
    }
    return { action: 'reject', target: id, done: true };
  },
};
