import { error, type RequestEvent } from '@sveltejs/kit';
import { amendAction, cancelAction } from '$lib/components/challenge-editor/decision-actions.server';
import { editorAction, type EditorMode } from '$lib/components/challenge-editor/editor-actions.server';
import { createTranslator } from '$lib/i18n';
import { createApi } from '$lib/server/api';
import { loadFailed } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import type { ChallengeManage } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DONE = ['saved', 'submitted', 'uploaded'] as const;

/** The organisation's own challenge: editable while a draft, read-only (with its state) after. */
export const load: PageServerLoad = async (event) => {
  requireRole(event, 'enterprise');
  const notFound = () => error(404, { message: createTranslator(event.locals.locale)('errors.notFound') });
  if (!UUID.test(event.params.id)) notFound();
  let challenge: ChallengeManage;
  try {
    const c = await createApi(event).challenges.get(event.params.id);
    // Another organisation's challenge (even a published one) is not managed here.
    if (c.view !== 'manage') return notFound();
    challenge = c;
  } catch (e) {
    loadFailed(event, e);
  }
  const done = event.url.searchParams.get('done');
  return { challenge, now: new Date().toISOString(), done: DONE.find((d) => d === done) ?? null };
};

const edit = (mode: EditorMode) => (event: RequestEvent<{ id: string }>) => editorAction(event, event.params.id, mode);

export const actions: Actions = {
  save: edit('save'),
  submit: edit('submit'),
  upload: edit('upload'),
  cancel: (event) => {
    requireRole(event, 'enterprise');
    return cancelAction(event, event.params.id);
  },
  amend: (event) => {
    requireRole(event, 'enterprise');
    return amendAction(event, event.params.id);
  },
};
