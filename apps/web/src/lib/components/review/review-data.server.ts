/** What the review pages load besides their main data, and the form failures mapped onto their inputs. */
import { error, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { FormFailure } from '$lib/forms';
import { createTranslator } from '$lib/server/i18n';
import type { OrgNames } from '$lib/review';
import type { Api } from '$lib/server/api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from the URL, or the 404 page: a malformed id never reaches the API. */
export function uuidParam(event: Pick<RequestEvent, 'locals'>, value: string | undefined): string {
  if (!value || !UUID.test(value)) error(404, { message: createTranslator(event.locals.locale)('errors.notFound') });
  return value;
}

/** At most this many pages of 100 organisations are read to name experts' employers. */
const MAX_ORG_PAGES = 10;

/**
 * Every registered organisation's names by id (the bureau reads all statuses): to name an expert's
 * employer and to offer it in the profile form. The API has no look-up by several ids.
 */
export async function organizationNames(api: Api): Promise<{ byId: Record<string, OrgNames>; complete: boolean }> {
  const byId: Record<string, OrgNames> = {};
  for (let page = 1; page <= MAX_ORG_PAGES; page++) {
    const list = await api.organizations.list({ page, pageSize: 100 });
    for (const o of list.items) byId[o.id] = { nameZh: o.nameZh, nameEn: o.nameEn };
    if (page * list.pageSize >= list.total) return { byId, complete: true };
  }
  return { byId, complete: false };
}

/** A failure with the API's field names rewritten to the form's input names. */
export function withInputNames(failure: ActionFailure<FormFailure>, toInput: (field: string) => string): ActionFailure<FormFailure> {
  failure.data.problem.fields = failure.data.problem.fields.map((f) => ({ ...f, field: toInput(f.field) }));
  return failure;
}
