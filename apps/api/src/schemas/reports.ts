import { CHALLENGE_INDUSTRIES, FUNDING_SOURCES } from '@challenge/domain';
import { Type } from '@sinclair/typebox';
import { Instant, Literals, OrNull } from './common';

/** The dashboard's and the exports' filters: the fiscal year and the industry of the challenges. */
export const PortfolioQuery = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: 'fiscal year of the challenges (the year their special-fund match is charged to)' })),
    industry: Type.Optional(Literals(CHALLENGE_INDUSTRIES)),
  },
  { additionalProperties: false },
);

export const REPORT_KINDS = ['challenges', 'applications', 'projects', 'releases', 'ledger'] as const;
export const REPORT_FORMATS = ['csv', 'xlsx'] as const;
export const ReportParams = Type.Object(
  { file: Type.String({ pattern: `^(${REPORT_KINDS.join('|')})\\.(${REPORT_FORMATS.join('|')})$`, description: 'kind and format, e.g. challenges.csv' }) },
  { additionalProperties: false },
);

const OrgRef = { id: Type.String(), nameZh: OrNull(Type.String()), nameEn: OrNull(Type.String()) };
const StageFigures = {
  funnel: Type.Array(Type.Object({ stage: Type.String(), challenges: Type.Integer() })),
  failed: Type.Integer(),
  cancelled: Type.Integer(),
};

export const DashboardView = Type.Object({
  filter: Type.Object({ year: OrNull(Type.Integer()), industry: OrNull(Type.String()) }),
  asOf: Instant,
  today: Type.String({ description: 'the API clock’s date in Beijing, against which milestones are overdue' }),
  stages: Type.Object({ ...StageFigures, byIndustry: Type.Array(Type.Object({ industry: Literals(CHALLENGE_INDUSTRIES), ...StageFigures })) }),
  money: Type.Array(Type.Object({
    source: Literals(FUNDING_SOURCES),
    budgetedFen: OrNull(Type.Integer()),
    reservedFen: Type.Integer(), awardedFen: Type.Integer(), releasedFen: Type.Integer(), paidFen: Type.Integer(), confirmedFen: Type.Integer(),
  })),
  overdue: Type.Object({
    total: Type.Integer({ description: 'every overdue milestone in scope' }),
    items: Type.Array(Type.Object({
      milestoneId: Type.String(), title: Type.String(), position: Type.Integer(), dueDate: Type.String(), state: Type.String(), daysOverdue: Type.Integer(), projectId: Type.String(),
      challenge: Type.Object({ id: Type.String(), titleZh: Type.String(), titleEn: OrNull(Type.String()) }),
      owner: Type.Object(OrgRef), solver: Type.Object(OrgRef),
    }), { description: 'the oldest 50, oldest first' }),
  }),
  timeToAward: Type.Object({
    awarded: Type.Integer({ description: 'challenges awarded in scope' }),
    medianDays: OrNull(Type.Number()), meanDays: OrNull(Type.Number()),
    distribution: Type.Array(Type.Object({ from: Type.Integer(), to: OrNull(Type.Integer()), challenges: Type.Integer() })),
    slowest: Type.Array(
      Type.Object({ challengeId: Type.String(), titleZh: Type.String(), titleEn: OrNull(Type.String()), publishedAt: Instant, awardedAt: Instant, days: Type.Integer() }),
      { description: 'the 10 that took longest, longest first' },
    ),
  }),
  applications: Type.Object({
    total: Type.Integer(),
    perChallengeMean: OrNull(Type.Number()),
    distribution: Type.Array(Type.Object({ from: Type.Integer(), to: OrNull(Type.Integer()), challenges: Type.Integer() })),
    byCountry: Type.Array(Type.Object({ key: Type.String(), applications: Type.Integer(), organizations: Type.Integer() })),
    byKind: Type.Array(Type.Object({ key: Type.String(), applications: Type.Integer(), organizations: Type.Integer() })),
  }),
  leadingEnterprises: Type.Array(Type.Object({ ...OrgRef, challenges: Type.Integer(), bountyFen: Type.Integer() })),
  leadingSolvers: Type.Array(Type.Object({ ...OrgRef, country: Type.String(), kind: Type.String(), awards: Type.Integer(), awardedFen: Type.Integer() })),
});
