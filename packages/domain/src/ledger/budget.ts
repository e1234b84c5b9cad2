import { AppError } from '../errors';
import { fundAvailable, WORLD } from './accounts';
import { balanceOf, type Balances } from './balances';
import { buildTransfer, move, requireAmountFen } from './build';
import type { Transfer } from './transfer';

export interface BudgetSetInput {
  readonly id: string;
  readonly fiscalYear: number;
  /** The year's special-fund budget from now on. */
  readonly budgetFen: number;
  /** The budget set so far (0 for a new year): the transfer moves only the difference. */
  readonly previousBudgetFen: number;
}

/**
 * Finance sets a fiscal year's special-fund budget (api.md `POST /api/funds`). Raising it brings money
 * in from the outside world; lowering it sends back only what is not reserved, because reservations
 * never exceed the year's budget: lowering below them is refused with `insufficient_budget`.
 * Null when the budget does not change.
 */
export function budgetSetTransfer(input: BudgetSetInput, balances: Balances): Transfer | null {
  const budget = requireAmountFen('budgetFen', input.budgetFen);
  const previous = requireAmountFen('previousBudgetFen', input.previousBudgetFen);
  const year = fundAvailable(input.fiscalYear);
  const available = balanceOf(balances, year);
  const change = budget - previous;
  if (change < 0 && available < -change) {
    throw new AppError('insufficient_budget', { fiscalYear: input.fiscalYear, availableFen: available, neededFen: -change });
  }
  return buildTransfer(input.id, 'budget_set', { type: 'fiscal_year', id: String(input.fiscalYear) }, move(WORLD, year, change));
}
