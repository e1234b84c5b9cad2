/** Projects (任务书), their milestones and funding releases as the API returns them, and how pages present them (no server code here). */

export const PROJECT_STATES = ['awaiting_signature', 'active', 'completed', 'stopped'] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];
export const MILESTONE_STATES = ['pending', 'submitted', 'accepted', 'returned', 'verified'] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];
export const RELEASE_STATES = ['pending', 'disbursed', 'confirmed', 'disputed'] as const;
export type ReleaseState = (typeof RELEASE_STATES)[number];
export const FUNDING_SOURCES = ['enterprise', 'special_fund'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export interface Payee {
  accountName: string;
  bank: string;
  accountNumber: string;
}

export interface ProjectSummary {
  id: string;
  challenge: { id: string; titleZh: string; titleEn: string | null };
  /** The solver's organisation. */
  organization: { id: string; nameZh: string | null; nameEn: string | null };
  state: ProjectState;
  awardFen: number;
  enterpriseShareFen: number;
  specialFundFen: number;
  createdAt: string;
  solverSignedAt: string | null;
  ownerSignedAt: string | null;
  /** Shown to the parties and staff on the project itself; null in lists. */
  payee: Payee | null;
  stoppedAt: string | null;
  stopReason: string | null;
  completedAt: string | null;
}

/** A deliverable file of a milestone (downloaded through /projects/[id]/attachments/[attachmentId]). */
export interface MilestoneAttachment {
  id: string;
  parentType: 'milestone';
  parentId: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  createdAt: string;
}

export interface Milestone {
  id: string;
  position: number;
  title: string;
  deliverables: string | null;
  /** A calendar date, `YYYY-MM-DD`. */
  dueDate: string;
  state: MilestoneState;
  amountFen: number;
  enterpriseShareFen: number;
  specialFundFen: number;
  report: string | null;
  submittedAt: string | null;
  feedback: string | null;
  acceptedAt: string | null;
  verifiedAt: string | null;
  /** The solver's deliverable files, oldest first. */
  attachments: MilestoneAttachment[];
}

export interface Release {
  id: string;
  projectId: string;
  milestoneId: string;
  source: FundingSource;
  amountFen: number;
  state: ReleaseState;
  createdAt: string;
  paymentReference: string | null;
  disbursedAt: string | null;
  confirmedAt: string | null;
  disputeReason: string | null;
  resolution: string | null;
}

export const CHANGE_KINDS = ['due_date', 'payee'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const CHANGE_STATES = ['pending', 'approved', 'rejected'] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

/** A change the solver asked the bureau for: a milestone's due date, or the payee account. */
export interface ChangeRequest {
  id: string;
  kind: ChangeKind;
  /** The milestone whose due date is to move; null for the payee. */
  milestoneId: string | null;
  /** `{ dueDate }` or the new payee account. */
  proposed: { dueDate?: string } & Partial<Payee>;
  reason: string;
  state: ChangeState;
  requestedAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
}

export type ChangeRequestInput = { kind: 'due_date'; milestoneId: string; dueDate: string; reason: string } | { kind: 'payee'; payee: Payee; reason: string };

/** Final acceptance: what one technical indicator of the challenge (by its 0-based position) reached. */
export interface IndicatorResultInput {
  position: number;
  achieved: string;
  evidence: string;
  met: boolean;
}

export interface IndicatorResult extends IndicatorResultInput {
  recordedAt: string;
}

export interface ProjectView extends ProjectSummary {
  milestones: Milestone[];
  releases: Release[];
  changeRequests: ChangeRequest[];
  indicatorResults: IndicatorResult[];
}

export type QueuedRelease = Release & { ready: boolean };

type Tone = 'pending' | 'ok' | 'bad' | 'neutral';

export const projectStateTone = (s: ProjectState): Tone => (s === 'active' || s === 'completed' ? 'ok' : s === 'stopped' ? 'bad' : 'pending');

export const changeStateTone = (s: ChangeState): Tone => (s === 'approved' ? 'ok' : s === 'rejected' ? 'bad' : 'pending');

/** Final acceptance is due once every milestone but one is accepted or verified (the API's rule for the last acceptance). */
export const inFinalAcceptance = (p: Pick<ProjectView, 'state' | 'milestones'>): boolean =>
  p.state === 'active' && p.milestones.filter((m) => m.state !== 'accepted' && m.state !== 'verified').length === 1;

export const releaseStateTone = (s: ReleaseState): Tone => (s === 'confirmed' ? 'ok' : s === 'disputed' ? 'bad' : 'pending');

/** Today's date in Beijing (the bureau's calendar), `YYYY-MM-DD`: due dates are Beijing dates. */
export const beijingDate = (now: Date): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** What a milestone's timeline shows: done, or where it stands; past its due date and not verified, overdue. */
export type TimelineState = 'done' | 'accepted' | 'submitted' | 'returned' | 'due' | 'overdue';

export function timelineState(m: Pick<Milestone, 'state' | 'dueDate'>, today: string, projectState: ProjectState = 'active'): TimelineState {
  if (m.state === 'verified') return 'done';
  // Only a running project has milestones that can fall behind.
  if (projectState === 'active' && m.dueDate < today) return 'overdue';
  if (m.state === 'pending') return 'due';
  return m.state;
}

export const timelineTone = (s: TimelineState): Tone => (s === 'done' ? 'ok' : s === 'overdue' || s === 'returned' ? 'bad' : s === 'due' ? 'neutral' : 'pending');

/** A milestone's money by source: planned, paid (disbursed or confirmed), confirmed received. */
export interface SourceMoney {
  source: FundingSource;
  plannedFen: number;
  release: Release | null;
  paidFen: number;
  confirmedFen: number;
}

export function moneyBySource(m: Milestone, releases: readonly Release[]): SourceMoney[] {
  return FUNDING_SOURCES.map((source) => {
    const plannedFen = source === 'enterprise' ? m.enterpriseShareFen : m.specialFundFen;
    const release = releases.find((r) => r.milestoneId === m.id && r.source === source) ?? null;
    const paidFen = release && (release.state === 'disbursed' || release.state === 'confirmed') ? release.amountFen : 0;
    const confirmedFen = release?.state === 'confirmed' ? release.amountFen : 0;
    return { source, plannedFen, release, paidFen, confirmedFen };
  }).filter((x) => x.plannedFen > 0 || x.release !== null);
}

/**
 * Public money follows private money: a special-fund release waits until the same milestone's
 * enterprise release (if any) is confirmed.
 */
export function waitsForEnterprise(r: Release, releases: readonly Release[]): boolean {
  if (r.source !== 'special_fund' || r.state !== 'pending') return false;
  const enterprise = releases.find((x) => x.milestoneId === r.milestoneId && x.source === 'enterprise');
  return !!enterprise && enterprise.state !== 'confirmed';
}
