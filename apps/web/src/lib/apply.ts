/** Applications (揭榜) as the API answers them (apps/api/src/schemas/applications.ts); no server code here. */
import { APPLICATION_STATES, type ApplicationState, type ChallengeState } from '@challenge/domain';
import type { Paged } from '$lib/types';

export { APPLICATION_STATES, type ApplicationState };

export interface ApplicationTeamMember {
  name: string | null;
  role: string | null;
  lead: boolean;
}

export interface ApplicationMilestone {
  title: string | null;
  deliverables: string | null;
  /** A Beijing calendar date, YYYY-MM-DD. */
  dueDate: string | null;
  amountFen: number | null;
}

/** The draft as the applicant reads it (the latest submitted version for the owner and the bureau). */
export interface ApplicationContent {
  /** The approach to each indicator, keyed by the indicator's position ("0", "1", …). */
  responses: Record<string, string | null>;
  team: ApplicationTeamMember[];
  partnerOrganizationIds: string[];
  priorResults: string | null;
  requestedFen: number | null;
  milestones: ApplicationMilestone[];
  leadOrganizationId: string | null;
}

/** What an autosave or a step's save sends: any subset of the content; a list replaces the stored one. */
export type ApplicationPatch = Partial<Omit<ApplicationContent, 'leadOrganizationId'>>;

export type ApplicationAction = 'edit' | 'submit' | 'withdraw';

/** A file attached to an application (downloaded through /applications/[id]/attachments/[attachmentId]). */
export interface ApplicationAttachment {
  id: string;
  parentType: 'application';
  parentId: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  createdAt: string;
}

export interface ApplicationView {
  id: string;
  challenge: { id: string; titleZh: string; titleEn: string | null; deadline: string | null; state: ChallengeState; bountyFen: number };
  organization: { id: string; nameZh: string | null; nameEn: string | null };
  /** The consortium partners of the content shown, by name. */
  partners: { id: string; nameZh: string | null; nameEn: string | null }[];
  state: ApplicationState;
  /** The latest frozen version; 0 before the first submission. */
  version: number;
  receiptNumber: string | null;
  requestedFen: number | null;
  content: ApplicationContent | null;
  submittedAt: string | null;
  lastSubmittedAt: string | null;
  withdrawnAt: string | null;
  eligibilityReason: string | null;
  createdAt: string;
  updatedAt: string | null;
  versions: { version: number; receiptNumber: string; submittedAt: string }[] | null;
  /** The draft differs from the last submitted version (applicant only). */
  unsubmittedChanges: boolean | null;
  actions: ApplicationAction[];
  /**
   * The applicant sees every file of its draft; the bureau, the owner (after the deadline) and an
   * expert reviewing it see those of the latest submitted version.
   */
  attachments: ApplicationAttachment[];
}

export type ApplicationPage = Paged<ApplicationView>;

/** The badge tone of a state; the badge always names the state, so colour is never the only cue. */
export function applicationStateTone(state: ApplicationState): 'pending' | 'ok' | 'bad' | 'neutral' {
  switch (state) {
    case 'submitted':
    case 'eligible':
    case 'selected':
    case 'awarded':
      return 'ok';
    case 'under_review':
      return 'pending';
    case 'ineligible':
    case 'not_selected':
      return 'bad';
    default:
      return 'neutral';
  }
}
