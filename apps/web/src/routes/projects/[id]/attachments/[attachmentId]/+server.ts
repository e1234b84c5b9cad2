import { proxyDownload } from '$lib/server/download';
import type { RequestHandler } from './$types';

/** A deliverable file of a project's milestone: the API lets the project's parties, the bureau and finance read it. */
export const GET: RequestHandler = (event) => proxyDownload(event, event.params.attachmentId, `/projects/${encodeURIComponent(event.params.id)}`);
