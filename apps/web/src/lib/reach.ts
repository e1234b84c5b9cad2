/** E-mail choices, followed challenges and saved searches as the API gives them (no server code here). */
import type { ChallengeCategory, ChallengeIndustry, ChallengeState } from '$lib/types';
import type { NotificationKind } from '@challenge/domain';

export interface EmailPreferences {
  /** Until the address is proven, nothing is mailed whatever the choices. */
  emailVerified: boolean;
  kinds: { kind: NotificationKind; email: boolean }[];
}

/** What an unsubscribe link names, and whether that kind is still mailed. */
export interface UnsubscribeView {
  kind: NotificationKind;
  email: boolean;
}

export interface FollowedChallenge {
  id: string;
  titleZh: string;
  titleEn: string | null;
  state: ChallengeState;
  deadline: string | null;
  followedAt: string;
}

export interface SavedQuery {
  q?: string;
  industry?: ChallengeIndustry;
  category?: ChallengeCategory;
  minBountyFen?: number;
  maxBountyFen?: number;
}

export interface SavedSearch {
  id: string;
  name: string;
  query: SavedQuery;
  alerts: boolean;
  createdAt: string;
  /** The challenge list's URL of the search. */
  path: string;
}

export type KindGroup = 'challenges' | 'applications' | 'projects' | 'reminders';

/** The account page's e-mail choices, grouped as a reader thinks of them; every kind is in one group. */
export const KIND_GROUPS: Record<KindGroup, readonly NotificationKind[]> = {
  challenges: ['question_answered', 'challenge_amended', 'decision_published', 'objection_resolved'],
  applications: ['eligibility_result', 'review_assigned', 'awarded'],
  projects: [
    'milestone_submitted', 'milestone_returned', 'milestone_accepted', 'milestone_verified',
    'milestone_due_soon', 'milestone_overdue', 'release_disbursed', 'release_confirmed', 'release_disputed',
  ],
  reminders: ['application_deadline_soon', 'saved_search_match'],
};
