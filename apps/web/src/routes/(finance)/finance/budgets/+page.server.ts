import { currentCalendarYear } from '$lib/calendar';
import { budgetFieldToInput, budgetFromForm, parseFiscalYear, type BudgetFormValues } from '$lib/funds';
import { createApi, isApiError } from '$lib/server/api';
import { failFromApi, invalid, loadFailed, text } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

/**
 * 专项资金预算: each fiscal year's budget, reserved and available, and the ledger check, for the
 * Finance Bureau (which sets the budgets here) and the bureau (which reads them). `?year=` (a row's
 * "adjust" link) fills the form with that year and its budget.
 */
export const load: PageServerLoad = async (event) => {
  const me = requireRole(event, 'finance', 'bureau');
  const api = createApi(event);
  try {
    const [budgets, check] = await Promise.all([api.funds.budgets(), api.funds.check()]);
    return {
      budgets: budgets.items,
      check,
      canSet: me.user.role === 'finance',
      currentYear: currentCalendarYear(),
      chosenYear: parseFiscalYear(event.url.searchParams.get('year')),
    };
  } catch (e) {
    loadFailed(event, e);
  }
};

export const actions: Actions = {
  /** The Finance Bureau sets a year's budget (yuan in the form, fen to the API). */
  default: async (event) => {
    requireRole(event, 'finance');
    const data = await event.request.formData();
    const values: BudgetFormValues = { year: text(data, 'year'), amount: text(data, 'amount') };
    const parsed = budgetFromForm(values);
    if (!('year' in parsed)) return invalid(event, parsed.issues, { ...values });
    const api = createApi(event);
    try {
      const saved = await api.funds.setBudget(parsed.year, parsed.budgetFen);
      return { done: true as const, year: saved.year, budgetFen: saved.budgetFen };
    } catch (e) {
      const failure = failFromApi(event, e, { ...values });
      if (isApiError(e) && e.code === 'insufficient_budget') {
        // The problem names no amounts: what is reserved is read again, to say how low the budget may go.
        const reservedFen = await api.funds
          .budgets()
          .then((b) => b.items.find((i) => i.year === parsed.year)?.reservedFen)
          .catch(() => undefined);
        failure.data.problem.fields = [
          { field: 'amount', code: 'insufficient_budget', message: e.detail, params: { year: parsed.year, ...(reservedFen === undefined ? {} : { reservedFen }) } },
        ];
      } else {
        failure.data.problem.fields = failure.data.problem.fields.map((f) => ({ ...f, field: budgetFieldToInput(f.field) }));
      }
      return failure;
    }
  },
};
