import { CHALLENGE_STATES, type ChallengeState } from '@challenge/domain';
import { createApi } from '$lib/server/api';
import { loadFailed } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import type { ChallengeManage } from '$lib/types';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;
type Filter = ChallengeState | 'all';

const parseStatus = (v: string | null): Filter => (CHALLENGE_STATES.includes(v as ChallengeState) ? (v as ChallengeState) : 'all');
const parsePage = (v: string | null) => Math.max(1, Math.min(100000, Number.parseInt(v ?? '1', 10) || 1));

/** States whose page shows what the list item alone cannot: the bureau's reasons, the submission time. */
const WITH_REVIEW: readonly ChallengeState[] = ['draft', 'pending_review'];

export const load: PageServerLoad = async (event) => {
  const me = requireRole(event, 'enterprise');
  const status = parseStatus(event.url.searchParams.get('status'));
  const page = parsePage(event.url.searchParams.get('page'));
  const api = createApi(event);
  try {
    const [list, ...counts] = await Promise.all([
      api.challenges.list({ mine: '1', status: status === 'all' ? undefined : status, page, pageSize: PAGE_SIZE }),
      ...CHALLENGE_STATES.map((s) => api.challenges.list({ mine: '1', status: s, page: 1, pageSize: 1 })),
    ]);
    const totals = Object.fromEntries(CHALLENGE_STATES.map((s, i) => [s, counts[i]?.total ?? 0])) as Record<ChallengeState, number>;
    // The list answers the public fields; drafts and challenges in review need their manage view.
    const details = await Promise.all(
      list.items.map((c) => (WITH_REVIEW.includes(c.state) ? api.challenges.get(c.id).then((d) => (d.view === 'manage' ? d : null)) : Promise.resolve(null))),
    );
    const review = Object.fromEntries(
      details
        .filter((d): d is ChallengeManage => d !== null)
        .map((d) => [d.id, { reviewReasons: d.reviewReasons, returnedAt: d.reviews.findLast((r) => r.decision === 'returned')?.createdAt ?? null, submittedAt: d.submittedAt, updatedAt: d.updatedAt }]),
    );
    return { status, list, totals, review, verified: me.organization?.status === 'verified' };
  } catch (e) {
    loadFailed(event, e);
  }
};
