/** Turning form posts into API calls and API refusals into form failures. */
import { error, fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { FormFailure, FormIssue } from '$lib/forms';
import { normalizeField } from '$lib/forms';
import { createTranslator } from '$lib/server/i18n';
import { isApiError } from './api';
import { loginUrl } from './guards';

/** A trimmed text field; '' when absent. */
export const text = (data: FormData, name: string): string => {
  const v = data.get(name);
  return typeof v === 'string' ? v.trim() : '';
};

/** A password is taken as typed. */
export const raw = (data: FormData, name: string): string => {
  const v = data.get(name);
  return typeof v === 'string' ? v : '';
};

/** Drops empty strings so the API reports a missing field as required rather than too short. */
export const optional = (v: string): string | undefined => (v === '' ? undefined : v);

/**
 * The body without empty fields: the API then reports every missing field as required, together
 * with its other findings, in one answer. (Typed as the full input: the API is the judge.)
 */
export function compact<T extends object>(body: { [K in keyof T]: T[K] | '' | undefined }): T {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== '' && v !== undefined)) as T;
}

type Extra = Pick<FormFailure, 'action' | 'target'>;

/** A refusal decided here, before calling the API (e.g. an empty required field). */
export function invalid(event: Pick<RequestEvent, 'locals'>, issues: FormIssue[], values?: Record<string, string>, extra?: Extra): ActionFailure<FormFailure> {
  const t = createTranslator(event.locals.locale);
  return fail(422, { values, ...extra, problem: { title: t('form.invalidTitle'), detail: t('form.invalidDetail'), fields: issues } });
}

/**
 * An API refusal as a form failure (fields keyed like the form's inputs). A lost session sends the
 * user to sign in; anything unexpected becomes the error page.
 */
export function failFromApi(event: Pick<RequestEvent, 'locals' | 'url'>, e: unknown, values?: Record<string, string>, extra?: Extra): ActionFailure<FormFailure> {
  if (!isApiError(e)) throw e;
  if (e.status === 401 && e.code !== 'invalid_credentials' && e.code !== 'account_disabled') redirect(303, loginUrl(event.url));
  if (e.status >= 500) error(e.status, { message: e.detail });
  const fields = (e.errors ?? []).map((f) => ({ ...f, field: normalizeField(f.field) }));
  return fail(e.status, { values, ...extra, problem: { title: e.title, detail: e.detail, code: e.code, fields } } satisfies FormFailure);
}

/**
 * An API refusal while loading a page: a lost session sends the user to sign in; anything else is
 * the error page, with the API's localised explanation.
 */
export function loadFailed(event: Pick<RequestEvent, 'url'>, e: unknown): never {
  if (!isApiError(e)) throw e;
  if (e.status === 401) redirect(303, loginUrl(event.url));
  error(e.status >= 400 && e.status <= 599 ? e.status : 502, { message: e.detail });
}
