import { error } from '@sveltejs/kit';
import { uuidParam } from '$lib/components/review/review-data.server';
import { createTranslator } from '$lib/server/i18n';
import { createApi } from '$lib/server/api';
import { loadManagedChallenge } from '$lib/server/challenges';
import { loadFailed } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

/** One submitted application as the bureau checks it: the latest frozen version beside the challenge's indicators. */
export const load: PageServerLoad = async (event) => {
  requireRole(event, 'bureau');
  const applicationId = uuidParam(event, event.params.applicationId);
  const challenge = await loadManagedChallenge(event);
  const api = createApi(event);
  try {
    const application = await api.reviews.application(applicationId);
    if (application.challenge.id !== challenge.id) error(404, { message: createTranslator(event.locals.locale)('errors.notFound') });
    return { challenge, application, partners: application.partners };
  } catch (e) {
    loadFailed(event, e);
  }
};
