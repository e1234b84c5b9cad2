import { CHALLENGE_INDUSTRIES, CHALLENGE_STATES, PROJECT_STATES } from '@challenge/domain';
import { Type, type Static } from '@sinclair/typebox';
import { Instant, Literals, PageQuery, Uuid } from './common';

const Fen = Type.Integer({ minimum: 0, description: 'integer fen (1/100 yuan), summed exactly in SQL' });
const Name = Type.Union([Type.String(), Type.Null()]);

export const ResultsQuery = Type.Object(
  {
    industry: Type.Optional(Literals(CHALLENGE_INDUSTRIES)),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ResultsQueryInput = Static<typeof ResultsQuery>;

/** One winner of a final award and how far its project (任务书) has come: counts and amounts, never its milestones' content. */
const ResultWinner = Type.Object({
  organization: Type.Object({ nameZh: Name, nameEn: Name, country: Type.String() }),
  awardFen: Fen,
  projectState: Literals(PROJECT_STATES),
  milestonesVerified: Type.Integer({ minimum: 0 }),
  milestonesTotal: Type.Integer({ minimum: 0 }),
  releasedFen: Type.Integer({ minimum: 0, description: 'released by verified milestones (one release per funding source), paid or not' }),
});

/** An awarded challenge as the public results show it: the public list's fields of the challenge, no restricted detail. */
export const ResultItem = Type.Object({
  challengeId: Uuid,
  titleZh: Type.String(),
  titleEn: Name,
  industry: Type.Union([Literals(CHALLENGE_INDUSTRIES), Type.Null()]),
  state: Literals(CHALLENGE_STATES),
  bountyFen: Fen,
  owner: Type.Object({ id: Uuid, nameZh: Name, nameEn: Name }),
  awardedAt: Instant,
  awardedFen: Fen,
  winners: Type.Array(ResultWinner),
});

export const ResultsTotals = Type.Object(
  {
    challengesAwarded: Type.Integer({ minimum: 0 }),
    awardedFen: Fen,
    releasedFen: Fen,
    paidFen: Type.Integer({ minimum: 0, description: 'releases whose receipt the solver confirmed (or the bureau found paid)' }),
  },
  { description: 'over every challenge the filter selects, not just this page' },
);

export const ResultsPage = Type.Object({
  totals: ResultsTotals,
  items: Type.Array(ResultItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type ResultsPageView = Static<typeof ResultsPage>;
