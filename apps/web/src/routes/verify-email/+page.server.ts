import { fail } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import { failFromApi, text } from '$lib/server/forms';
import { isLinkRefusal } from '$lib/server/reach';
import type { Actions, PageServerLoad } from './$types';

/** Opening the link changes nothing (mail scanners open links): only the button's POST spends the token. */
export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
  default: async (event) => {
    const token = text(await event.request.formData(), 'token');
    if (!token) return fail(400, { invalid: true as const });
    try {
      await createApi(event).email.verify(token);
    } catch (e) {
      if (isLinkRefusal(e)) return fail(400, { invalid: true as const });
      return failFromApi(event, e);
    }
    return { verified: true as const };
  },
};
