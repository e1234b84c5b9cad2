import type { results as zh } from './results.zh-CN';

/** See results.zh-CN.ts; typed as the Chinese, so a missing or extra key does not compile. */
export const results: typeof zh = {
  nav: 'Results',
  title: 'Results',
  lead: 'Challenges whose award is final after the public notice: the winners, their awards and how each project is progressing. Decisions still in their notice period appear once final.',
  totals: {
    title: 'At a glance',
    challenges: 'Challenges awarded',
    challengesValue: '{count}',
    awarded: 'Awarded',
    released: 'Released',
    paid: 'Paid',
    paidHint: 'Amounts whose receipt the solvers have confirmed.',
    filtered: 'These figures count the chosen industry only.',
  },
  filter: {
    title: 'Filter',
    industry: 'Industry',
    anyIndustry: 'All industries',
    apply: 'Filter',
    clear: 'Clear filter',
  },
  list: {
    title: 'Awards',
    count: '{count} challenges',
    countFiltered: '{count} challenges in the chosen industry',
  },
  item: {
    owner: 'Challenge owner',
    industry: 'Industry',
    bounty: 'Bounty',
    awardedAt: 'Award made final',
    awardedTotal: 'Total awarded',
    view: 'View the challenge',
  },
  winners: {
    caption: 'Winners ({count})',
    organization: 'Winner',
    award: 'Award',
    project: 'Project status',
    progress: 'Progress',
  },
  progress: {
    label: 'Progress of the project of {org}',
    milestonesWords: '{verified} of {total} milestones verified ({percent}%)',
    released: '{released} released, {percent}% of the {award} award',
    noMilestones: 'No milestones yet',
  },
  empty: {
    title: 'No awards yet',
    text: 'Challenges appear here once their public notice is over and the award is final.',
    filteredTitle: 'No awards in this industry yet',
    filteredText: 'Clear the filter to see the results of every industry.',
    pastEndTitle: 'Nothing on this page',
    pastEndText: 'The page number is past the end of the results.',
    firstPage: 'Back to the first page',
  },
};
