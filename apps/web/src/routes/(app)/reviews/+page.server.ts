import { createApi } from '$lib/server/api';
import { loadFailed } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

/** 我的评审: the expert's assignments, newest first, with where each one stands. */
export const load: PageServerLoad = async (event) => {
  requireRole(event, 'expert');
  try {
    const { items } = await createApi(event).reviews.mine();
    return { items };
  } catch (e) {
    loadFailed(event, e);
  }
};
