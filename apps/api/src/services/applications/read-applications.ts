import { applications, applicationVersions, attachments, challenges, organizations, reviewAssignments } from '@challenge/db';
import { AppError, applicationMachine, allowedActions, formatReceiptNumber, receiptYear, type Actor, type ApplicationState } from '@challenge/domain';
import { and, asc, count, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Static } from '@sinclair/typebox';
import type { ApplicationContent } from '../../schemas/applications';
import { attachmentView } from '../attachments/attachment-view';
import type { ServiceContext } from '../context';
import { challengeAccess, isOwner, NO_FACTS } from '../challenges/access';
import { expertMayRead } from '../reviews/access';
import { applicationAccess, latestVersion, type ApplicationAccess, type ApplicationRow, type VersionRow } from './records';
import type { ChallengeRow } from '../challenges/records';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

const receiptOf = (a: ApplicationRow, version: number) =>
  a.receiptSequence !== null && a.submittedAt && version > 0 ? formatReceiptNumber({ year: receiptYear(a.submittedAt), sequence: a.receiptSequence, version }) : null;

/**
 * One application as `access` allows: the applicant gets the draft, the list of frozen versions and
 * what it may do next; the owner (after the deadline) and the bureau get the latest frozen version,
 * never the draft.
 */
function applicationView(
  a: ApplicationRow, c: Pick<ChallengeRow, 'id' | 'titleZh' | 'titleEn' | 'deadline' | 'state' | 'bountyFen'>, org: { id: string; nameZh: string | null; nameEn: string | null },
  access: Exclude<ApplicationAccess, 'none'>, latest: VersionRow | undefined, versions: VersionRow[] | null, now: Date,
) {
  const open = c.state === 'published' && !!c.deadline && now.getTime() < c.deadline.getTime();
  // Stored as written through the schema's shape (ApplicationPatchBody), read back as it.
  const content = (access === 'applicant' ? a.content : latest?.content ?? null) as Static<typeof ApplicationContent> | null;
  return {
    id: a.id,
    challenge: { id: c.id, titleZh: c.titleZh, titleEn: c.titleEn, deadline: iso(c.deadline), state: c.state, bountyFen: c.bountyFen },
    organization: org,
    state: a.state,
    version: a.version,
    receiptNumber: receiptOf(a, a.version),
    requestedFen: access === 'applicant' ? a.requestedFen : latest?.requestedFen ?? null,
    content,
    submittedAt: iso(a.submittedAt),
    lastSubmittedAt: iso(latest?.submittedAt),
    withdrawnAt: iso(a.withdrawnAt),
    eligibilityReason: a.eligibilityReason,
    createdAt: a.createdAt.toISOString(),
    updatedAt: access === 'applicant' ? a.updatedAt.toISOString() : iso(latest?.submittedAt),
    versions: versions?.map((v) => ({ version: v.version, receiptNumber: v.receiptNumber, submittedAt: v.submittedAt.toISOString() })) ?? null,
    /** Draft changes not yet submitted (applicant only). */
    unsubmittedChanges: access === 'applicant' ? a.version === 0 || JSON.stringify(a.content) !== JSON.stringify(latest?.content) : null,
    actions: access === 'applicant' && open
      ? [...(a.state === 'draft' || a.state === 'submitted' ? ['edit' as const] : []), ...allowedActions(applicationMachine, a.state, 'solver', { isApplicant: true }).filter((x) => x === 'submit' || x === 'withdraw')]
      : [],
  };
}

/**
 * The views with their consortium partners named (the partners of the content the reader sees) and
 * their files: all of them for the applicant, those of the latest submitted version (uploaded before
 * it) for everyone else — looked up in two queries for the whole page.
 */
async function withPartnersAndFiles(ctx: ServiceContext, views: ReturnType<typeof applicationView>[], applicant: boolean) {
  const ids = [...new Set(views.flatMap((v) => v.content?.partnerOrganizationIds ?? []))];
  const found = ids.length === 0 ? [] : await ctx.db.select({ id: organizations.id, nameZh: organizations.nameZh, nameEn: organizations.nameEn }).from(organizations).where(inArray(organizations.id, ids));
  const byId = new Map(found.map((o) => [o.id, o]));
  const files = views.length === 0 ? [] : await ctx.db.select().from(attachments)
    .where(and(eq(attachments.parentType, 'application'), inArray(attachments.parentId, views.map((v) => v.id)))).orderBy(asc(attachments.createdAt));
  return views.map((v) => ({
    ...v,
    partners: (v.content?.partnerOrganizationIds ?? []).flatMap((id) => byId.get(id) ?? []),
    attachments: files
      .filter((f) => f.parentId === v.id && (applicant || (v.lastSubmittedAt !== null && f.createdAt.getTime() <= Date.parse(v.lastSubmittedAt))))
      .map(attachmentView),
  }));
}

export type ApplicationView = Awaited<ReturnType<typeof withPartnersAndFiles>>[number];

