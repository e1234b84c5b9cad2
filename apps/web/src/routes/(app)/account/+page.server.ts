import { isLocale } from '$lib/i18n';
import { createApi } from '$lib/server/api';
import { failFromApi, invalid, loadFailed, optional, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/guards';
import { setLangCookie } from '$lib/server/session';
import type { JoinRequest } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const me = requireUser(event);
  let joinRequests: JoinRequest[] | null = null;
  if (me.user.isOrgAdmin && me.organization) {
    try {
      joinRequests = (await createApi(event).organizations.joinRequests(me.organization.id)).items;
    } catch (e) {
      loadFailed(event, e);
    }
  }
  return { joinRequests };
};

export const actions: Actions = {
  profile: async (event) => {
    requireUser(event);
    const data = await event.request.formData();
    const displayName = text(data, 'displayName');
    const locale = text(data, 'locale');
    const values = { displayName, locale };
    if (!displayName) return invalid(event, [{ field: 'displayName', code: 'required', message: '' }], values, { action: 'profile' });
    try {
      const user = await createApi(event).me.update({ displayName, locale: isLocale(locale) ? locale : undefined });
      // The page rendered after this action (without JavaScript) must already show the new name.
      if (event.locals.user) event.locals.user = { ...event.locals.user, user };
    } catch (e) {
      return failFromApi(event, e, values, { action: 'profile' });
    }
    if (isLocale(locale)) {
      setLangCookie(event.cookies, event.url, locale);
      event.locals.locale = locale;
    }
    return { action: 'profile', done: true };
  },

  approve: async (event) => {
    requireUser(event);
    const data = await event.request.formData();
    const id = text(data, 'id');
    try {
      await createApi(event).joinRequests.approve(id, optional(text(data, 'reason')));
    } catch (e) {
      return failFromApi(event, e, undefined, { action: 'approve', target: id });
    }
    return { action: 'approve', target: id, done: true };
  },

  reject: async (event) => {
    requireUser(event);
    const data = await event.request.formData();
    const id = text(data, 'id');
    const reason = text(data, 'reason');
    const values = { reason };
    if (!reason) return invalid(event, [{ field: 'reason', code: 'required', message: '' }], values, { action: 'reject', target: id });
    try {
      await createApi(event).joinRequests.reject(id, reason);
    } catch (e) {
      return failFromApi(event, e, values, { action: 'reject', target: id });
    }
    return { action: 'reject', target: id, done: true };
  },
};
