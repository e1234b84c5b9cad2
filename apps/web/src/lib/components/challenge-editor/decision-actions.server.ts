/**
 * Form actions on a submitted or published challenge, shared by the owner's page and the bureau's:
 * cancel with a reason, amend (clarification; deadline extension by the bureau), and the bureau's
 * approve (special fund in yuan), return with reasons and close. Each checks what it can before
 * calling the API (which decides), and answers a refusal with the posted values and field errors.
 */
import { parseYuanToFen } from '@challenge/domain';
import type { ActionFailure, RequestEvent } from '@sveltejs/kit';
import type { FormFailure, FormIssue } from '$lib/forms';
import { createApi } from '$lib/server/api';
import { failFromApi, invalid, text } from '$lib/server/forms';
import type { AmendmentKind } from '$lib/types';
import { instantFromBeijing } from './draft-form';

export type DecisionAction = 'cancel' | 'amend' | 'approve' | 'return' | 'close';
export type DecisionFailure = FormFailure & { action: DecisionAction };
export type DecisionResult = { action: DecisionAction; done: true } | ActionFailure<DecisionFailure>;

const REASON = { min: 2, max: 2000 };
const reasonIssue = (field: string, value: string): FormIssue | null =>
  value.length < REASON.min || value.length > REASON.max ? { field, code: 'reason_length', message: '' } : null;

async function attempt(event: RequestEvent, action: DecisionAction, values: Record<string, string>, issues: (FormIssue | null)[], call: () => Promise<unknown>): Promise<DecisionResult> {
  const found = issues.filter((i): i is FormIssue => i !== null);
  if (found.length > 0) return invalid(event, found, values, { action }) as ActionFailure<DecisionFailure>;
  try {
    await call();
  } catch (e) {
    const failed = failFromApi(event, e, values, { action }) as ActionFailure<DecisionFailure>;
    failed.data.problem.fields = failed.data.problem.fields.map((f) => ({ ...f, field: f.field === 'specialFundFen' ? 'specialFund' : f.field }));
    return failed;
  }
  return { action, done: true };
}

export async function cancelAction(event: RequestEvent, id: string): Promise<DecisionResult> {
  const data = await event.request.formData();
  const reason = text(data, 'reason');
  return attempt(event, 'cancel', { reason }, [reasonIssue('reason', reason)], () => createApi(event).challenges.cancel(id, reason));
}

export async function returnAction(event: RequestEvent, id: string): Promise<DecisionResult> {
  const data = await event.request.formData();
  const reason = text(data, 'reason');
  return attempt(event, 'return', { reason }, [reasonIssue('reason', reason)], () => createApi(event).challenges.return(id, reason));
}

export async function approveAction(event: RequestEvent, id: string): Promise<DecisionResult> {
  const data = await event.request.formData();
  const values = { specialFund: text(data, 'specialFund'), note: text(data, 'note') };
  const fen = parseYuanToFen(values.specialFund);
  const issues = [
    values.specialFund === '' ? { field: 'specialFund', code: 'required', message: '' } : fen === null ? { field: 'specialFund', code: 'invalid_yuan', message: '' } : null,
    values.note ? reasonIssue('note', values.note) : null,
  ];
  return attempt(event, 'approve', values, issues, () => createApi(event).challenges.approve(id, { specialFundFen: fen ?? 0, ...(values.note ? { note: values.note } : {}) }));
}

export async function closeAction(event: RequestEvent, id: string): Promise<DecisionResult> {
  return attempt(event, 'close', {}, [], () => createApi(event).challenges.close(id));
}

export async function amendAction(event: RequestEvent, id: string): Promise<DecisionResult> {
  const data = await event.request.formData();
  const values = { kind: text(data, 'kind'), textZh: text(data, 'textZh'), textEn: text(data, 'textEn'), newDeadlineDate: text(data, 'newDeadlineDate'), newDeadlineTime: text(data, 'newDeadlineTime') };
  const kind: AmendmentKind = values.kind === 'deadline_extension' ? 'deadline_extension' : 'clarification';
  const extension = kind === 'deadline_extension';
  const newDeadline = extension ? instantFromBeijing(values.newDeadlineDate, values.newDeadlineTime) : null;
  const textIssue = (field: string, value: string): FormIssue | null =>
    value.length < 2 || value.length > 5000 ? { field, code: value ? 'text_length' : 'required', message: '' } : null;
  const issues = [
    textIssue('textZh', values.textZh),
    values.textEn ? textIssue('textEn', values.textEn) : null,
    extension && !newDeadline ? { field: 'newDeadline', code: values.newDeadlineDate ? 'invalid_deadline' : 'required', message: '' } : null,
  ];
  return attempt(event, 'amend', values, issues, () =>
    createApi(event).challenges.amend(id, { kind, textZh: values.textZh, ...(values.textEn ? { textEn: values.textEn } : {}), ...(newDeadline ? { newDeadline } : {}) }),
  );
}
