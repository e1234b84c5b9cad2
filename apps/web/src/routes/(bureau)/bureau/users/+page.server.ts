import { isLocale } from '$lib/i18n';
import { createApi } from '$lib/server/api';
import { compact, failFromApi, loadFailed, optional, raw, text } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { ROLES, USER_STATUSES, type CreateUserInput, type Role, type StaffRole, type UserStatus } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 25;

export const load: PageServerLoad = async (event) => {
  requireRole(event, 'bureau');
  const params = event.url.searchParams;
  const role = ROLES.includes(params.get('role') as Role) ? (params.get('role') as Role) : undefined;
  const status = USER_STATUSES.includes(params.get('status') as UserStatus) ? (params.get('status') as UserStatus) : undefined;
  const q = (params.get('q') ?? '').trim().slice(0, 100);
  const page = Math.max(1, Math.min(100000, Number.parseInt(params.get('page') ?? '1', 10) || 1));
  try {
    const list = await createApi(event).users.list({ role, status, q: q || undefined, page, pageSize: PAGE_SIZE });
    return { filters: { role: role ?? '', status: status ?? '', q }, list };
  } catch (e) {
    loadFailed(event, e);
  }
};

export const actions: Actions = {
  create: async (event) => {
    requireRole(event, 'bureau');
    const data = await event.request.formData();
    const values = { email: text(data, 'email'), displayName: text(data, 'displayName'), role: text(data, 'role'), locale: text(data, 'locale') };
    const locale = values.locale;
    try {
      await createApi(event).users.create(
        compact<CreateUserInput>({
          email: values.email,
          displayName: values.displayName,
          password: raw(data, 'password'),
          role: values.role as StaffRole,
          locale: isLocale(locale) ? locale : undefined,
        }),
      );
    } catch (e) {
      return failFromApi(event, e, values, { action: 'create' });
    }
    return { action: 'create', done: true, created: values.email };
  },

  disable: async (event) => {
    requireRole(event, 'bureau');
    const data = await event.request.formData();
    const id = text(data, 'id');
    try {
      await createApi(event).users.disable(id, optional(text(data, 'reason')));
    } catch (e) {
      return failFromApi(event, e, undefined, { action: 'disable', target: id });
    }
    return { action: 'disable', target: id, done: true };
  },

  enable: async (event) => {
    requireRole(event, 'bureau');
    const data = await event.request.formData();
    const id = text(data, 'id');
    try {
      await createApi(event).users.enable(id);
    } catch (e) {
      return failFromApi(event, e, undefined, { action: 'enable', target: id });
    }
    return { action: 'enable', target: id, done: true };
  },
};
