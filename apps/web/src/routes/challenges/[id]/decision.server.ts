/**
 * The decision section of the challenge page (公示, product.md step 7): what its load adds and the
 * objection it takes. A challenge without a decision has none to show (the API answers 404).
 */
import type { RequestEvent } from '@sveltejs/kit';
import { charCount, OBJECTION_LIMITS, type Decision, type Objection } from '$lib/decision';
import type { FormIssue } from '$lib/forms';
import { isApiError, type Api } from '$lib/server/api';
import { failFromApi, invalid, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/guards';

export interface PublicDecision {
  decision: Decision;
  /** The signed-in reader's own objections to this decision (the bureau resolves them elsewhere). */
  mine: Objection[];
}

/** The latest decision and, for a signed-in reader other than the bureau, their own objections to it; null when there is none. */
export async function publicDecision(api: Api, event: Pick<RequestEvent, 'locals'>, challengeId: string): Promise<PublicDecision | null> {
  let decision: Decision;
  try {
    decision = await api.decisions.get(challengeId);
  } catch (e) {
    if (isApiError(e) && e.status === 404) return null;
    throw e;
  }
  const me = event.locals.user;
  if (!me || me.user.role === 'bureau' || decision.kind !== 'award') return { decision, mine: [] };
  const { items } = await api.decisions.objections(challengeId);
  return { decision, mine: items.filter((o) => o.decisionId === decision.id) };
}

/** A signed-in reader objects during the notice period, with reasons (checked here first) and optional evidence. */
export async function fileObjection(event: RequestEvent, api: Api, challengeId: string) {
  requireUser(event);
  const data = await event.request.formData();
  const values = { reasons: text(data, 'reasons'), evidence: text(data, 'evidence') };
  const n = charCount(values.reasons);
  const issues: FormIssue[] = [];
  if (n < OBJECTION_LIMITS.reasons.min || n > OBJECTION_LIMITS.reasons.max) issues.push({ field: 'reasons', code: n === 0 ? 'required' : 'length', message: '' });
  if (charCount(values.evidence) > OBJECTION_LIMITS.evidence.max) issues.push({ field: 'evidence', code: 'length', message: '' });
  if (issues.length > 0) return invalid(event, issues, values, { action: 'object' });
  try {
    await api.decisions.object(challengeId, { reasons: values.reasons, ...(values.evidence ? { evidence: values.evidence } : {}) });
  } catch (e) {
    return failFromApi(event, e, values, { action: 'object' });
  }
  return { action: 'object' as const, done: true };
}
