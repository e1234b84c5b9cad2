/**
 * The district's special fund (专项资金) as the API answers it (apps/api/src/schemas/ledger.ts): each
 * fiscal year's budget set by the Finance Bureau, what of it is reserved for approved challenges and
 * what is not, and the ledger check. How the budgets page reads its form, names its problems and
 * draws its bars; no server code here (the unit tests and browser tests import it as it is).
 */
import { parseYuanToFen } from '@challenge/domain';
import { formatMoney } from './format';
import type { Locale, Translate } from './i18n';

/** `GET /api/budgets` item, `PUT /api/budgets/:year` answer. Amounts in integer fen. */
export interface Budget {
  year: number;
  budgetFen: number;
  /** Not yet reserved for any challenge. */
  availableFen: number;
  /** Reserved for challenges approved in the year (and what has moved on from there). */
  reservedFen: number;
  setAt: string;
}

export interface BudgetList {
  items: Budget[];
}

/** `GET /api/ledger/check`: every balance recomputed from the entries. */
export interface LedgerCheck {
  ok: boolean;
  accounts: number;
  transfers: number;
  entries: number;
  differences: { account: string; keptFen: number; recomputedFen: number }[];
  unbalancedTransfers: { transferId: string; sumFen: number }[];
  brokenRules: { rule: string; account: string; balanceFen: number }[];
}

/** The API's bounds on a fiscal year (YearParams in apps/api/src/schemas/ledger.ts). */
export const FUNDS_LIMITS = { minYear: 2000, maxYear: 2100 } as const;

/**
 * A problem of the budget form, as `$lib/forms`' FormIssue (the same shape; not imported, because the
 * browser tests load this module outside SvelteKit, where forms.ts's `$lib` alias is unknown).
 */
export interface BudgetIssue {
  field: string;
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

/** The budget form's inputs as posted. */
export type BudgetField = 'year' | 'amount';
export interface BudgetFormValues {
  year: string;
  amount: string;
}

/** A fiscal year as typed (half-width digits only); null when it is not one the API takes. */
export function parseFiscalYear(text: string | null | undefined): number | null {
  const s = (text ?? '').trim();
  if (!/^\d{4}$/.test(s)) return null;
  const year = Number(s);
  return year >= FUNDS_LIMITS.minYear && year <= FUNDS_LIMITS.maxYear ? year : null;
}

/** The posted form as the API's call, or every problem found before sending it (both inputs at once). */
export function budgetFromForm(values: BudgetFormValues): { year: number; budgetFen: number; issues: [] } | { issues: BudgetIssue[] } {
  const year = parseFiscalYear(values.year);
  const budgetFen = parseYuanToFen(values.amount);
  const issues: BudgetIssue[] = [];
  if (year === null) issues.push({ field: 'year', code: values.year.trim() === '' ? 'required' : 'invalid_year', message: '' });
  if (budgetFen === null) issues.push({ field: 'amount', code: values.amount.trim() === '' ? 'required' : 'invalid_yuan', message: '' });
  return year !== null && budgetFen !== null ? { year, budgetFen, issues: [] } : { issues };
}

/** The API's field names (`budgetFen` of the body, `year` of the path) as the form's inputs. */
export const budgetFieldToInput = (field: string): string => (field === 'budgetFen' ? 'amount' : field);

/** One problem of the budget form in a sentence, whichever side found it. */
export function budgetIssueText(t: Translate, issue: Pick<BudgetIssue, 'field' | 'code' | 'message' | 'params'>, locale: Locale): string {
  switch (`${issue.field}:${issue.code}`) {
    case 'year:required':
      return t('funds.issues.yearRequired');
    case 'year:invalid_year':
    case 'year:type':
    case 'year:minimum':
    case 'year:maximum':
      return t('funds.issues.yearInvalid', { min: FUNDS_LIMITS.minYear, max: FUNDS_LIMITS.maxYear });
    case 'amount:required':
      return t('funds.issues.amountRequired');
    case 'amount:invalid_yuan':
    case 'amount:type':
    case 'amount:minimum':
    case 'amount:maximum':
      return t('funds.issues.amountInvalid');
    case 'amount:insufficient_budget': {
      const year = issue.params?.year;
      const reserved = issue.params?.reservedFen;
      return typeof reserved === 'number' && year !== undefined
        ? t('funds.issues.belowReserved', { year, reserved: formatMoney(reserved, locale) })
        : issue.message || t('funds.issues.belowReservedPlain');
    }
    default:
      return issue.message || t('funds.issues.other');
  }
}

/** A share of the budget as a percentage in the reader's language (`37.5%`). */
export function percentText(partFen: number, wholeFen: number, locale: Locale): string {
  const share = wholeFen > 0 ? partFen / wholeFen : 0;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** A year's bar: its length against the largest budget, and its reserved and available parts, in percent of the track. */
export interface BudgetBar {
  year: number;
  lengthPct: number;
  reservedPct: number;
  availablePct: number;
}

export function budgetBars(items: readonly Budget[]): BudgetBar[] {
  const largest = Math.max(0, ...items.map((b) => b.budgetFen));
  const pct = (fen: number) => (largest > 0 ? Math.max(0, Math.min(100, (fen / largest) * 100)) : 0);
  return items.map((b) => {
    const reserved = Math.max(0, Math.min(b.reservedFen, b.budgetFen));
    return { year: b.year, lengthPct: pct(b.budgetFen), reservedPct: pct(reserved), availablePct: pct(b.budgetFen - reserved) };
  });
}
