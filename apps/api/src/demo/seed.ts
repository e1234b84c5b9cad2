/**
 * Demo data, created through the same services a user calls — never raw inserts — so the audit chain
 * verifies on it and later features extend it the same way.
 */
import { accountTokens, emailOutbox, users } from '@challenge/db';
import type { Actor } from '@challenge/domain';
import { count, eq, isNull, sql } from 'drizzle-orm';
import { register } from '../services/accounts/register';
import { createStaffUser, setUserStatus } from '../services/accounts/users';
import { verifyOrganization } from '../services/accounts/organizations';
import { decideJoinRequest } from '../services/accounts/join-requests';
import type { ServiceContext } from '../services/context';
import { hashPassword } from '../services/passwords';
import { inTransaction } from '../services/context';
import { appendAudit } from '@challenge/db';
import { closeDueChallenges } from '../services/challenges/close-challenge';
import { setBudget } from '../services/ledger/budgets';
import { fiscalYearOf } from '../services/ledger/challenge-money';
import type { DemoOwnerKey } from './challenge-types';
import { demoApplicationSteps } from './applications';
import { demoChallengeSteps } from './challenges';
import { DEMO_ENTERPRISE_KEYS, registerDemoOrganizations, withCheckCharacter } from './organizations';
import { at, beijing, runTimeline } from './timeline';

const PASSWORD = 'demo-password-2026';

export const DEMO_ACCOUNTS = [
  { role: 'bureau', email: 'bureau@demo.kgj.gov.cn', password: PASSWORD },
  { role: 'finance', email: 'finance@demo.czj.gov.cn', password: PASSWORD },
  { role: 'expert', email: 'expert.li@demo.expert.cn', password: PASSWORD },
  { role: 'enterprise', email: 'wang@jingxing-steel.demo.cn', password: PASSWORD },
  { role: 'solver', email: 'chen@ustb.edu.cn', password: PASSWORD },
  { role: 'solver', email: 'a.mueller@rwth-aachen.de', password: PASSWORD },
] as const;

export async function isEmptyDatabase(ctx: ServiceContext): Promise<boolean> {
  const [row] = await ctx.db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

export async function demoAccountsPresent(ctx: ServiceContext): Promise<boolean> {
  const [row] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS[0].email)).limit(1);
  return !!row;
}

/** The first bureau account in production comes from BUREAU_ADMIN_EMAIL / BUREAU_ADMIN_PASSWORD. */
export async function ensureBureauAdmin(ctx: ServiceContext, admin: { email: string; password: string }) {
  const email = admin.email.trim().toLowerCase();
  const [existing] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (existing) return existing.id;
  const passwordHash = await hashPassword(admin.password);
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    // The operator gave this address: it counts as proven.
    const [user] = await tx.insert(users).values({ email, passwordHash, displayName: '科工局管理员 Bureau administrator', role: 'bureau', emailVerifiedAt: now, createdAt: now }).returning();
    await appendAudit(tx, { at: now, actorId: null, actorRole: 'system', action: 'user.bootstrap_bureau_admin', entityType: 'user', entityId: user!.id, after: { role: 'bureau', status: 'active' } });
    return user!.id;
  });
}

/** The special fund's budget of each demo year: ¥60 million. */
const DEMO_YEARLY_BUDGET_FEN = 6_000_000_000;

const asActor = (u: { id: string; role: string; organizationId: string | null; isOrgAdmin: boolean }): Actor =>
  ({ userId: u.id, role: u.role, organizationId: u.organizationId, isOrgAdmin: u.isOrgAdmin }) as Actor;

/**
 * The demo's history, created through the services as if it had happened over the past seven months:
 * accounts and organisations first, then the challenges' stories (demo/challenges.ts), then today's
 * verification queue. Each step runs with the clock at its own instant relative to now, in time order.
 */
