import { organizationNames, uuidParam, withInputNames } from '$lib/components/review/review-data.server';
import { profileFromForm } from '$lib/components/review/review-form';
import { splitExpertise } from '$lib/review';
import { createApi } from '$lib/server/api';
import { failFromApi, loadFailed, text } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

/** 专家库: the active experts with their fields and employer, optionally those with one of `?expertise=`. */
export const load: PageServerLoad = async (event) => {
  requireRole(event, 'bureau');
  const filter = (event.url.searchParams.get('expertise') ?? '').trim();
  const api = createApi(event);
  try {
    const [experts, organizations] = await Promise.all([api.reviews.experts(splitExpertise(filter)), organizationNames(api)]);
    const choices = Object.entries(organizations.byId)
      .map(([id, names]) => ({ id, ...names }))
      .sort((a, b) => (a.nameZh ?? a.nameEn ?? '').localeCompare(b.nameZh ?? b.nameEn ?? '', event.locals.locale));
    return { filter, experts: experts.items, organizations: organizations.byId, choices, complete: organizations.complete };
  } catch (e) {
    loadFailed(event, e);
  }
};

export const actions: Actions = {
  /** The bureau records an expert's fields and employer (the employer decides automatic conflicts). */
  profile: async (event) => {
    requireRole(event, 'bureau');
    const data = await event.request.formData();
    const id = uuidParam(event, text(data, 'id'));
    const { input, values } = profileFromForm((name) => text(data, name));
    try {
      await createApi(event).reviews.setExpertProfile(id, input);
    } catch (e) {
      // One field of many too long is reported as `expertise.3`: the input is `expertise`.
      return withInputNames(failFromApi(event, e, values, { action: 'profile', target: id }), (f) => f.replace(/^expertise\.\d+$/, 'expertise'));
    }
    return { action: 'profile', target: id, done: true };
  },
};
