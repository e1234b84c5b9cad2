import { redirect } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import { failFromApi, invalid, raw, text } from '$lib/server/forms';
import { safeNext } from '$lib/server/guards';
import { setTokenCookies } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  const next = safeNext(url.searchParams.get('next'));
  if (locals.user) redirect(303, next);
  return { next, registered: url.searchParams.get('registered') === '1' };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const email = text(data, 'email');
    const password = raw(data, 'password');
    const next = safeNext(text(data, 'next') || event.url.searchParams.get('next'));
    const values = { email };

    const missing = [
      ...(email ? [] : [{ field: 'email', code: 'required', message: '' }]),
      ...(password ? [] : [{ field: 'password', code: 'required', message: '' }]),
    ];
    if (missing.length > 0) return invalid(event, missing, values);

    try {
      setTokenCookies(event.cookies, event.url, await createApi(event).auth.login({ email, password }));
    } catch (e) {
      return failFromApi(event, e, values);
    }
    redirect(303, next);
  },
};
