import { createTranslator } from '$lib/i18n';
import { createApi, isApiError } from '$lib/server/api';
import { challengeIdParam, challengeNotFound } from '$lib/server/challenges';
import { failFromApi, invalid, loadFailed, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

/**
 * One challenge as the API lets this reader see it (`summary`, `detail` or `manage`). Unknown ids,
 * and challenges the reader may not know exist (drafts of others), are the 404 page.
 */
export const load: PageServerLoad = async (event) => {
  const id = challengeIdParam(event);
  try {
    return { challenge: await createApi(event).challenges.get(id) };
  } catch (e) {
    if (isApiError(e) && (e.status === 404 || e.status === 422)) challengeNotFound(event);
    loadFailed(event, e);
  }
};

export const actions: Actions = {
  /** A verified solver accepts the confidentiality terms of a restricted challenge (the version shown). */
  accept: async (event) => {
    requireUser(event);
    const data = await event.request.formData();
    const termsVersion = text(data, 'termsVersion');
    if (text(data, 'agree') !== 'yes') {
      const message = createTranslator(event.locals.locale)('browse.detail.agreeRequired');
      return invalid(event, [{ field: 'agree', code: 'agree_required', message }], undefined, { action: 'accept' });
    }
    try {
      await createApi(event).challenges.acceptConfidentiality(event.params.id, termsVersion);
    } catch (e) {
      return failFromApi(event, e, undefined, { action: 'accept' });
    }
    return { action: 'accept', accepted: true };
  },
};
