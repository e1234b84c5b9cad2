import { error, type RequestEvent } from '@sveltejs/kit';
import { commentName, scoreName, scoreSheetFromForm } from '$lib/components/review/review-form';
import { uuidParam } from '$lib/components/review/review-data.server';
import { createTranslator } from '$lib/server/i18n';
import type { MyReview } from '$lib/review';
import { createApi } from '$lib/server/api';
import { failFromApi, invalid, loadFailed, text } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import type { Indicator } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

/** The expert's assignment to this application, or the 404 page (not assigned: nothing to see). */
async function assignmentOf(event: RequestEvent<{ applicationId: string }>): Promise<MyReview> {
  const id = uuidParam(event, event.params.applicationId);
  const { items } = await createApi(event).reviews.mine();
  const found = items.find((r) => r.applicationId === id);
  if (!found) error(404, { message: createTranslator(event.locals.locale)('errors.notFound') });
  return found;
}

/**
 * One assignment: before the declaration only what the conflict is about (challenge, applicant,
 * partners); once declared free of conflict the application beside the challenge's indicators and
 * the rubric to score it by; once recused nothing more.
 */
export const load: PageServerLoad = async (event) => {
  requireRole(event, 'expert');
  try {
    const assignment = await assignmentOf(event);
    if (assignment.conflict !== false) return { assignment, application: null, indicators: null, rubric: null, saved: {} };
    const api = createApi(event);
    const [application, challenge, rubric, sheet] = await Promise.all([
      api.reviews.application(assignment.applicationId),
      api.challenges.get(assignment.challenge.id),
      api.reviews.rubric(assignment.challenge.id),
      api.reviews.sheet(assignment.applicationId),
    ]);
    // The form opens with what the expert saved last, to be revised rather than typed again.
    const saved: Record<string, string> = Object.fromEntries(Object.entries(sheet.scores ?? {}).flatMap(([key, { score, comment }]) => [[scoreName(key), String(score)], [commentName(key), comment]]));
    // A declared expert sees even a restricted challenge's details; were it a summary, the responses are listed by number.
    const indicators: Indicator[] | null = challenge.view === 'summary' ? null : challenge.indicators;
    return { assignment, application, indicators, rubric: rubric.criteria, saved };
  } catch (e) {
    loadFailed(event, e);
  }
};

export const actions: Actions = {
  /** No conflict (the application opens) or a conflict with what it is (recused for good). */
  declare: async (event) => {
    requireRole(event, 'expert');
    const id = uuidParam(event, event.params.applicationId);
    const data = await event.request.formData();
    const choice = text(data, 'choice');
    const reason = text(data, 'reason');
    const values = { choice, reason };
    if (choice !== 'none' && choice !== 'conflict') return invalid(event, [{ field: 'choice', code: 'choose', message: '' }], values, { action: 'declare' });
    try {
      await createApi(event).reviews.submit(id, choice === 'none' ? { conflict: false } : { conflict: true, reason });
    } catch (e) {
      return failFromApi(event, e, values, { action: 'declare' });
    }
    return { action: 'declare', done: choice === 'none' ? ('none' as const) : ('recused' as const) };
  },

  /** Every criterion's score and comment; the API works out and keeps the weighted total. */
  score: async (event) => {
    requireRole(event, 'expert');
    let assignment: MyReview;
    let criteria;
    try {
      assignment = await assignmentOf(event);
      criteria = (await createApi(event).reviews.rubric(assignment.challenge.id)).criteria;
    } catch (e) {
      return failFromApi(event, e, undefined, { action: 'score' });
    }
    const data = await event.request.formData();
    const { sheet, values } = scoreSheetFromForm((name) => text(data, name), criteria);
    try {
      const saved = await createApi(event).reviews.submit(assignment.applicationId, { scores: sheet });
      // The API does not give a saved sheet back: the inputs as sent are what was saved.
      return { action: 'score', done: 'scored' as const, values, totalTenths: saved.totalTenths };
    } catch (e) {
      return failFromApi(event, e, values, { action: 'score' });
    }
  },
};
