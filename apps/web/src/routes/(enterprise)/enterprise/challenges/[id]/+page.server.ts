import type { RequestEvent } from '@sveltejs/kit';
import { amendAction, cancelAction } from '$lib/components/challenge-editor/decision-actions.server';
import { editorAction, type EditorMode } from '$lib/components/challenge-editor/editor-actions.server';
import { loadManagedChallenge } from '$lib/server/challenges';
import { requireRole } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

const DONE = ['saved', 'submitted', 'uploaded'] as const;

/** The organisation's own challenge: editable while a draft, read-only (with its state) after. */
export const load: PageServerLoad = async (event) => {
  requireRole(event, 'enterprise');
  const challenge = await loadManagedChallenge(event);
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
