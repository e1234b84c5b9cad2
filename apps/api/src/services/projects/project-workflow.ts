import { appendAudit, challenges, projectMilestones, projects, releases } from '@challenge/db';
import { AppError, assertMayTake, challengeMachine, milestoneMachine, projectMachine, transition, type Actor } from '@challenge/domain';
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { inTransaction, type ServiceContext } from '../context';
import { fundsOf } from '../ledger/challenge-money';
import { postReleases, returnProjectFunds } from '../ledger/project-money';
import { reindex } from '../search/engine';
import { assertResultsBeforeLastAcceptance } from './project-changes';
import { recordProjectEvent } from './project-events';
import { milestoneFor, milestonesOf, projectFor } from './records';

export interface Payee {
  accountName: string;
  bank: string;
  accountNumber: string;
}

const text = (value: string | undefined, field: string) => {
  const t = value?.trim() ?? '';
  if (t.length < 2) throw AppError.invalid([{ field, code: 'required' }]);
  return t;
};

/**
 * Each party signs the 任务书 (product.md step 8): the solver with the account it is to be paid to,
 * fixed from then on; the owner enterprise. Once both have signed the project is active, and the
 * challenge in progress with its first active project.
 */
export async function signProject(ctx: ServiceContext, actor: Actor, projectId: string, payee?: Payee) {
  return inTransaction(ctx, async (tx) => {
    const { project, relation } = await projectFor(tx, actor, projectId, { lock: true });
    assertMayTake(projectMachine, 'sign', actor!.role, relation);
    transition(projectMachine, project.state, 'sign', actor!.role, relation);
    const now = ctx.clock.now();
    const solver = actor!.role === 'solver';
    if (solver ? project.solverSignedAt : project.ownerSignedAt) throw new AppError('illegal_transition', { entity: 'project', from: 'signed', action: 'sign' });
    const set: Partial<typeof projects.$inferInsert> = solver
      ? { solverSignedAt: now, solverSignedBy: actor!.userId, payee: { accountName: text(payee?.accountName, 'payee.accountName'), bank: text(payee?.bank, 'payee.bank'), accountNumber: text(payee?.accountNumber, 'payee.accountNumber') } }
      : { ownerSignedAt: now, ownerSignedBy: actor!.userId };
    const bothSigned = !!(solver ? project.ownerSignedAt : project.solverSignedAt);
    if (bothSigned) set.state = 'active';
    await tx.update(projects).set(set).where(eq(projects.id, projectId));
    if (bothSigned) {
      const [c] = await tx.select({ state: challenges.state }).from(challenges).where(eq(challenges.id, project.challengeId)).for('update');
      if (c!.state === 'awarded') {
        await tx.update(challenges).set({ state: transition(challengeMachine, c!.state, 'sign', 'system'), updatedAt: now }).where(eq(challenges.id, project.challengeId));
        await reindex(ctx, tx, project.challengeId);
      }
    }
    await appendAudit(tx, {
      at: now, actorId: actor!.userId, actorRole: actor!.role, action: 'project.sign', entityType: 'project', entityId: projectId,
      // The payee's account is personal data: only that it was set is kept.
      before: { state: project.state }, after: { state: bothSigned ? 'active' : project.state, signedAs: solver ? 'solver' : 'owner', ...(solver ? { changedPersonalFields: ['payee'] } : {}) },
    });
  });
}

const requireActive = (state: string) => {
  if (state !== 'active') throw new AppError('illegal_transition', { entity: 'project', from: state, action: 'milestone' });
};

/** The solver submits a milestone's deliverables with its report (again, after a return). */
export async function submitMilestone(ctx: ServiceContext, actor: Actor, milestoneId: string, report: string) {
  return inTransaction(ctx, async (tx) => {
    const { milestone, project, ownerOrganizationId, relation } = await milestoneFor(tx, actor, milestoneId);
    assertMayTake(milestoneMachine, 'submit', actor!.role, relation);
    const to = transition(milestoneMachine, milestone.state, 'submit', actor!.role, relation);
    requireActive(project.state);
    const now = ctx.clock.now();
    await tx.update(projectMilestones).set({ state: to, report: text(report, 'report'), submittedAt: now }).where(eq(projectMilestones.id, milestoneId));
    await appendAudit(tx, { at: now, actorId: actor!.userId, actorRole: actor!.role, action: 'milestone.submit', entityType: 'milestone', entityId: milestoneId, before: { state: milestone.state }, after: { state: to } });
    await recordProjectEvent(tx, { kind: 'milestone_submitted', project, ownerOrganizationId, subjectId: milestoneId, parties: ['owner'], actorId: actor!.userId, at: now });
  });
}

