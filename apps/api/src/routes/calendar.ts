import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemResponses } from '../schemas/common';
import { CalendarYearBody, CalendarYearView, YearParams } from '../schemas/calendar';
import { readCalendarYear, setCalendarYear } from '../services/calendar/calendar-year';

const tags = ['calendar'];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/calendar/:year', {
    config: { publicRead: true },
    schema: { tags, summary: 'The working-day calendar of one year (public): holidays and the weekend days worked in their place, by which notice periods are counted', params: YearParams, response: { 200: CalendarYearView, ...problemResponses } },
  }, async (request) => readCalendarYear(app.ctx, request.params.year));

  app.put('/calendar/:year', {
    preHandler: app.requireUser,
    schema: { tags, security: [{ bearer: [] }], summary: 'The bureau enters a year’s holidays and adjusted working days (replacing the year’s); audited', params: YearParams, body: CalendarYearBody, response: { 200: CalendarYearView, ...problemResponses } },
  }, async (request) => setCalendarYear(app.ctx, request.actor, request.params.year, request.body));
};

export default routes;
