import { createReadStream } from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '@challenge/domain';
import { AttachmentUploadQuery, AttachmentView } from '../schemas/challenges';
import { IdParams, problemResponses } from '../schemas/common';
import { attachmentView } from '../services/attachments/attachment-view';
import { readAttachment } from '../services/attachments/read-attachment';
import { ATTACHMENT_MAX_BYTES, uploadAttachment } from '../services/attachments/upload-attachment';

/** RFC 6266 / RFC 8187: an ASCII fallback and the exact name in UTF-8. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Uploads are the raw bytes (`application/octet-stream`; there is no multipart parser), at most
 * 10 MB — this parser exists only inside this plugin, so no other route accepts octet-stream.
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES }, (_request, body, done) => done(null, body));

  app.post('/attachments', {
    preHandler: app.requireUser,
    bodyLimit: ATTACHMENT_MAX_BYTES,
    schema: {
      tags: ['attachments'],
      summary: 'The owner attaches a file to a draft challenge: body = the file (application/octet-stream, ≤ 10 MB); PDF, PNG, JPEG, ZIP, DOCX, XLSX or plain UTF-8 text, detected from the content',
      querystring: AttachmentUploadQuery,
      response: { 201: AttachmentView, ...problemResponses },
    },
  }, async (request, reply) => {
    const bytes = request.body;
    if (!Buffer.isBuffer(bytes)) throw AppError.invalid([{ field: 'body', code: 'empty' }]);
    const row = await uploadAttachment(app.ctx, request.actor, { ...request.query, bytes });
    return reply.code(201).send(attachmentView(row));
  });

  app.get('/attachments/:id', {
    schema: {
      tags: ['attachments'],
      summary: 'Download, for whoever may read the parent challenge\'s details; always as an attachment, with the detected content type',
      params: IdParams,
      response: { ...problemResponses },
    },
  }, async (request, reply) => {
    const { attachment, path } = await readAttachment(app.ctx, request.actor, request.params.id);
    return reply
      .header('content-type', attachment.contentType)
      .header('content-length', String(attachment.sizeBytes))
      .header('content-disposition', contentDisposition(attachment.originalFilename))
      .header('x-content-type-options', 'nosniff')
      // Even if a browser were to render it, nothing in it may run or load.
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-store')
      .send(createReadStream(path));
  });
};

export default routes;
