import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdempotencyHeaders } from '../schemas/challenges';
import { problemResponses } from '../schemas/common';
import { BudgetBody, BudgetList, BudgetView, LedgerCheck, LedgerQuery, LedgerView, YearParams } from '../schemas/ledger';
import { listBudgets, setBudget } from '../services/ledger/budgets';
import { checkLedgerFor } from '../services/ledger/check-ledger';
import { readLedger } from '../services/ledger/read-ledger';

const tags = ['funds'];
const security = [{ bearer: [] }];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/budgets', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'Each fiscal year’s special-fund budget, reserved and available (finance, bureau)', response: { 200: BudgetList, ...problemResponses } },
  }, async (request) => ({ items: await listBudgets(app.ctx, request.actor) }));

  app.put('/budgets/:year', {
    preHandler: app.requireUser,
    config: { idempotent: true },
    schema: {
      tags, security, summary: 'The Finance Bureau sets a fiscal year’s special-fund budget; never below what is reserved',
      params: YearParams, headers: IdempotencyHeaders, body: BudgetBody, response: { 200: BudgetView, ...problemResponses },
    },
  }, async (request) => setBudget(app.ctx, request.actor, request.params.year, request.body.budgetFen, request.headers['idempotency-key']));

  app.get('/ledger', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'Balances by account and the transfers with their entries, newest first (finance, bureau)', querystring: LedgerQuery, response: { 200: LedgerView, ...problemResponses } },
  }, async (request) => {
    const { account, page = 1, pageSize = 20 } = request.query;
    return readLedger(app.ctx, request.actor, { account, page, pageSize });
  });

  app.get('/ledger/check', {
    preHandler: app.requireUser,
    schema: { tags, security, summary: 'Every balance recomputed from the entries and compared (bureau, finance); nothing changes', response: { 200: LedgerCheck, ...problemResponses } },
  }, async (request) => checkLedgerFor(app.ctx, request.actor));
};

export default routes;
