import { loadApplicationPage, saveStep, submitApplication, uploadAttachment, withdrawApplication } from '$lib/server/applications';
import type { Actions, PageServerLoad } from './$types';

/** One application of the solver's organisation: the multi-step form while editable, else read-only. */
export const load: PageServerLoad = (event) => loadApplicationPage(event);

export const actions: Actions = {
  save: (event) => saveStep(event, 'save'),
  autosave: (event) => saveStep(event, 'autosave'),
  submit: (event) => submitApplication(event),
  withdraw: (event) => withdrawApplication(event),
  upload: (event) => uploadAttachment(event),
};
