import { MAX_AMOUNT_FEN } from '@challenge/domain';
import { Type } from '@sinclair/typebox';
import { Instant, Page, PageQuery } from './common';

export const YearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });
export const BudgetBody = Type.Object(
  { budgetFen: Type.Integer({ minimum: 0, maximum: MAX_AMOUNT_FEN, description: 'the year’s special-fund budget in fen' }) },
  { additionalProperties: false },
);
export const BudgetView = Type.Object({
  year: Type.Integer(),
  budgetFen: Type.Integer(),
  availableFen: Type.Integer({ description: 'not yet reserved for any challenge' }),
  reservedFen: Type.Integer({ description: 'reserved for challenges approved in the year (and what has moved on from there)' }),
  setAt: Instant,
});
export const BudgetList = Type.Object({ items: Type.Array(BudgetView) });
export const LedgerCheck = Type.Object({
  ok: Type.Boolean(),
  accounts: Type.Integer(),
  transfers: Type.Integer(),
  entries: Type.Integer(),
  differences: Type.Array(Type.Object({ account: Type.String(), keptFen: Type.Integer(), recomputedFen: Type.Integer() })),
  unbalancedTransfers: Type.Array(Type.Object({ transferId: Type.String(), sumFen: Type.Integer() })),
  brokenRules: Type.Array(Type.Object({ rule: Type.String(), account: Type.String(), balanceFen: Type.Integer() })),
});

export const LedgerQuery = Type.Object(
  { account: Type.Optional(Type.String({ maxLength: 100, description: 'accounts whose key contains this (a kind, a year, an id)' })), ...PageQuery },
  { additionalProperties: false },
);
export const LedgerView = Type.Object({
  accounts: Type.Array(Type.Object({ key: Type.String(), kind: Type.String(), balanceFen: Type.Integer() })),
  transfers: Page(Type.Object({
    id: Type.String(), kind: Type.String(), cause: Type.Object({ type: Type.String(), id: Type.String() }), paymentReference: Type.Union([Type.String(), Type.Null()]), at: Instant,
    entries: Type.Array(Type.Object({ account: Type.String(), amountFen: Type.Integer() })),
  })),
});
