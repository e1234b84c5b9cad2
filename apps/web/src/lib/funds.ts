/**
 * The district's special fund (专项资金) as the API answers it (apps/api/src/schemas/ledger.ts): each
 * fiscal year's budget set by the Finance Bureau, what of it is reserved for approved challenges and
 * what is not, and the ledger check. How the budgets page reads its form, names its problems and
 * draws its bars; no server code here (the unit tests and browser tests import it as it is).
 */
import { parseAccountKey, parseYuanToFen } from '@challenge/domain';
import { formatMoney } from './format';
import type { Locale, Translate } from './i18n';
import type { ProjectView, QueuedRelease, ReleaseState } from './projects';

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

// ---------------------------------------------------------------------------------------------
// The disbursement queue (`GET /api/releases`) and the ledger (`GET /api/ledger`).

/** `GET /api/ledger` (apps/api/src/schemas/ledger.ts LedgerView). */
export interface LedgerAccount {
  key: string;
  kind: string;
  balanceFen: number;
}
export interface LedgerEntry {
  account: string;
  /** Positive: money arrives in the account; negative: it leaves. */
  amountFen: number;
}
export interface LedgerTransfer {
  id: string;
  kind: string;
  cause: { type: string; id: string };
  paymentReference: string | null;
  at: string;
  entries: LedgerEntry[];
}
export interface LedgerView {
  accounts: LedgerAccount[];
  transfers: { items: LedgerTransfer[]; total: number; page: number; pageSize: number };
}

export const LEDGER_PAGE_SIZE = 20;
/** The API's bound on the account filter (LedgerQuery). */
export const LEDGER_FILTER_MAX = 100;

/** The order the balances are shown in: the fund's money from the budget to the solver, the outside world last. */
export const ACCOUNT_GROUPS = ['fund_available', 'fund_reserved', 'enterprise_committed', 'project_funds', 'release_payable', 'release_disbursed', 'paid_out', 'world'] as const;
export type AccountGroup = (typeof ACCOUNT_GROUPS)[number] | 'unknown';
export const TRANSFER_KIND_NAMES = ['budget_set', 'reserve', 'commit', 'finalize', 'release', 'disburse', 'confirm', 'reverse_disbursement', 'return_unspent'] as const;
export const CAUSE_TYPES = ['fiscal_year', 'challenge', 'project', 'milestone', 'release'] as const;

/** The first eight characters of an id: enough to tell ids apart on a page, with the whole id kept in the key. */
export const shortId = (id: string): string => id.slice(0, 8);

/** The accounts grouped by kind, in ACCOUNT_GROUPS order (keys no account kind knows last); empty groups left out. */
export function accountGroups(accounts: readonly LedgerAccount[]): { group: AccountGroup; accounts: LedgerAccount[]; totalFen: number }[] {
  const groupOf = (a: LedgerAccount): AccountGroup => (ACCOUNT_GROUPS as readonly string[]).includes(a.kind) ? (a.kind as AccountGroup) : 'unknown';
  return [...ACCOUNT_GROUPS, 'unknown' as const]
    .map((group) => {
      const members = accounts.filter((a) => groupOf(a) === group);
      return { group, accounts: members, totalFen: members.reduce((s, a) => s + a.balanceFen, 0) };
    })
    .filter((g) => g.accounts.length > 0);
}

/** An account in words ("Special fund 2026, not reserved"), with the project it belongs to, if any; an unknown key as it is. */
export function accountName(t: Translate, key: string): { text: string; projectId?: string } {
  const a = parseAccountKey(key);
  if (!a) return { text: key };
  switch (a.kind) {
    case 'world':
      return { text: t('funds.ledger.accounts.world') };
    case 'fund_available':
      return { text: t('funds.ledger.accounts.fund_available', { year: a.fiscalYear }) };
    case 'fund_reserved':
      return { text: t('funds.ledger.accounts.fund_reserved', { year: a.fiscalYear, challenge: shortId(a.challengeId) }) };
    case 'enterprise_committed':
      return { text: t('funds.ledger.accounts.enterprise_committed', { challenge: shortId(a.challengeId) }) };
    case 'project_funds':
    case 'paid_out':
      return { text: t(`funds.ledger.accounts.${a.kind}`, { project: shortId(a.projectId), source: t(`projects.sources.${a.source}`) }), projectId: a.projectId };
    case 'release_payable':
    case 'release_disbursed':
      return { text: t(`funds.ledger.accounts.${a.kind}`, { release: shortId(a.releaseId) }) };
  }
}

/** A transfer's kind in words; an unknown kind as it is. */
export const transferKindName = (t: Translate, kind: string): string =>
  (TRANSFER_KIND_NAMES as readonly string[]).includes(kind) ? t(`funds.ledger.kinds.${kind as (typeof TRANSFER_KIND_NAMES)[number]}`) : kind;

/** A transfer's cause in words ("Project 1a2b3c4d"), and the project page it leads to. */
export function causeName(t: Translate, cause: { type: string; id: string }): { text: string; projectId?: string } {
  if (!(CAUSE_TYPES as readonly string[]).includes(cause.type)) return { text: `${cause.type} ${cause.id}` };
  const id = cause.type === 'fiscal_year' ? cause.id : shortId(cause.id);
  return { text: t(`funds.ledger.causes.${cause.type as (typeof CAUSE_TYPES)[number]}`, { id }), ...(cause.type === 'project' ? { projectId: cause.id } : {}) };
}

/** An entry's amount with its sign: `+12 万元` arriving, `-12 万元` leaving. */
export const signedMoney = (fen: number, locale: Locale): string => (fen > 0 ? `+${formatMoney(fen, locale)}` : formatMoney(fen, locale));

/** `?account=` as the API takes it (trimmed, at most its length); empty for none. */
export const ledgerFilter = (text: string | null): string => (text ?? '').trim().slice(0, LEDGER_FILTER_MAX);

/** `?page=`: a whole number from 1; anything else is the first page. */
export function pageParam(text: string | null): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

/** A row of the disbursement queue: the release, its project and milestone (when the project could be read), and the enterprise share's state. */
export interface QueueRow {
  release: QueuedRelease;
  project: Pick<ProjectView, 'id' | 'challenge' | 'organization'> | null;
  milestone: { position: number; title: string } | null;
  /** The same milestone's enterprise release: null when there is none (or the project could not be read). */
  enterpriseState: ReleaseState | null;
}

export function queueRows(items: readonly QueuedRelease[], projects: readonly (ProjectView | null)[]): QueueRow[] {
  return items.map((release) => {
    const p = projects.find((x) => x?.id === release.projectId) ?? null;
    const m = p?.milestones.find((x) => x.id === release.milestoneId);
    const enterprise = p?.releases.find((x) => x.milestoneId === release.milestoneId && x.source === 'enterprise');
    return {
      release,
      project: p && { id: p.id, challenge: p.challenge, organization: p.organization },
      milestone: m ? { position: m.position, title: m.title } : null,
      enterpriseState: enterprise?.state ?? null,
    };
  });
}

/** What is waiting and what of it may be paid now. */
export function queueTotals(items: readonly QueuedRelease[]): { count: number; fen: number; readyCount: number; readyFen: number } {
  const ready = items.filter((r) => r.ready);
  return { count: items.length, fen: items.reduce((s, r) => s + r.amountFen, 0), readyCount: ready.length, readyFen: ready.reduce((s, r) => s + r.amountFen, 0) };
}

/** Whole days from `since` to `now` (never negative). */
export const daysBetween = (since: string, now: string): number => Math.max(0, Math.floor((new Date(now).getTime() - new Date(since).getTime()) / 86_400_000));
