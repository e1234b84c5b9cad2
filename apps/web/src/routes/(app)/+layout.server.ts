import { requireUser } from '$lib/server/guards';
import type { LayoutServerLoad } from './$types';

/** Everything in (app) is for signed-in users of any role. */
export const load: LayoutServerLoad = (event) => {
  requireUser(event);
  return {};
};
