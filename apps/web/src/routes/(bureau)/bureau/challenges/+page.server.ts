import { CHALLENGE_STATES, type ChallengeState } from '@challenge/domain';
import { createApi } from '$lib/server/api';
import { loadFailed } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import type { ChallengeManage } from '$lib/types';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

const parseStatus = (v: string | null): ChallengeState => (CHALLENGE_STATES.includes(v as ChallengeState) ? (v as ChallengeState) : 'pending_review');
const parsePage = (v: string | null) => Math.max(1, Math.min(100000, Number.parseInt(v ?? '1', 10) || 1));

/**
 * The bureau's review queue: challenges waiting for review, oldest submission first (the API's
 * order for `status=pending_review`), and any other state through the filter.
 */
export const load: PageServerLoad = async (event) => {
  requireRole(event, 'bureau');
  const status = parseStatus(event.url.searchParams.get('status'));
  const page = parsePage(event.url.searchParams.get('page'));
  const api = createApi(event);
  try {
    const [list, ...counts] = await Promise.all([
      api.challenges.list({ status, page, pageSize: PAGE_SIZE }),
      ...CHALLENGE_STATES.map((s) => api.challenges.list({ status: s, page: 1, pageSize: 1 })),
    ]);
    const totals = Object.fromEntries(CHALLENGE_STATES.map((s, i) => [s, counts[i]?.total ?? 0])) as Record<ChallengeState, number>;
    // What the queue weighs (when it came in, what it asks of the fund) is in the manage view only.
    const details =
      status === 'pending_review'
        ? await Promise.all(list.items.map((c) => api.challenges.get(c.id).then((d) => (d.view === 'manage' ? d : null))))
        : [];
    const review = Object.fromEntries(
      details
        .filter((d): d is ChallengeManage => d !== null)
        .map((d) => [d.id, { submittedAt: d.submittedAt, enterpriseShareFen: d.enterpriseShareFen, requestedSpecialFundFen: d.requestedSpecialFundFen, resubmitted: d.reviews.some((r) => r.decision === 'returned') }]),
    );
    return { status, list, totals, review, now: new Date().toISOString() };
  } catch (e) {
    loadFailed(event, e);
  }
};
