import { error, type RequestEvent } from '@sveltejs/kit';
import { createTranslator } from '$lib/server/i18n';
import type { ChallengeManage } from '$lib/types';
import { createApi } from './api';
import { loadFailed } from './forms';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The 404 page for a challenge id that is malformed, unknown, or not the reader's to see here. */
export function challengeNotFound(event: Pick<RequestEvent, 'locals'>): never {
  error(404, { message: createTranslator(event.locals.locale)('errors.notFound') });
}

/** A challenge id from the URL, or the 404 page: a malformed id never reaches the API. */
export function challengeIdParam(event: Pick<RequestEvent, 'locals' | 'params'>): string {
  const id = event.params.id ?? '';
  if (!UUID.test(id)) challengeNotFound(event);
  return id;
}

/**
 * A challenge as its owner organisation or the bureau manage it (the `manage` view). Anyone else's
 * challenge — even a published one — is not managed here, so it is the 404 page.
 */
export async function loadManagedChallenge(event: RequestEvent): Promise<ChallengeManage> {
  const id = challengeIdParam(event);
  let challenge;
  try {
    challenge = await createApi(event).challenges.get(id);
  } catch (e) {
    loadFailed(event, e);
  }
  if (challenge.view !== 'manage') challengeNotFound(event);
  return challenge;
}
