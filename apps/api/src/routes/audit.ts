import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditFacets, AuditPage, AuditQuery, AuditVerification } from '../schemas/audit';
import { problemResponses } from '../schemas/common';
import { auditFacets, readAudit } from '../services/audit/read-audit';
import { verifyAudit } from '../services/audit/verify-audit';

const tags = ['audit'];
const security = [{ bearer: [] }];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/audit', {
    preHandler: app.requireUser,
    schema: {
      tags, security, summary: 'Bureau: the audit log, newest first, by entity, actor (id or e-mail), action and time; personal fields by name only',
      querystring: AuditQuery, response: { 200: AuditPage, ...problemResponses },
    },
  }, async (request) => {
    const { page = 1, pageSize = 20, ...filter } = request.query;
    return readAudit(app.ctx, request.actor, { ...filter, page, pageSize });
  });

  app.get('/audit/facets', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'Bureau: the entity types and actions the log holds, for filters', response: { 200: AuditFacets, ...problemResponses } },
  }, async (request) => auditFacets(app.ctx, request.actor));

  app.get('/audit/verify', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: "Bureau: recompute the audit log's hash chain", response: { 200: AuditVerification, ...problemResponses } },
  }, async (request) => verifyAudit(app.ctx, request.actor));
};

export default routes;
