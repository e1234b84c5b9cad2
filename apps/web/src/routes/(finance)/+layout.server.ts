import { requireRole } from '$lib/server/guards';
import type { LayoutServerLoad } from './$types';

/**
 * The Finance Bureau's area (the special fund): anonymous visitors sign in first; the bureau reads it
 * too (each page decides what only the Finance Bureau may do); other roles get a 403 page.
 */
export const load: LayoutServerLoad = (event) => {
  requireRole(event, 'finance', 'bureau');
  return {};
};
