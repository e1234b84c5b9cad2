import { requireRole } from '$lib/server/guards';
import type { LayoutServerLoad } from './$types';

/** The expert's review work: anonymous visitors sign in first; other roles get the 403 page. */
export const load: LayoutServerLoad = (event) => {
  requireRole(event, 'expert');
  return {};
};
