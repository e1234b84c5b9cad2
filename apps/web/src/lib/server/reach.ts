import { isApiError } from './api';

/**
 * A mail link's own refusal (spent, expired, not signed by us, or mail not set up): the page shows
 * its invalid-link state rather than a form error.
 */
export const isLinkRefusal = (e: unknown): boolean =>
  isApiError(e) && (e.code === 'link_invalid' || e.status === 400 || e.status === 404 || (e.status === 422 && !e.errors?.some((f) => /password/.test(f.field))));
