/**
 * The solver's application (揭榜) pages: starting one from a challenge, loading it with what its
 * form needs from the challenge, and the form's actions (save a step, autosave, submit, withdraw).
 * Every refusal comes back with the step's inputs as posted and the fields named like the inputs.
 */
import { error, fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { ApplicationView } from '$lib/apply';
import {
  applyRowOp,
  emptyValues,
  formField,
  LAST_STEP,
  parseRowOp,
  parseStep,
  stepPart,
  stepValuesFromFormData,
  toPatch,
  withStep,
  type ApplicationFormResult,
  type ApplicationProblem,
  type FormFieldIssue,
  type StepNumber,
  type StepValues,
} from '$lib/components/application/application-form';
import { createTranslator } from '$lib/server/i18n';
import type { Indicator } from '$lib/types';
import { createApi, isApiError } from './api';
import { failFromApi, loadFailed } from './forms';
import { requireRole, requireUser } from './guards';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function applicationIdParam(event: Pick<RequestEvent, 'locals' | 'params'>): string {
  const id = (event.params as { id?: string }).id ?? '';
  if (!UUID.test(id)) error(404, { message: createTranslator(event.locals.locale)('errors.notFound') });
  return id;
}

// ---- starting an application from the challenge page ----------------------------------------------------

/**
 * The organisation's active application to a challenge, if any. The API's 409 does not carry its id
 * in the problem body, so it is found in the organisation's list (newest activity first).
 */
async function findActiveApplication(event: RequestEvent, challengeId: string): Promise<string | null> {
  const api = createApi(event);
  for (let page = 1; page <= 20; page++) {
    const list = await api.applications.list({ page, pageSize: 100 });
    const found = list.items.find((a) => a.challenge.id === challengeId && a.state !== 'withdrawn');
    if (found) return found.id;
    if (page * list.pageSize >= list.total) break;
  }
  return null;
}

/**
 * "我要揭榜": a signed-in solver starts its organisation's application and goes to its form; when
 * the organisation already has one (409 `application_exists`), to that one.
 */
export async function applyToChallenge(event: RequestEvent, challengeId: string) {
  requireUser(event);
  let id: string | null = null;
  try {
    id = (await createApi(event).applications.create(challengeId)).id;
  } catch (e) {
    if (isApiError(e) && e.code === 'application_exists') id = await findActiveApplication(event, challengeId).catch(() => null);
    if (!id) return failFromApi(event, e, undefined, { action: 'apply' });
  }
  redirect(303, `/applications/${id}`);
}

// ---- the application page -------------------------------------------------------------------------------

const DONE = ['saved', 'submitted', 'withdrawn', 'uploaded'] as const;

export interface ApplicationPageData {
  application: ApplicationView;
  /** The challenge's indicators in order; null when its details are not visible to the reader. */
  indicators: Indicator[] | null;
  durationMonths: number | null;
  ownerOrganizationId: string | null;
  step: StepNumber;
  done: (typeof DONE)[number] | null;
  confirmWithdraw: boolean;
  /** Mark missing fields too: the reader followed a link from the list of what blocks submission. */
  check: boolean;
  /** The server's clock when the page was made (the checks before JavaScript runs). */
  now: string;
}

export async function loadApplicationPage(event: RequestEvent): Promise<ApplicationPageData> {
  requireRole(event, 'solver');
  const id = applicationIdParam(event);
  const api = createApi(event);
  let application: ApplicationView;
  try {
    application = await api.applications.get(id);
  } catch (e) {
    loadFailed(event, e);
  }
  // The indicators and the project term come from the challenge; the form still works without them.
  const challenge = await api.challenges.get(application.challenge.id).catch((e: unknown) => {
    if (!isApiError(e) || e.status >= 500) console.error('GET challenge for application failed', e);
    return null;
  });
  const details = challenge && challenge.view !== 'summary' ? challenge : null;
  const params = event.url.searchParams;
  const done = params.get('done');
  return {
    application,
    indicators: details ? [...details.indicators].sort((a, b) => a.position - b.position) : null,
    durationMonths: details?.durationMonths ?? null,
    ownerOrganizationId: challenge?.owner.id ?? null,
    step: parseStep(params.get('step')),
    done: DONE.find((d) => d === done) ?? null,
    confirmWithdraw: params.get('withdraw') === 'confirm',
    check: params.get('check') === '1',
    now: new Date().toISOString(),
  };
}

function refused(status: number, result: ApplicationFormResult & { problem: ApplicationProblem }): ActionFailure<ApplicationFormResult> {
  return fail(status, result);
}

function invalidInputs(event: RequestEvent, issues: FormFieldIssue[]): ApplicationProblem {
  const t = createTranslator(event.locals.locale);
  return { title: t('form.invalidTitle'), detail: t('form.invalidDetail'), fields: issues };
}

/** An API refusal with its fields renamed to the form's inputs (`requestedFen` → `requested`, …). */
function apiRefusal(event: RequestEvent, e: unknown, result: ApplicationFormResult): ActionFailure<ApplicationFormResult> {
  const base = failFromApi(event, e);
  const p = base.data.problem;
  return refused(base.status, { ...result, problem: { title: p.title, detail: p.detail, code: p.code, fields: p.fields.map((f) => ({ ...f, field: formField(f.field) })) } });
}

const pageOf = (id: string, step: number, extra = '') => `/applications/${id}?step=${step}${extra}`;

/**
 * Saves the posted step. `autosave` (the browser, a moment after typing stops) answers with when it
 * was stored; `save` (the step's buttons) goes on to the step asked for, or, for a row button
 * without JavaScript, comes back to the same step with the row added or removed (and saved).
 */
export async function saveStep(event: RequestEvent, mode: 'save' | 'autosave') {
  requireRole(event, 'solver');
  const id = applicationIdParam(event);
  const data = await event.request.formData();
  const step = parseStep(typeof data.get('step') === 'string' ? (data.get('step') as string) : event.url.searchParams.get('step'));
  const op = mode === 'save' ? parseRowOp(typeof data.get('op') === 'string' ? (data.get('op') as string) : null) : null;
  let values = withStep(emptyValues(), stepValuesFromFormData(data, step));
  if (op) values = applyRowOp(values, op);
  const posted: StepValues = stepPart(values, step);
  const action = mode === 'autosave' ? 'autosave' : 'save';

  const { patch, issues } = toPatch(values, step);
  if (issues.length > 0) return refused(422, { action, step, values: posted, problem: invalidInputs(event, issues) });

  let saved: ApplicationView | null = null;
  if (Object.keys(patch).length > 0) {
    try {
      saved = await createApi(event).applications.save(id, patch);
    } catch (e) {
      return apiRefusal(event, e, { action, step, values: posted });
    }
  }
  if (mode === 'autosave') {
    return { action, step, savedAt: saved?.updatedAt ?? null, unsubmittedChanges: saved?.unsubmittedChanges ?? null } satisfies ApplicationFormResult;
  }
  if (op) return { action: 'rows', step, values: posted } satisfies ApplicationFormResult;
  const go = data.get('go');
  const target = go === 'next' ? Math.min(step + 1, LAST_STEP) : go === 'prev' ? Math.max(step - 1, 1) : step;
  redirect(303, pageOf(id, target, '&done=saved'));
}

/** The most a file may weigh (the API's limit too; it says so in the same words). */
const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * "Save and upload" (the attachments part of step 4): saves the step's inputs as posted, so nothing
 * typed is lost, then sends the chosen file to the API. A refusal of the file is the file input's
 * (its type, its size, the number of files, the deadline), in the reader's words.
 */
export async function uploadAttachment(event: RequestEvent) {
  requireRole(event, 'solver');
  const id = applicationIdParam(event);
  const data = await event.request.formData();
  const step = parseStep(typeof data.get('step') === 'string' ? (data.get('step') as string) : event.url.searchParams.get('step'));
  const values = withStep(emptyValues(), stepValuesFromFormData(data, step));
  const posted: StepValues = stepPart(values, step);
  const result = { action: 'upload' as const, step, values: posted };

  const { patch, issues } = toPatch(values, step);
  if (issues.length > 0) return refused(422, { ...result, problem: invalidInputs(event, issues) });
  const api = createApi(event);
  if (Object.keys(patch).length > 0) {
    try {
      await api.applications.save(id, patch);
    } catch (e) {
      return apiRefusal(event, e, result);
    }
  }

  const file = data.get('attachment');
  const fileIssue = (code: string, message = ''): ActionFailure<ApplicationFormResult> =>
    refused(code === 'no_file' ? 422 : 413, { ...result, problem: invalidInputs(event, [{ field: 'attachment', code, message }]) });
  if (!(file instanceof File) || file.name === '') return fileIssue('no_file');
  if (file.size > ATTACHMENT_MAX_BYTES) return fileIssue('too_large');
  try {
    await api.attachments.uploadToApplication(id, file.name, new Uint8Array(await file.arrayBuffer()));
  } catch (e) {
    const base = failFromApi(event, e);
    const p = base.data.problem;
    // The API names the body or the query of an upload, or no field at all (type, size, count, deadline).
    const fields = p.fields.length > 0 ? p.fields.map((f) => ({ ...f, field: 'attachment' })) : [{ field: 'attachment', code: p.code ?? 'invalid', message: p.detail }];
    return refused(base.status, { ...result, problem: { title: p.title, detail: p.detail, code: p.code, fields } });
  }
  redirect(303, pageOf(id, step, '&done=uploaded#attachments'));
}

/** Submits: every rule at once; a refusal lists them all, each linked to its field on its step. */
export async function submitApplication(event: RequestEvent) {
  requireRole(event, 'solver');
  const id = applicationIdParam(event);
  try {
    await createApi(event).applications.submit(id);
  } catch (e) {
    return apiRefusal(event, e, { action: 'submit', step: LAST_STEP });
  }
  redirect(303, pageOf(id, LAST_STEP, '&done=submitted'));
}

/** Withdraws, after the confirmation step (`confirm=yes`, posted by the confirmation form only). */
export async function withdrawApplication(event: RequestEvent) {
  requireRole(event, 'solver');
  const id = applicationIdParam(event);
  const data = await event.request.formData();
  const step = parseStep(typeof data.get('step') === 'string' ? (data.get('step') as string) : null);
  if (data.get('confirm') !== 'yes') redirect(303, pageOf(id, step, '&withdraw=confirm#withdraw'));
  try {
    await createApi(event).applications.withdraw(id);
  } catch (e) {
    return apiRefusal(event, e, { action: 'withdraw', step });
  }
  redirect(303, `/applications/${id}?done=withdrawn`);
}
