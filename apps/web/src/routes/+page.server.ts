import { createApi, isApiError } from '$lib/server/api';
import type { ChallengeStats, ChallengeSummary } from '$lib/types';
import type { PageServerLoad } from './$types';

const CARDS = 3;

interface HomeChallenges {
  stats: ChallengeStats;
  newest: ChallengeSummary[];
  largest: ChallengeSummary[];
}

/**
 * The figures and the newest and largest open challenges. The home page is the way in, so an API
 * outage does not take it down: it shows what the system is and says the figures are unavailable.
 */
export const load: PageServerLoad = async (event): Promise<{ challenges: HomeChallenges | null }> => {
  const api = createApi(event);
  try {
    const [stats, newest, largest] = await Promise.all([
      api.challenges.stats(),
      api.challenges.list({ status: 'published', sort: 'newest', pageSize: CARDS }),
      api.challenges.list({ status: 'published', sort: 'bounty', pageSize: CARDS }),
    ]);
    return { challenges: { stats, newest: newest.items, largest: largest.items } };
  } catch (e) {
    if (!isApiError(e)) throw e;
    console.error('home page figures unavailable', e);
    return { challenges: null };
  }
};
