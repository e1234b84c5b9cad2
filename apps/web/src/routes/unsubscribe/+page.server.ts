import { fail } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import { failFromApi, loadFailed, text } from '$lib/server/forms';
import { isLinkRefusal } from '$lib/server/reach';
import type { Actions, PageServerLoad } from './$types';

/** What the link names; opening it changes nothing (mail scanners open links), the button does. */
export const load: PageServerLoad = async (event) => {
  const token = event.url.searchParams.get('token') ?? '';
  if (!token) return { token, view: null };
  try {
    return { token, view: await createApi(event).email.unsubscribeView(token) };
  } catch (e) {
    if (isLinkRefusal(e)) return { token, view: null };
    loadFailed(event, e);
  }
};

export const actions: Actions = {
  default: async (event) => {
    const token = text(await event.request.formData(), 'token');
    if (!token) return fail(400, { invalid: true as const });
    try {
      return { done: await createApi(event).email.unsubscribe(token) };
    } catch (e) {
      if (isLinkRefusal(e)) return fail(400, { invalid: true as const });
      return failFromApi(event, e);
    }
  },
};
