import { appendAudit, challengeIndicators, projectChangeRequests, projectIndicatorResults, projectMilestones, projects } from '@challenge/db';
import { AppError, beijingDate, isCalendarDate, type Actor, type FieldIssue } from '@challenge/domain';
import { and, asc, eq } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import type { Payee } from './project-workflow';
import { milestonesOf, projectFor } from './records';

export type ChangeInput = { kind: 'due_date'; milestoneId: string; dueDate: string; reason: string } | { kind: 'payee'; payee: Payee; reason: string };

const words = (value: string | undefined, field: string, issues: FieldIssue[]) => {
  const t = value?.trim() ?? '';
  if (t.length < 2) issues.push({ field, code: 'required' });
  return t;
};

/**
 * The solver asks the bureau to move a milestone's due date, or to change the payee account fixed at
 * signing (product.md step 8). One open request per milestone, and one for the payee, at a time.
 */
export async function requestChange(ctx: ServiceContext, actor: Actor, projectId: string, input: ChangeInput) {
  return inTransaction(ctx, async (tx) => {
    const { project, relation } = await projectFor(tx, actor, projectId, { lock: true });
    if (actor!.role !== 'solver' || !relation.isApplicant) throw new AppError('forbidden', { entity: 'project', action: 'request_change' });
    if (project.state !== 'active') throw new AppError('illegal_transition', { entity: 'project', from: project.state, action: 'request_change' });
    const now = ctx.clock.now();
    const issues: FieldIssue[] = [];
    const reason = words(input.reason, 'reason', issues);
    let proposed: unknown;
    let milestoneId: string | null = null;
    if (input.kind === 'due_date') {
      const [m] = await tx.select().from(projectMilestones).where(and(eq(projectMilestones.id, input.milestoneId), eq(projectMilestones.projectId, projectId)));
      if (!m) issues.push({ field: 'milestoneId', code: 'not_found' });
      else if (m.state === 'verified') issues.push({ field: 'milestoneId', code: 'not_open' });
      if (!isCalendarDate(input.dueDate)) issues.push({ field: 'dueDate', code: 'invalid_date' });
      else if (input.dueDate <= beijingDate(now)) issues.push({ field: 'dueDate', code: 'not_future' });
      else if (m && input.dueDate === m.dueDate) issues.push({ field: 'dueDate', code: 'unchanged' });
      milestoneId = input.milestoneId;
      proposed = { dueDate: input.dueDate };
    } else {
      proposed = { accountName: words(input.payee.accountName, 'payee.accountName', issues), bank: words(input.payee.bank, 'payee.bank', issues), accountNumber: words(input.payee.accountNumber, 'payee.accountNumber', issues) };
    }
    if (issues.length > 0) throw AppError.invalid(issues);
    const open = await tx.select({ id: projectChangeRequests.id, milestoneId: projectChangeRequests.milestoneId, kind: projectChangeRequests.kind }).from(projectChangeRequests)
      .where(and(eq(projectChangeRequests.projectId, projectId), eq(projectChangeRequests.state, 'pending')));
    if (open.some((r) => r.kind === input.kind && r.milestoneId === milestoneId)) throw new AppError('illegal_transition', { entity: 'change_request', from: 'pending', action: 'request' });
    const [created] = await tx.insert(projectChangeRequests).values({ projectId, milestoneId, kind: input.kind, proposed, reason, requestedBy: actor!.userId, requestedAt: now }).returning();
    await appendAudit(tx, {
      at: now, actorId: actor!.userId, actorRole: actor!.role, action: `project.request_${input.kind}`, entityType: 'project', entityId: projectId,
      // A new payee account is personal: only that one was asked for is kept.
      before: null, after: input.kind === 'payee' ? { requestId: created!.id, changedPersonalFields: ['payee'] } : { requestId: created!.id, milestoneId, proposed },
    });
    return created!;
  });
}

