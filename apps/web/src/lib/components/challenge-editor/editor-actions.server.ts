/**
 * The editor's form actions, shared by the new-challenge page and a draft's page: read the posted
 * form, apply an indicator-row button, store the draft (create or replace every field), upload a
 * chosen file, and submit when asked. Every refusal comes back with what was posted and the fields
 * named like the form's inputs.
 */
import { fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { FormFailure, FormProblem } from '$lib/forms';
import { createTranslator } from '$lib/server/i18n';
import { createApi, isApiError } from '$lib/server/api';
import { failFromApi } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { applyIndicatorOp, flattenValues, formField, inputIssues, parseIndicatorOp, toChallengeInput, valuesFromFormData } from './draft-form';

export type EditorMode = 'save' | 'submit' | 'upload';

export interface EditorFailure extends FormFailure {
  action: 'editor';
  /** The draft the action created before it was refused (new page): later posts edit it instead. */
  createdId?: string;
}

export interface EditorSuccess {
  action: 'editor';
  id: string;
  done: 'saved' | 'submitted' | 'uploaded' | 'rows';
}

function failure(status: number, values: Record<string, string>, problem: FormProblem, createdId: string | undefined): ActionFailure<EditorFailure> {
  return fail(status, { action: 'editor' as const, values, problem, ...(createdId ? { createdId } : {}) });
}

/** An API refusal with its fields renamed to the form's inputs (a failed upload is the file input's). */
function apiFailure(event: RequestEvent, e: unknown, values: Record<string, string>, createdId: string | undefined, upload = false): ActionFailure<EditorFailure> {
  const base = failFromApi(event, e, values);
  const problem = base.data.problem;
  let fields = problem.fields.map((f) => ({ ...f, field: formField(f.field) }));
  if (upload && isApiError(e)) {
    // The API names the body or the query of an upload, or no field at all (type, size, count).
    fields = fields.length > 0 ? fields.map((f) => ({ ...f, field: 'attachment' })) : [{ field: 'attachment', code: e.code, message: e.detail }];
  }
  return failure(base.status, values, { ...problem, fields }, createdId);
}

/**
 * One post of the editor. `id` is the draft's (null on the new page, unless an earlier post there
 * created one and was refused afterwards).
 */
export async function editorAction(event: RequestEvent, routeId: string | null, mode: EditorMode): Promise<EditorSuccess | ActionFailure<EditorFailure>> {
  requireRole(event, 'enterprise');
  const data = await event.request.formData();
  const posted = data.get('id');
  const createdId = routeId === null && typeof posted === 'string' && /^[0-9a-f-]{36}$/i.test(posted) ? posted : undefined;
  let id = routeId ?? createdId ?? null;

  const values = valuesFromFormData(data);
  const op = mode === 'save' ? parseIndicatorOp(typeof data.get('indicatorOp') === 'string' ? (data.get('indicatorOp') as string) : null) : null;
  if (op) values.indicators = applyIndicatorOp(values.indicators, op);
  const flat = flattenValues(values);

  const issues = inputIssues(values);
  if (issues.length > 0) {
    const t = createTranslator(event.locals.locale);
    return failure(422, flat, { title: t('form.invalidTitle'), detail: t('form.invalidDetail'), fields: issues.map((i) => ({ field: i.field, code: i.code, message: '' })) }, createdId);
  }

  const api = createApi(event);
  try {
    const input = toChallengeInput(values);
    if (id) await api.challenges.update(id, input);
    else id = (await api.challenges.create(input)).id;
  } catch (e) {
    return apiFailure(event, e, flat, createdId);
  }
  const kept = routeId === null ? id : undefined;

  const file = data.get('attachment');
  if (file instanceof File && file.name !== '') {
    try {
      await api.attachments.upload(id, file.name, new Uint8Array(await file.arrayBuffer()));
    } catch (e) {
      return apiFailure(event, e, flat, kept, true);
    }
  } else if (mode === 'upload') {
    const t = createTranslator(event.locals.locale);
    return failure(422, flat, { title: t('form.invalidTitle'), detail: t('form.invalidDetail'), fields: [{ field: 'attachment', code: 'required', message: '' }] }, kept);
  }

  if (mode === 'submit') {
    try {
      await api.challenges.submit(id);
    } catch (e) {
      return apiFailure(event, e, flat, kept);
    }
  }
  return { action: 'editor', id, done: op ? 'rows' : mode === 'submit' ? 'submitted' : mode === 'upload' ? 'uploaded' : 'saved' };
}
