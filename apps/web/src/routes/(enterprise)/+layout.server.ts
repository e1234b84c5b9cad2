import { requireRole } from '$lib/server/guards';
import type { LayoutServerLoad } from './$types';

/** The enterprise area (its organisation's challenges): anonymous visitors sign in first; other roles get a 403 page. */
export const load: LayoutServerLoad = (event) => {
  requireRole(event, 'enterprise');
  return {};
};
