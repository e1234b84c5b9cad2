import type { RequestEvent } from '@sveltejs/kit';
import type { FormIssue } from '$lib/forms';
import { createTranslator } from '$lib/server/i18n';
import { charCount, QA_LIMITS } from '$lib/qa';
import { createApi, isApiError } from '$lib/server/api';
import { challengeIdParam, challengeNotFound } from '$lib/server/challenges';
import { failFromApi, invalid, loadFailed, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/guards';
import { applyToChallenge } from '$lib/server/applications';
import { fileObjection, publicDecision } from './decision.server';
import type { Actions, PageServerLoad } from './$types';

/** Questions per page of the Q&A section (`?page=`, the only list on this page). */
const QA_PAGE_SIZE = 20;
const parsePage = (v: string | null) => Math.max(1, Math.min(100000, Number.parseInt(v ?? '1', 10) || 1));

/**
 * One challenge as the API lets this reader see it (`summary`, `detail` or `manage`), with its Q&A
 * as the API lets this reader see it. Unknown ids, and challenges the reader may not know exist
 * (drafts of others), are the 404 page.
 */
export const load: PageServerLoad = async (event) => {
  const id = challengeIdParam(event);
  const api = createApi(event);
  try {
    const [challenge, questions, decision, following] = await Promise.all([
      api.challenges.get(id),
      api.questions.list(id, { page: parsePage(event.url.searchParams.get('page')), pageSize: QA_PAGE_SIZE }),
      publicDecision(api, event, id),
      // Whether the signed-in reader follows it; unknown (no button) if that cannot be told.
      event.locals.user ? api.subscriptions.following(id).then((f) => f.following, () => null) : null,
    ]);
    return { challenge, questions, decision, following };
  } catch (e) {
    if (isApiError(e) && (e.status === 404 || e.status === 422)) challengeNotFound(event);
    loadFailed(event, e);
  }
};

export const actions: Actions = {
  /** A signed-in solver starts (or returns to) its organisation's application: to the application form. */
  apply: (event) => applyToChallenge(event, challengeIdParam(event)),

  /** A signed-in reader objects to the decision during its notice period (公示). */
  object: (event) => fileObjection(event, createApi(event), challengeIdParam(event)),

  /** A verified solver accepts the confidentiality terms of a restricted challenge (the version shown). */
  accept: async (event) => {
    requireUser(event);
    const data = await event.request.formData();
    const termsVersion = text(data, 'termsVersion');
    if (text(data, 'agree') !== 'yes') {
      const message = createTranslator(event.locals.locale)('browse.detail.agreeRequired');
      return invalid(event, [{ field: 'agree', code: 'agree_required', message }], undefined, { action: 'accept' });
    }
    try {
      await createApi(event).challenges.acceptConfidentiality(event.params.id, termsVersion);
    } catch (e) {
      return failFromApi(event, e, undefined, { action: 'accept' });
    }
    return { action: 'accept', accepted: true };
  },

  /** A signed-in reader follows the challenge: hears of its amendments, answered questions and decision. */
  follow: async (event) => {
    requireUser(event);
    try {
      await createApi(event).subscriptions.follow(challengeIdParam(event));
    } catch (e) {
      return failFromApi(event, e, undefined, { action: 'follow' });
    }
    return { action: 'follow', done: true };
  },

  unfollow: async (event) => {
    requireUser(event);
    try {
      await createApi(event).subscriptions.unfollow(challengeIdParam(event));
    } catch (e) {
      return failFromApi(event, e, undefined, { action: 'follow' });
    }
    return { action: 'unfollow', done: true };
  },

  /** A signed-in reader asks a question (the API decides who may; see services/questions/rules.ts). */
  ask: async (event) => {
    requireUser(event);
    const body = text(await event.request.formData(), 'body');
    const issue = lengthIssue(event, 'body', body);
    if (issue) return invalid(event, [issue], { body }, { action: 'ask' });
    try {
      await createApi(event).questions.ask(event.params.id, body);
    } catch (e) {
      return qaFailure(event, e, 'body', { body }, { action: 'ask' });
    }
    return { action: 'ask', done: true };
  },

  /** The owner enterprise or the bureau answers one question (`question` names it). */
  answer: async (event) => {
    requireUser(event);
    const data = await event.request.formData();
    const target = text(data, 'question');
    const answer = text(data, 'answer');
    const issue = lengthIssue(event, 'answer', answer);
    if (issue) return invalid(event, [issue], { answer }, { action: 'answer', target });
    try {
      await createApi(event).questions.answer(target, answer);
    } catch (e) {
      return qaFailure(event, e, 'answer', { answer }, { action: 'answer', target });
    }
    return { action: 'answer', target, done: true };
  },
};

/** The length the API will check, checked here first so the common slip costs no round trip. */
function lengthIssue(event: Pick<RequestEvent, 'locals'>, field: 'body' | 'answer', value: string): FormIssue | null {
  const limits = QA_LIMITS[field];
  const n = charCount(value);
  if (n >= limits.min && n <= limits.max) return null;
  const t = createTranslator(event.locals.locale);
  return { field, code: n === 0 ? 'required' : 'length', message: t(field === 'body' ? 'qa.issues.bodyLength' : 'qa.issues.answerLength', limits) };
}

/**
 * An API refusal of a Q&A form. The API names a rule's field `body` (the question), which the
 * shared normaliser takes for the request-body prefix and empties: it is this form's one input.
 */
function qaFailure(event: RequestEvent, e: unknown, input: 'body' | 'answer', values: Record<string, string>, extra: { action: string; target?: string }) {
  const failed = failFromApi(event, e, values, extra);
  failed.data.problem.fields = failed.data.problem.fields.map((f) => (f.field === '' ? { ...f, field: input } : f));
  return failed;
}