/** The bureau approves a change (applied at once) or rejects it, with its reasons. */
export async function decideChange(ctx: ServiceContext, actor: Actor, requestId: string, input: { approve: boolean; reason: string }) {
  if (!actor) throw new AppError('unauthenticated');
  if (actor.role !== 'bureau') throw new AppError('forbidden', { entity: 'change_request', action: 'decide' });
  return inTransaction(ctx, async (tx) => {
    const [request] = await tx.select().from(projectChangeRequests).where(eq(projectChangeRequests.id, requestId)).for('update');
    if (!request) throw new AppError('not_found');
    if (request.state !== 'pending') throw new AppError('illegal_transition', { entity: 'change_request', from: request.state, action: 'decide' });
    const issues: FieldIssue[] = [];
    const reason = words(input.reason, 'reason', issues);
    if (issues.length > 0) throw AppError.invalid(issues);
    const now = ctx.clock.now();
    if (input.approve && request.kind === 'due_date') {
      await tx.update(projectMilestones).set({ dueDate: (request.proposed as { dueDate: string }).dueDate, dueSoonNotifiedAt: null, overdueNotifiedAt: null }).where(eq(projectMilestones.id, request.milestoneId!));
    }
    if (input.approve && request.kind === 'payee') await tx.update(projects).set({ payee: request.proposed }).where(eq(projects.id, request.projectId));
    const [after] = await tx.update(projectChangeRequests).set({ state: input.approve ? 'approved' : 'rejected', decidedBy: actor.userId, decidedAt: now, decisionReason: reason })
      .where(eq(projectChangeRequests.id, requestId)).returning();
    await appendAudit(tx, {
      at: now, actorId: actor.userId, actorRole: actor.role, action: `project.${input.approve ? 'approve' : 'reject'}_${request.kind}`, entityType: 'project', entityId: request.projectId,
      before: { requestId, state: 'pending' }, after: { requestId, state: after!.state, reason },
    });
    return after!;
  });
}

export interface IndicatorResult {
  position: number;
  achieved: string;
  evidence: string;
  met: boolean;
}

/**
 * Final acceptance (product.md step 11): the owner records the value each technical indicator of the
 * challenge reached, with its evidence — every indicator once — before it accepts the last milestone.
 */
export async function recordIndicatorResults(ctx: ServiceContext, actor: Actor, projectId: string, results: IndicatorResult[]) {
  return inTransaction(ctx, async (tx) => {
    const { project, relation } = await projectFor(tx, actor, projectId, { lock: true });
    if (actor!.role !== 'enterprise' || !relation.isOwner) throw new AppError('forbidden', { entity: 'project', action: 'record_results' });
    if (project.state !== 'active') throw new AppError('illegal_transition', { entity: 'project', from: project.state, action: 'record_results' });
    const indicators = await tx.select({ position: challengeIndicators.position }).from(challengeIndicators).where(eq(challengeIndicators.challengeId, project.challengeId)).orderBy(asc(challengeIndicators.position));
    const issues: FieldIssue[] = [];
    const given = new Map<number, number>();
    results.forEach((r, i) => {
      if (!indicators.some((x) => x.position === r.position)) issues.push({ field: `results.${i}.position`, code: 'unknown_indicator' });
      else if (given.has(r.position)) issues.push({ field: `results.${i}.position`, code: 'duplicate' });
      given.set(r.position, i);
      words(r.achieved, `results.${i}.achieved`, issues);
      words(r.evidence, `results.${i}.evidence`, issues);
    });
    indicators.forEach((x) => { if (!given.has(x.position)) issues.push({ field: `indicators.${x.position}`, code: 'required' }); });
    if (issues.length > 0) throw AppError.invalid(issues);
    const now = ctx.clock.now();
    await tx.delete(projectIndicatorResults).where(eq(projectIndicatorResults.projectId, projectId));
    await tx.insert(projectIndicatorResults).values(results.map((r) => ({ projectId, position: r.position, achieved: r.achieved.trim(), evidence: r.evidence.trim(), met: r.met, recordedBy: actor!.userId, recordedAt: now })));
    await appendAudit(tx, { at: now, actorId: actor!.userId, actorRole: actor!.role, action: 'project.record_results', entityType: 'project', entityId: projectId, before: null, after: { results } });
  });
}

/** The last milestone is accepted only once the indicators' results are recorded. */
export async function assertResultsBeforeLastAcceptance(tx: ServiceContext['db'], projectId: string, milestoneId: string) {
  const all = await milestonesOf(tx, projectId);
  const others = all.filter((m) => m.id !== milestoneId);
  if (others.some((m) => m.state !== 'accepted' && m.state !== 'verified')) return;
  const [recorded] = await tx.select({ position: projectIndicatorResults.position }).from(projectIndicatorResults).where(eq(projectIndicatorResults.projectId, projectId)).limit(1);
  if (!recorded) throw AppError.invalid([{ field: 'indicators', code: 'results_required' }]);
}
