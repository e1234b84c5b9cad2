import { error, type RequestEvent } from '@sveltejs/kit';
import { charCount, OBJECTION_LIMITS, type Decision } from '$lib/decision';
import type { FormIssue } from '$lib/forms';
import { createTranslator } from '$lib/server/i18n';
import { createApi, isApiError, type Api } from '$lib/server/api';
import { challengeIdParam, challengeNotFound, loadManagedChallenge } from '$lib/server/challenges';
import { failFromApi, invalid, loadFailed, text } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import type { ChallengeState } from '$lib/types';
import { candidatesOf, decisionFieldToInput, decisionFromForm, SELECTED, type DecisionContext } from './decision-form';
import type { Actions, PageServerLoad } from './$types';

/** Where a decision is made: after the deadline (no winner only, when nothing is under review) and in review. */
const DECIDING: readonly ChallengeState[] = ['closed', 'reviewing'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The latest decision, or null when there is none yet (the API's 404, the challenge being the bureau's to see). */
async function latestDecision(api: Api, challengeId: string): Promise<Decision | null> {
  try {
    return await api.decisions.get(challengeId);
  } catch (e) {
    if (isApiError(e) && e.status === 404) return null;
    throw e;
  }
}

/**
 * The bureau's decision on one challenge (product.md step 7): in review, the ranking and the form
 * that decides (winners with awards, or no winner); then the notice — the decision as published,
 * every objection with its resolve form, and making the award final once the notice period is over.
 */
export const load: PageServerLoad = async (event) => {
  requireRole(event, 'bureau');
  const challenge = await loadManagedChallenge(event);
  const api = createApi(event);
  try {
    const deciding = DECIDING.includes(challenge.state);
    const [decision, objections, ranking, pendingEligibility] = await Promise.all([
      latestDecision(api, challenge.id),
      api.decisions.objections(challenge.id).then((r) => r.items),
      deciding ? api.reviews.ranking(challenge.id).then((r) => r.items) : Promise.resolve(null),
      // No decision while an application awaits its eligibility check: the page says so up front.
      deciding ? api.reviews.applications(challenge.id, { state: 'submitted', pageSize: 1 }).then((r) => r.total) : Promise.resolve(0),
    ]);
    return { challenge, decision, objections, ranking, pendingEligibility };
  } catch (e) {
    loadFailed(event, e);
  }
};

const bureau = (event: RequestEvent) => {
  requireRole(event, 'bureau');
  return createApi(event);
};

/**
 * Publishes the decision. The form is checked first by the domain's own rule against the ranking
 * (so every problem is named at once, with the amounts that matter); the API then decides.
 */
async function decide(event: RequestEvent, noWinner: boolean) {
  const api = bureau(event);
  const id = challengeIdParam(event);
  const data = await event.request.formData();
  const chosen = data.getAll(SELECTED).filter((v): v is string => typeof v === 'string');
  let ctx: DecisionContext;
  try {
    const [challenge, ranking] = await Promise.all([api.challenges.get(id), api.reviews.ranking(id)]);
    if (challenge.view === 'summary') challengeNotFound(event);
    ctx = { bountyFen: challenge.bountyFen, maxWinners: challenge.maxWinners, candidates: candidatesOf(ranking.items) };
  } catch (e) {
    return failFromApi(event, e, undefined, { action: 'decide' });
  }
  const { input, values, issues } = decisionFromForm((name) => text(data, name), chosen, ctx, noWinner);
  if (issues.length > 0) return invalid(event, issues, values, { action: 'decide' });
  try {
    await api.decisions.decide(id, input);
  } catch (e) {
    const failed = failFromApi(event, e, values, { action: 'decide' });
    failed.data.problem.fields = failed.data.problem.fields.map((f) => ({ ...f, field: decisionFieldToInput(f.field, input.selections) }));
    return failed;
  }
  return { action: noWinner ? ('decideNone' as const) : ('decide' as const), done: true };
}

export const actions: Actions = {
  decide: (event) => decide(event, false),
  decideNone: (event) => decide(event, true),

  /** Dismisses or upholds one objection (`objection` names it), with reasons that are published. */
  resolve: async (event) => {
    const api = bureau(event);
    const data = await event.request.formData();
    const target = text(data, 'objection');
    if (!UUID.test(target)) error(404, { message: createTranslator(event.locals.locale)('errors.notFound') });
    const values = { outcome: text(data, 'outcome'), resolution: text(data, 'resolution') };
    const n = charCount(values.resolution);
    const issues: FormIssue[] = [];
    if (values.outcome !== 'upheld' && values.outcome !== 'dismissed') issues.push({ field: 'outcome', code: 'required', message: '' });
    if (n < OBJECTION_LIMITS.resolution.min || n > OBJECTION_LIMITS.resolution.max) issues.push({ field: 'resolution', code: n === 0 ? 'required' : 'length', message: '' });
    if (issues.length > 0 || (values.outcome !== 'upheld' && values.outcome !== 'dismissed')) return invalid(event, issues, values, { action: 'resolve', target });
    try {
      await api.decisions.resolve(target, { outcome: values.outcome, resolution: values.resolution });
    } catch (e) {
      return failFromApi(event, e, values, { action: 'resolve', target });
    }
    return { action: 'resolve' as const, target, done: true, outcome: values.outcome };
  },

  /** Makes the award final: a project per winner (the API refuses before the end of the notice or with an objection open). */
  finalize: async (event) => {
    const api = bureau(event);
    try {
      const { projects } = await api.decisions.finalize(challengeIdParam(event));
      return { action: 'finalize' as const, done: true, projects: projects.length };
    } catch (e) {
      return failFromApi(event, e, undefined, { action: 'finalize' });
    }
  },
};
