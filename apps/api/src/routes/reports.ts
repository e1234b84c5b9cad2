import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { negotiateLocale } from '../http/locale';
import { problemResponses } from '../schemas/common';
import { DashboardView, PortfolioQuery, ReportParams } from '../schemas/reports';
import { readDashboard } from '../services/reports/dashboard';
import { mayExport, mayReadPersonalData, reportSource, type ReportKind } from '../services/reports/export-kinds';
import { csvStream, xlsxStream } from '../services/reports/export-writers';

const tags = ['reports'];
const security = [{ bearer: [] }];

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/dashboard', {
    preHandler: app.requireUser,
    schema: {
      tags, security, summary: 'The bureau’s portfolio figures, by fiscal year and industry: stages, money by source, overdue milestones, time to award, applicants, leaders',
      querystring: PortfolioQuery, response: { 200: DashboardView, ...problemResponses },
    },
  }, async (request) => readDashboard(app.ctx, request.actor, request.query));

  app.get('/reports/:file', {
    preHandler: app.requireUser,
    schema: {
      tags, security,
      summary: 'An export (challenges, applications, projects, releases, ledger) as CSV (UTF-8 with BOM) or XLSX, streamed, with the dashboard’s filters (bureau; finance: releases and ledger)',
      params: ReportParams, querystring: PortfolioQuery, response: problemResponses,
    },
  }, async (request, reply) => {
    const [kind, format] = request.params.file.split('.') as [ReportKind, 'csv' | 'xlsx'];
    // Refused before the first byte: once the stream starts, the status is sent.
    mayExport(request.actor, kind);
    const locale = negotiateLocale(request.headers['accept-language']);
    const { year, industry } = request.query;
    const source = reportSource(kind, { year, industry }, locale, mayReadPersonalData(request.actor));
    const filename = [kind, year ?? 'all', industry].filter(Boolean).join('-') + `.${format}`;
    reply.header('content-type', CONTENT_TYPES[format]).header('content-disposition', `attachment; filename="${filename}"`);
    return reply.send(format === 'csv' ? csvStream(app.ctx, source, locale) : xlsxStream(app.ctx, source, locale, kind));
  });
};

export default routes;
