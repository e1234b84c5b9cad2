import { redirect, type RequestEvent } from '@sveltejs/kit';
import { editorAction, type EditorMode } from '$lib/components/challenge-editor/editor-actions.server';
import { requireRole } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
  const me = requireRole(event, 'enterprise');
  return { now: new Date().toISOString(), verified: me.organization?.status === 'verified' };
};

/** The first save creates the draft; from then on it lives at its own address. */
const act = (mode: EditorMode) => async (event: RequestEvent) => {
  const result = await editorAction(event, null, mode);
  if ('done' in result) redirect(303, `/enterprise/challenges/${result.id}${result.done === 'rows' ? '' : `?done=${result.done}`}`);
  return result;
};

export const actions: Actions = { save: act('save'), submit: act('submit'), upload: act('upload') };
