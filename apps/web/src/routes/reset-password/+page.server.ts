import { fail } from '@sveltejs/kit';
import { createTranslator } from '$lib/server/i18n';
import { createApi } from '$lib/server/api';
import { failFromApi, invalid, raw, text } from '$lib/server/forms';
import { isLinkRefusal } from '$lib/server/reach';
import type { Actions, PageServerLoad } from './$types';

/** Opening the link changes nothing: the token is spent only when the new password is set. */
export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const token = text(data, 'token');
    const password = raw(data, 'password');
    const confirm = raw(data, 'confirm');
    if (!token) return fail(400, { invalid: true as const });
    const missing = [
      ...(password ? [] : [{ field: 'password', code: 'required', message: '' }]),
      ...(confirm ? [] : [{ field: 'confirm', code: 'required', message: '' }]),
    ];
    if (missing.length > 0) return invalid(event, missing);
    if (password !== confirm) {
      return invalid(event, [{ field: 'confirm', code: 'mismatch', message: createTranslator(event.locals.locale)('reach.reset.mismatch') }]);
    }
    try {
      await createApi(event).email.resetPassword(token, password);
    } catch (e) {
      if (isLinkRefusal(e)) return fail(400, { invalid: true as const });
      return failFromApi(event, e);
    }
    return { done: true as const };
  },
};