/** One application, for those who may see it; `not_found` for everyone else. */
export async function getApplication(ctx: ServiceContext, actor: Actor, id: string): Promise<ApplicationView> {
  const [found] = await ctx.db
    .select({ a: applications, c: challenges, org: { id: organizations.id, nameZh: organizations.nameZh, nameEn: organizations.nameEn } })
    .from(applications)
    .innerJoin(challenges, eq(challenges.id, applications.challengeId))
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .where(eq(applications.id, id))
    .limit(1);
  const now = ctx.clock.now();
  let access = found ? applicationAccess(actor, found.a, found.c, now) : 'none';
  if (found && actor?.role === 'expert' && (await expertMayRead(ctx.db, actor.userId, id))) access = 'submitted';
  if (!found || access === 'none') throw new AppError('not_found');
  const versions = access === 'applicant'
    ? await ctx.db.select().from(applicationVersions).where(eq(applicationVersions.applicationId, id)).orderBy(asc(applicationVersions.version))
    : null;
  const latest = versions ? versions.at(-1) : await latestVersion(ctx.db, id);
  const [view] = await withPartnersAndFiles(ctx, [applicationView(found.a, found.c, found.org, access, latest, versions, now)], access === 'applicant');
  return view!;
}

/**
 * The applications to one challenge: for the owner organisation once the deadline has passed, and
 * for the bureau; submitted ones only (a draft or an application withdrawn before it was ever
 * submitted is the solver's own business). Solvers never list others' applications.
 */
export async function listChallengeApplications(ctx: ServiceContext, actor: Actor, challengeId: string, page: number, pageSize: number, state?: ApplicationState) {
  const [c] = await ctx.db.select().from(challenges).where(eq(challenges.id, challengeId)).limit(1);
  if (!c || challengeAccess(actor, c, NO_FACTS) === 'none') throw new AppError('not_found');
  const now = ctx.clock.now();
  const bureau = actor?.role === 'bureau';
  const expert = actor?.role === 'expert';
  if (!bureau && !expert && !isOwner(actor, c)) throw new AppError('forbidden', { entity: 'application', action: 'list' });
  if (!bureau && (!c.deadline || now.getTime() < c.deadline.getTime())) throw new AppError('deadline_not_reached');
  // An expert lists only what it may open: assigned, and declared free of conflict.
  const assigned = expert
    ? inArray(applications.id, ctx.db.select({ id: reviewAssignments.applicationId }).from(reviewAssignments)
        .where(and(eq(reviewAssignments.expertId, actor.userId), eq(reviewAssignments.conflict, false))))
    : undefined;
  const where = and(eq(applications.challengeId, challengeId), ne(applications.version, 0), assigned, state ? eq(applications.state, state) : undefined);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ a: applications, org: { id: organizations.id, nameZh: organizations.nameZh, nameEn: organizations.nameEn } })
      .from(applications)
      .innerJoin(organizations, eq(organizations.id, applications.organizationId))
      .where(where)
      .orderBy(asc(applications.submittedAt), asc(applications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ctx.db.select({ n: count() }).from(applications).where(where),
  ]);
  const latest = await latestVersions(ctx, rows.map((r) => r.a.id));
  const items = await withPartnersAndFiles(ctx, rows.map((r) => applicationView(r.a, c, r.org, 'submitted', latest.get(r.a.id), null, now)), false);
  return { items, total: Number(total?.n ?? 0), page, pageSize };
}

/** The solver's organisation's applications, newest activity first, with state and receipt. */
export async function listMyApplications(ctx: ServiceContext, actor: Actor, page: number, pageSize: number) {
  if (!actor) throw new AppError('unauthenticated');
  if (actor.role !== 'solver' || !actor.organizationId) throw new AppError('forbidden', { entity: 'application', action: 'list' });
  const now = ctx.clock.now();
  const where = eq(applications.organizationId, actor.organizationId);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ a: applications, c: challenges, org: { id: organizations.id, nameZh: organizations.nameZh, nameEn: organizations.nameEn } })
      .from(applications)
      .innerJoin(challenges, eq(challenges.id, applications.challengeId))
      .innerJoin(organizations, eq(organizations.id, applications.organizationId))
      .where(where)
      .orderBy(desc(applications.updatedAt), desc(applications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ctx.db.select({ n: count() }).from(applications).where(where),
  ]);
  const latest = await latestVersions(ctx, rows.map((r) => r.a.id));
  const items = await withPartnersAndFiles(ctx, rows.map((r) => applicationView(r.a, r.c, r.org, 'applicant', latest.get(r.a.id), null, now)), true);
  return { items, total: Number(total?.n ?? 0), page, pageSize };
}

async function latestVersions(ctx: ServiceContext, ids: string[]): Promise<Map<string, VersionRow>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .selectDistinctOn([applicationVersions.applicationId])
    .from(applicationVersions)
    .where(inArray(applicationVersions.applicationId, ids))
    .orderBy(applicationVersions.applicationId, desc(applicationVersions.version));
  return new Map(rows.map((v) => [v.applicationId, v]));
}
