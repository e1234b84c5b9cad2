import { createApi } from '$lib/server/api';
import { failFromApi, invalid, text } from '$lib/server/forms';
import type { Actions } from './$types';

export const actions: Actions = {
  /** The answer is the same whether or not an account has the address: nobody learns who is registered. */
  default: async (event) => {
    const email = text(await event.request.formData(), 'email');
    const values = { email };
    if (!email) return invalid(event, [{ field: 'email', code: 'required', message: '' }], values);
    try {
      await createApi(event).email.requestReset(email);
    } catch (e) {
      return failFromApi(event, e, values);
    }
    return { sent: true as const };
  },
};
