import { proxyDownload } from '$lib/server/download';
import type { RequestHandler } from './$types';

/** A file of a challenge: the API lets whoever may read the challenge's details read it. */
export const GET: RequestHandler = (event) => proxyDownload(event, event.params.attachmentId, `/challenges/${encodeURIComponent(event.params.id)}`);
