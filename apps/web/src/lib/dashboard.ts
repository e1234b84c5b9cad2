/**
 * The bureau's dashboard as the API answers it (apps/api/src/schemas/reports.ts `DashboardView`), the
 * filters as the page's GET form carries them, and the export links. No server code here.
 */
export const INDUSTRIES = ['metallurgy_new_materials', 'high_end_equipment'] as const;
export type Industry = (typeof INDUSTRIES)[number];
export const REPORT_KINDS = ['challenges', 'applications', 'projects', 'releases', 'ledger'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_FORMATS = ['csv', 'xlsx'] as const;
/** The API's bounds on a fiscal year. */
export const YEAR_LIMITS = { min: 2000, max: 2100 } as const;

interface OrgRef { id: string; nameZh: string | null; nameEn: string | null }
export interface StageFigures { funnel: { stage: string; challenges: number }[]; failed: number; cancelled: number }
export interface MoneyBySource {
  source: 'enterprise' | 'special_fund';
  budgetedFen: number | null;
  reservedFen: number; awardedFen: number; releasedFen: number; paidFen: number; confirmedFen: number;
}
export interface OverdueMilestone {
  milestoneId: string; title: string; position: number; dueDate: string; state: string; daysOverdue: number; projectId: string;
  challenge: { id: string; titleZh: string; titleEn: string | null };
  owner: OrgRef; solver: OrgRef;
}
export interface Dashboard {
  filter: { year: number | null; industry: string | null };
  asOf: string;
  today: string;
  stages: StageFigures & { byIndustry: (StageFigures & { industry: Industry })[] };
  money: MoneyBySource[];
  /** How many are overdue, and the oldest of them. */
  overdue: { total: number; items: OverdueMilestone[] };
  /** Over every challenge awarded; `slowest` names the few that took longest. */
  timeToAward: {
    awarded: number; medianDays: number | null; meanDays: number | null;
    distribution: { from: number; to: number | null; challenges: number }[];
    slowest: { challengeId: string; titleZh: string; titleEn: string | null; publishedAt: string; awardedAt: string; days: number }[];
  };
  applications: {
    total: number; perChallengeMean: number | null;
    distribution: { from: number; to: number | null; challenges: number }[];
    byCountry: { key: string; applications: number; organizations: number }[];
    byKind: { key: string; applications: number; organizations: number }[];
  };
  leadingEnterprises: (OrgRef & { challenges: number; bountyFen: number })[];
  leadingSolvers: (OrgRef & { country: string; kind: string; awards: number; awardedFen: number })[];
}

export interface DashboardFilter { year?: number; industry?: Industry }

/** The filters from the address: what is not a year or an industry the API takes is left out (and said so). */
export function dashboardFilter(params: URLSearchParams): { filter: DashboardFilter; ignored: boolean } {
  const filter: DashboardFilter = {};
  let ignored = false;
  const year = params.get('year')?.trim();
  if (year) {
    const n = /^\d{4}$/.test(year) ? Number(year) : NaN;
    if (n >= YEAR_LIMITS.min && n <= YEAR_LIMITS.max) filter.year = n; else ignored = true;
  }
  const industry = params.get('industry')?.trim();
  if (industry) {
    if ((INDUSTRIES as readonly string[]).includes(industry)) filter.industry = industry as Industry; else ignored = true;
  }
  return { filter, ignored };
}

/** The filters as a query string (`?year=2026&industry=…`, or '' for none), for the export links. */
export function filterQuery(filter: DashboardFilter): string {
  const p = new URLSearchParams();
  if (filter.year !== undefined) p.set('year', String(filter.year));
  if (filter.industry) p.set('industry', filter.industry);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Where the web app serves an export (proxied to the API with the reader's token). */
export const exportHref = (kind: ReportKind, format: (typeof REPORT_FORMATS)[number], filter: DashboardFilter) => `/bureau/dashboard/export/${kind}.${format}${filterQuery(filter)}`;

/** A bar's length in percent of the largest value (0 when all are 0). */
export function barPercent(value: number, max: number): number {
  return max <= 0 ? 0 : Math.round((value / max) * 1000) / 10;
}

/** An organisation's name in the reader's language, the other when it has none in it. */
export const orgName = (o: { nameZh: string | null; nameEn: string | null }, locale: string) =>
  (locale === 'en' ? (o.nameEn ?? o.nameZh) : (o.nameZh ?? o.nameEn)) ?? '—';
