import { redirect } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import { clearTokenCookies, REFRESH_COOKIE } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  /** Revokes the sign-in at the API, then forgets the tokens. */
  default: async (event) => {
    const refreshToken = event.cookies.get(REFRESH_COOKIE);
    if (refreshToken) {
      try {
        await createApi(event).auth.logout(refreshToken);
      } catch (e) {
        console.error('logout failed at the API; cookies cleared anyway', e);
      }
    }
    clearTokenCookies(event.cookies, event.url);
    event.locals.user = null;
    event.locals.accessToken = null;
    redirect(303, '/');
  },
};
