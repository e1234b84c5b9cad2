import type { RequestEvent } from '@sveltejs/kit';
import { organizationNames, uuidParam, withInputNames } from '$lib/components/review/review-data.server';
import { assignFieldToInput, drawFromForm, rubricFieldToInput, rubricFromForm } from '$lib/components/review/review-form';
import { createTranslator } from '$lib/server/i18n';
import { splitExpertise } from '$lib/review';
import { createApi } from '$lib/server/api';
import { loadManagedChallenge } from '$lib/server/challenges';
import { failFromApi, invalid, loadFailed, text } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import type { ChallengeState } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

/** Before the deadline there is nothing to review yet (the API's state is `closed` from the deadline on). */
const BEFORE_REVIEW: readonly ChallengeState[] = ['draft', 'pending_review', 'published'];
const PAGE_SIZE = 100;
const parsePage = (v: string | null) => Math.max(1, Math.min(100000, Number.parseInt(v ?? '1', 10) || 1));

/**
 * The bureau's expert review of one challenge (product.md step 6): the submitted applications with
 * their eligibility, the rubric, assigning experts (the pool filtered by `?expertise=`), and the
 * ranking. The rubric is fixed once any review is scored, which the ranking's counts tell.
 */
export const load: PageServerLoad = async (event) => {
  requireRole(event, 'bureau');
  const challenge = await loadManagedChallenge(event);
  const filter = (event.url.searchParams.get('expertise') ?? '').trim();
  if (BEFORE_REVIEW.includes(challenge.state)) return { challenge, filter, review: null };
  const api = createApi(event);
  try {
    const [applications, rubric, experts, ranking, organizations, assignments] = await Promise.all([
      api.reviews.applications(challenge.id, { page: parsePage(event.url.searchParams.get('page')), pageSize: PAGE_SIZE }),
      api.reviews.rubric(challenge.id),
      api.reviews.experts(splitExpertise(filter)),
      api.reviews.ranking(challenge.id),
      organizationNames(api),
      api.reviews.assignments(challenge.id),
    ]);
    const employers = Object.fromEntries(
      experts.items.flatMap((e) => (e.organizationId && organizations.byId[e.organizationId] ? [[e.organizationId, organizations.byId[e.organizationId]!]] : [])),
    );
    return {
      challenge,
      filter,
      review: {
        applications,
        rubric: rubric.criteria,
        experts: experts.items,
        employers,
        ranking: ranking.items,
        assignments: assignments.items,
        reviewStarted: ranking.items.some((i) => i.aggregate.count > 0),
      },
    };
  } catch (e) {
    loadFailed(event, e);
  }
};

const bureau = (event: RequestEvent) => {
  requireRole(event, 'bureau');
  return createApi(event);
};

export const actions: Actions = {
  eligible: async (event) => {
    const api = bureau(event);
    const id = uuidParam(event, text(await event.request.formData(), 'id'));
    try {
      await api.reviews.eligibility(id, { eligible: true });
    } catch (e) {
      return failFromApi(event, e, undefined, { action: 'eligible', target: id });
    }
    return { action: 'eligible', target: id, done: true };
  },

  ineligible: async (event) => {
    const api = bureau(event);
    const data = await event.request.formData();
    const id = uuidParam(event, text(data, 'id'));
    const reason = text(data, 'reason');
    if (!reason) return invalid(event, [{ field: 'reason', code: 'required', message: '' }], { reason }, { action: 'ineligible', target: id });
    try {
      await api.reviews.eligibility(id, { eligible: false, reason });
    } catch (e) {
      return failFromApi(event, e, { reason }, { action: 'ineligible', target: id });
    }
    return { action: 'ineligible', target: id, done: true };
  },

  rubric: async (event) => {
    const api = bureau(event);
    const challengeId = uuidParam(event, event.params.id);
    const data = await event.request.formData();
    const rows = Number.parseInt(text(data, 'rows'), 10) || 0;
    const { criteria, rowOf, values, issues } = rubricFromForm((name) => text(data, name), rows);
    const posted = { ...values, rows: String(rows) };
    if (issues.length > 0) return invalid(event, issues, posted, { action: 'rubric' });
    try {
      await api.reviews.setRubric(challengeId, criteria);
    } catch (e) {
      return withInputNames(failFromApi(event, e, posted, { action: 'rubric' }), (f) => rubricFieldToInput(f, rowOf));
    }
    return { action: 'rubric', done: true };
  },

  /** The experts ticked, for the applications ticked. */
  assign: async (event) => {
    const api = bureau(event);
    const challengeId = uuidParam(event, event.params.id);
    const data = await event.request.formData();
    const applicationIds = data.getAll('applicationIds').filter((v): v is string => typeof v === 'string');
    const expertIds = data.getAll('expertIds').filter((v): v is string => typeof v === 'string');
    const values = { applicationIds: applicationIds.join(','), expertIds: expertIds.join(',') };
    const missing = [
      ...(applicationIds.length === 0 ? [{ field: 'applicationIds', code: 'sentence', message: '' }] : []),
      ...(expertIds.length === 0 ? [{ field: 'expertIds', code: 'sentence', message: '' }] : []),
    ];
    if (missing.length > 0) return invalid(event, missing.map(noneChosen(event)), values, { action: 'assign' });
    try {
      const { assigned } = await api.reviews.assign(challengeId, { applicationIds, expertIds });
      return { action: 'assign', done: true, assigned: assigned.length };
    } catch (e) {
      return withInputNames(failFromApi(event, e, values, { action: 'assign' }), (f) => assignFieldToInput(f, { applicationIds, expertIds }));
    }
  },

  /** A random draw by field and count for each application ticked (audited by the API). */
  draw: async (event) => {
    const api = bureau(event);
    const challengeId = uuidParam(event, event.params.id);
    const data = await event.request.formData();
    const applicationIds = data.getAll('applicationIds').filter((v): v is string => typeof v === 'string');
    const { expertise, count, values } = drawFromForm((name) => text(data, name));
    const posted = { ...values, applicationIds: applicationIds.join(',') };
    const issues = [
      ...(applicationIds.length === 0 ? [noneChosen(event)({ field: 'applicationIds', code: 'sentence', message: '' })] : []),
      ...(expertise.length === 0 ? [{ field: 'draw.expertise', code: 'required', message: '' }] : []),
      ...(count === null ? [{ field: 'draw.count', code: 'required', message: '' }] : []),
    ];
    if (issues.length > 0 || count === null) return invalid(event, issues, posted, { action: 'draw' });
    try {
      const { assigned } = await api.reviews.assign(challengeId, { applicationIds, draw: { expertise, count } });
      return { action: 'draw', done: true, assigned: assigned.length };
    } catch (e) {
      return withInputNames(failFromApi(event, e, posted, { action: 'draw' }), (f) => assignFieldToInput(f, { applicationIds, expertIds: [] }));
    }
  },
};

/** "Choose at least one …" in the reader's language, for a list with nothing ticked (shown as it is). */
function noneChosen(event: RequestEvent) {
  const t = createTranslator(event.locals.locale);
  return (issue: { field: string; code: string; message: string }) => ({
    ...issue,
    message: issue.field === 'applicationIds' ? t('review.issues.noApplication') : t('review.issues.noExpert'),
  });
}
