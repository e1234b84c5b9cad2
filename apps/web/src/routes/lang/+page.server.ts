import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { createApi } from '$lib/server/api';
import { safeNext } from '$lib/server/guards';
import { setLangCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  /** Sets the `lang` cookie (and the signed-in user's preference) and goes back where the switch was pressed. */
  default: async (event) => {
    const data = await event.request.formData();
    const locale = data.get('locale');
    const back = safeNext(String(data.get('redirectTo') ?? ''), '/');
    if (!isLocale(locale)) redirect(303, back);
    setLangCookie(event.cookies, event.url, locale);
    event.locals.locale = locale;
    if (event.locals.user) {
      try {
        await createApi(event).me.update({ locale });
      } catch (e) {
        // The cookie already switched the language; the stored preference can be set again from the account page.
        console.error('PATCH /api/me locale failed', e);
      }
    }
    redirect(303, back);
  },
};
