import { requireRole } from '$lib/server/guards';
import type { LayoutServerLoad } from './$types';

/** The bureau's back office: anonymous visitors sign in first; other roles get a 403 page. */
export const load: LayoutServerLoad = (event) => {
  requireRole(event, 'bureau');
  return {};
};
