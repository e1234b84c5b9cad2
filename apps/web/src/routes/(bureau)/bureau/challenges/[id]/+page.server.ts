import { error, type RequestEvent } from '@sveltejs/kit';
import {
  amendAction, approveAction, cancelAction, closeAction, returnAction, type DecisionResult,
} from '$lib/components/challenge-editor/decision-actions.server';
import { createTranslator } from '$lib/i18n';
import { createApi } from '$lib/server/api';
import { loadFailed } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import type { ChallengeManage } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One challenge for the bureau: as submitted, beside what the bureau may decide on it now. */
export const load: PageServerLoad = async (event) => {
  requireRole(event, 'bureau');
  const notFound = () => error(404, { message: createTranslator(event.locals.locale)('errors.notFound') });
  if (!UUID.test(event.params.id)) notFound();
  let challenge: ChallengeManage;
  try {
    const c = await createApi(event).challenges.get(event.params.id);
    if (c.view !== 'manage') return notFound();
    challenge = c;
  } catch (e) {
    loadFailed(event, e);
  }
  return { challenge };
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
