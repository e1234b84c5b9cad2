import { isLocale } from '$lib/i18n';
import type { NotificationKind } from '@challenge/domain';
import { NOTIFICATION_KINDS } from '@challenge/domain';
import type { EmailPreferences, FollowedChallenge, SavedSearch } from '$lib/reach';
import { createApi, isApiError } from '$lib/server/api';
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
  return { joinRequests, reach: await loadReach(event) };
};

/** E-mail choices, follows and saved searches; if they cannot be loaded, the rest of the page still works. */
async function loadReach(event: Parameters<PageServerLoad>[0]): Promise<{ prefs: EmailPreferences; follows: FollowedChallenge[]; searches: SavedSearch[] } | { error: string }> {
  const api = createApi(event);
  try {
    const [prefs, follows, searches] = await Promise.all([api.email.preferences(), api.subscriptions.follows(), api.subscriptions.searches()]);
    return { prefs, follows: follows.items, searches: searches.items };
  } catch (e) {
    if (!isApiError(e) || e.status === 401) loadFailed(event, e);
    return { error: e.detail };
  }
}

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

  /** Every kind is sent: a checked box turns its e-mail on, an unchecked one off. */
  emailPrefs: async (event) => {
    requireUser(event);
    const on = new Set((await event.request.formData()).getAll('kind'));
    const kinds = NOTIFICATION_KINDS.map((kind: NotificationKind) => ({ kind, email: on.has(kind) }));
    try {
      await createApi(event).email.setPreferences(kinds);
    } catch (e) {
      return failFromApi(event, e, undefined, { action: 'emailPrefs' });
    }
    return { action: 'emailPrefs', done: true };
  },

  resendVerification: async (event) => {
    requireUser(event);
    try {
      const { sent } = await createApi(event).email.resendVerification();
      return { action: 'resendVerification', done: true, sent };
    } catch (e) {
      return failFromApi(event, e, undefined, { action: 'resendVerification' });
    }
  },

  unfollow: async (event) => {
    requireUser(event);
    const id = text(await event.request.formData(), 'id');
    try {
      await createApi(event).subscriptions.unfollow(id);
    } catch (e) {
      return failFromApi(event, e, undefined, { action: 'unfollow', target: id });
    }
    return { action: 'unfollow', target: id, done: true };
  },

  searchAlerts: async (event) => {
    requireUser(event);
    const data = await event.request.formData();
    const id = text(data, 'id');
    try {
      await createApi(event).subscriptions.updateSearch(id, { alerts: text(data, 'alerts') === 'on' });
    } catch (e) {
      return failFromApi(event, e, undefined, { action: 'searchAlerts', target: id });
    }
    return { action: 'searchAlerts', target: id, done: true };
  },

  deleteSearch: async (event) => {
    requireUser(event);
    const id = text(await event.request.formData(), 'id');
    try {
      await createApi(event).subscriptions.deleteSearch(id);
    } catch (e) {
      return failFromApi(event, e, undefined, { action: 'deleteSearch', target: id });
    }
    return { action: 'deleteSearch', target: id, done: true };
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
