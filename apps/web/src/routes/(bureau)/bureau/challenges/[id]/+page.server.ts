import type { RequestEvent } from '@sveltejs/kit';
import {
  amendAction, approveAction, cancelAction, closeAction, returnAction, type DecisionResult,
} from '$lib/components/challenge-editor/decision-actions.server';
import { loadManagedChallenge } from '$lib/server/challenges';
import { requireRole } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

/** One challenge for the bureau: as submitted, beside what the bureau may decide on it now. */
export const load: PageServerLoad = async (event) => {
  requireRole(event, 'bureau');
  return { challenge: await loadManagedChallenge(event) };
};

const bureau = (run: (event: RequestEvent<{ id: string }>, id: string) => Promise<DecisionResult>) => (event: RequestEvent<{ id: string }>) => {
  requireRole(event, 'bureau');
  return run(event, event.params.id);
};

export const actions: Actions = {
  approve: bureau(approveAction),
  return: bureau(returnAction),
  close: bureau(closeAction),
  cancel: bureau(cancelAction),
  amend: bureau(amendAction),
};
