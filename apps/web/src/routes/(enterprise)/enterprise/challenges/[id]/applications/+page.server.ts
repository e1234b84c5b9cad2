import type { OrgNames } from '$lib/review';
import { createApi, isApiError } from '$lib/server/api';
import { loadManagedChallenge } from '$lib/server/challenges';
import { loadFailed } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import type { ChallengeState } from '$lib/types';
import type { PageServerLoad } from './$types';

const BEFORE_DEADLINE: readonly ChallengeState[] = ['draft', 'pending_review', 'published'];

/**
 * The owner's read-only view after the deadline (product.md: an enterprise sees the applications to
 * its own challenges once the deadline has passed): the submitted applications and the ranking's
 * means and spread, never who reviewed.
 */
export const load: PageServerLoad = async (event) => {
  requireRole(event, 'enterprise');
  const challenge = await loadManagedChallenge(event);
  if (BEFORE_DEADLINE.includes(challenge.state)) return { challenge, results: null };
  const api = createApi(event);
  try {
    const [applications, ranking] = await Promise.all([api.reviews.applications(challenge.id, { pageSize: 100 }), api.reviews.ranking(challenge.id)]);
    const partners: Record<string, OrgNames[]> = Object.fromEntries(applications.items.map((a) => [a.id, a.partners]));
    return { challenge, results: { applications: applications.items, total: applications.total, ranking: ranking.items, partners } };
  } catch (e) {
    // The API compares its own clock with the deadline: until then there is nothing to read.
    if (isApiError(e) && e.code === 'deadline_not_reached') return { challenge, results: null };
    loadFailed(event, e);
  }
};