/** The owner accepts the deliverables, or returns them with its reasons. */
export async function reviewMilestone(ctx: ServiceContext, actor: Actor, milestoneId: string, input: { accept: true } | { accept: false; feedback: string }) {
  return inTransaction(ctx, async (tx) => {
    const { milestone, project, ownerOrganizationId, relation } = await milestoneFor(tx, actor, milestoneId);
    assertMayTake(milestoneMachine, input.accept ? 'accept' : 'return', actor!.role, relation);
    const to = transition(milestoneMachine, milestone.state, input.accept ? 'accept' : 'return', actor!.role, relation);
    requireActive(project.state);
    if (input.accept) await assertResultsBeforeLastAcceptance(tx, project.id, milestoneId);
    const now = ctx.clock.now();
    await tx.update(projectMilestones)
      .set(input.accept ? { state: to, acceptedAt: now } : { state: to, feedback: text(input.feedback, 'feedback') })
      .where(eq(projectMilestones.id, milestoneId));
    await appendAudit(tx, { at: now, actorId: actor!.userId, actorRole: actor!.role, action: `milestone.${input.accept ? 'accept' : 'return'}`, entityType: 'milestone', entityId: milestoneId, before: { state: milestone.state }, after: { state: to } });
    await recordProjectEvent(tx, {
      kind: input.accept ? 'milestone_accepted' : 'milestone_returned', project, ownerOrganizationId, subjectId: milestoneId,
      parties: input.accept ? ['solver', 'bureau'] : ['solver'], actorId: actor!.userId, at: now,
    });
  });
}

/**
 * The bureau verifies an accepted milestone (product.md step 9): a release per funding source is
 * created and its amount moves from the project's funds to the solver's payable. With the last
 * milestone verified the project is completed (anything left goes back), and the challenge with its
 * last project.
 */
export async function verifyMilestone(ctx: ServiceContext, actor: Actor, milestoneId: string) {
  return inTransaction(ctx, async (tx) => {
    const { milestone, project, ownerOrganizationId, fiscalYear, relation } = await milestoneFor(tx, actor, milestoneId);
    assertMayTake(milestoneMachine, 'verify', actor!.role, relation);
    const to = transition(milestoneMachine, milestone.state, 'verify', actor!.role, relation);
    requireActive(project.state);
    const now = ctx.clock.now();
    await tx.update(projectMilestones).set({ state: to, verifiedAt: now, verifiedBy: actor!.userId }).where(eq(projectMilestones.id, milestoneId));
    const rows = ([['enterprise', milestone.enterpriseShareFen], ['special_fund', milestone.specialFundFen]] as const)
      .filter(([, amount]) => amount > 0)
      .map(([source, amountFen]) => ({ releaseId: randomUUID(), source, amountFen }));
    if (rows.length > 0) {
      await tx.insert(releases).values(rows.map((r) => ({ id: r.releaseId, projectId: project.id, milestoneId, source: r.source, amountFen: r.amountFen, createdAt: now })));
      await postReleases(tx, actor, project.id, milestoneId, rows, now);
    }
    await appendAudit(tx, { at: now, actorId: actor!.userId, actorRole: actor!.role, action: 'milestone.verify', entityType: 'milestone', entityId: milestoneId, before: { state: milestone.state }, after: { state: to, releases: rows } });
    await recordProjectEvent(tx, { kind: 'milestone_verified', project, ownerOrganizationId, subjectId: milestoneId, parties: ['solver', 'owner'], actorId: actor!.userId, at: now });

    const all = await milestonesOf(tx, project.id);
    if (all.every((m) => m.state === 'verified')) {
      await tx.update(projects).set({ state: transition(projectMachine, project.state, 'complete', 'system'), completedAt: now }).where(eq(projects.id, project.id));
      await returnProjectFunds(tx, actor, fundsOf({ id: project.challengeId, fiscalYear }), project.id, now);
      await settleChallenge(ctx, tx, project.challengeId, now);
    }
  });
}

/**
 * The bureau stops a project at a milestone review (赛马 down-selection or failure): what its award has
 * not released goes back to where it came from; releases already created stay owed.
 */
export async function stopProject(ctx: ServiceContext, actor: Actor, projectId: string, reason: string) {
  return inTransaction(ctx, async (tx) => {
    const { project, fiscalYear, relation } = await projectFor(tx, actor, projectId, { lock: true });
    assertMayTake(projectMachine, 'stop', actor!.role, relation);
    const to = transition(projectMachine, project.state, 'stop', actor!.role, relation);
    const now = ctx.clock.now();
    await tx.update(projects).set({ state: to, stoppedAt: now, stopReason: text(reason, 'reason') }).where(eq(projects.id, projectId));
    await returnProjectFunds(tx, actor, fundsOf({ id: project.challengeId, fiscalYear }), projectId, now);
    await appendAudit(tx, { at: now, actorId: actor!.userId, actorRole: actor!.role, action: 'project.stop', entityType: 'project', entityId: projectId, before: { state: project.state }, after: { state: to, reason } });
    await settleChallenge(ctx, tx, project.challengeId, now);
  });
}

/** With no project left running, the challenge is completed — or failed, when every project was stopped. */
async function settleChallenge(ctx: ServiceContext, tx: ServiceContext['db'], challengeId: string, now: Date) {
  const all = await tx.select({ state: projects.state }).from(projects).where(eq(projects.challengeId, challengeId));
  if (all.some((p) => p.state === 'active' || p.state === 'awaiting_signature')) return;
  const [c] = await tx.select({ state: challenges.state }).from(challenges).where(eq(challenges.id, challengeId)).for('update');
  const action = all.some((p) => p.state === 'completed') ? 'complete' : 'fail';
  if (c!.state === 'in_progress' || (action === 'fail' && c!.state === 'awarded')) {
    await tx.update(challenges).set({ state: transition(challengeMachine, c!.state, action, 'system'), updatedAt: now }).where(eq(challenges.id, challengeId));
    await reindex(ctx, tx, challengeId);
  }
}
