import { proxyDownload } from '$lib/server/download';
import type { RequestHandler } from './$types';

/**
 * A file of an application. The API decides who may read it: the applicant (every file of its
 * draft); the bureau, the owner after the deadline and an expert reviewing it (the files of the
 * latest submitted version).
 */
export const GET: RequestHandler = (event) => proxyDownload(event, event.params.attachmentId, `/applications/${encodeURIComponent(event.params.id)}`);