export async function loadDemoData(ctx: ServiceContext) {
  if (await demoAccountsPresent(ctx)) return [...DEMO_ACCOUNTS];
  const anchor = ctx.clock.now();
  const on = (daysAgo: number, time: string) => at(ctx, beijing(anchor, daysAgo, time));
  const [bureauEmail, financeEmail, expertEmail, enterpriseEmail, ustbEmail, rwthEmail] = DEMO_ACCOUNTS.map((a) => a.email);
  const bureauId = await ensureBureauAdmin(on(210, '08:30'), { email: bureauEmail!, password: PASSWORD });
  const bureau = asActor({ id: bureauId, role: 'bureau', organizationId: null, isOrgAdmin: false });

  const finance = await createStaffUser(on(210, '09:00'), bureau, { email: financeEmail!, password: PASSWORD, displayName: '财政局 刘会计', role: 'finance' });
  const li = await createStaffUser(on(210, '09:05'), bureau, { email: expertEmail!, password: PASSWORD, displayName: '李教授', role: 'expert' });
  // Disabled later, so user management shows both states.
  const former = await createStaffUser(on(210, '09:10'), bureau, { email: 'former.expert@demo.expert.cn', password: PASSWORD, displayName: '张研究员（已离任）', role: 'expert' });
  // The Finance Bureau funds the district's special fund for every year the demo's approvals fall in,
  // and the next one (¥60 million a year), before any challenge is approved.
  const years = new Set([fiscalYearOf(beijing(anchor, 210, '09:00')), fiscalYearOf(anchor), fiscalYearOf(anchor) + 1]);
  for (const year of [...years].sort()) await setBudget(on(210, '09:20'), asActor({ ...finance, organizationId: null }), year, DEMO_YEARLY_BUDGET_FEN);

  const steel = await register(on(205, '10:00'), {
    email: enterpriseEmail!, password: PASSWORD, displayName: '王工', role: 'enterprise',
    organization: { kind: 'enterprise', country: 'CN', nameZh: '井陉矿区特钢有限公司', nameEn: 'Jingxing Mining District Special Steel Co., Ltd.', uscc: '91350100M000100Y43' },
  });
  await verifyOrganization(on(205, '15:00'), bureau, steel.organization.id);

  const ustb = await register(on(204, '10:00'), {
    email: ustbEmail!, password: PASSWORD, displayName: '陈博士', role: 'solver',
    organization: { kind: 'university', country: 'CN', nameZh: '北京科技大学', nameEn: 'University of Science and Technology Beijing', uscc: withCheckCharacter('12100000400002016') },
  });
  await verifyOrganization(on(204, '15:00'), bureau, ustb.organization.id);

  const rwth = await register(on(203, '10:00'), {
    email: rwthEmail!, password: PASSWORD, displayName: 'Anna Müller', role: 'solver', locale: 'en',
    organization: { kind: 'university', country: 'DE', nameEn: 'RWTH Aachen University', website: 'https://www.rwth-aachen.de', emailDomain: 'rwth-aachen.de' },
  });
  await verifyOrganization(on(203, '15:00'), bureau, rwth.organization.id);

  // A second engineer of the steel company joins through the USCC and is approved by the company's admin.
  const steelAdmin = asActor({ ...steel.user, organizationId: steel.organization.id });
  const colleague = await register(on(201, '09:30'), {
    email: 'zhao@jingxing-steel.demo.cn', password: PASSWORD, displayName: '赵工', role: 'enterprise',
    organization: { kind: 'enterprise', country: 'CN', nameZh: '井陉矿区特钢有限公司', uscc: '91350100M000100Y43' },
  });
  await decideJoinRequest(on(201, '11:00'), steelAdmin, colleague.joinRequest!.id, 'approve');

  // The other district enterprises that own challenges, and the universities, institutes and companies that solve them.
  const members = await registerDemoOrganizations(on, bureau, PASSWORD);

  await setUserStatus(on(150, '10:00'), bureau, former.id, 'disable', '任期届满 Term ended');

  const owners = {
    'steel.wang': steelAdmin,
    'steel.zhao': asActor({ ...colleague.user, organizationId: steel.organization.id, isOrgAdmin: false }),
    ...Object.fromEntries(DEMO_ENTERPRISE_KEYS.map((k) => [k, members[k]])),
  } as Record<DemoOwnerKey, Actor>;
  // The challenges' stories and what follows publication (Q&A, applications, review, decision, award), in one time order.
  const ids = new Map<string, string>();
  await runTimeline(ctx, [
    ...demoChallengeSteps(anchor, { bureau, owners, solvers: members }, ids),
    ...demoApplicationSteps(anchor, { bureau, expert: asActor({ ...li, organizationId: null })!, owners, solvers: members }, ids),
  ]);

  // Still in the bureau's queue, so the verification page has work to show.
  await register(on(1, '10:05'), {
    email: 'liu@hengrui-refractory.demo.cn', password: PASSWORD, displayName: '刘经理', role: 'enterprise',
    organization: { kind: 'enterprise', country: 'CN', nameZh: '恒瑞耐火材料有限公司', nameEn: 'Hengrui Refractory Materials Co., Ltd.', uscc: withCheckCharacter('91130107MA0C8K7P1') },
  });
  await register(on(1, '16:20'), {
    email: 'j.smith@sheffield.ac.uk', password: PASSWORD, displayName: 'James Smith', role: 'solver', locale: 'en',
    organization: { kind: 'university', country: 'GB', nameEn: 'The University of Sheffield', website: 'https://www.sheffield.ac.uk', emailDomain: 'sheffield.ac.uk' },
  });

  // Deadlines that passed were recorded on the way; this catches any that passed while loading.
  await closeDueChallenges(ctx);
  await markDemoAddressesVerified(ctx);
  return [...DEMO_ACCOUNTS];
}

/**
 * The demo's people proved their addresses long ago: no verification mail waits for them. The one
 * step not taken through a service — its links live only in the mails, which a demo never opens.
 */
async function markDemoAddressesVerified(ctx: ServiceContext) {
  await inTransaction(ctx, async (tx) => {
    await tx.update(users).set({ emailVerifiedAt: sql`${users.createdAt}` }).where(isNull(users.emailVerifiedAt));
    await tx.delete(emailOutbox).where(eq(emailOutbox.kind, 'verify_email'));
    await tx.update(accountTokens).set({ usedAt: ctx.clock.now() }).where(isNull(accountTokens.usedAt));
  });
}
