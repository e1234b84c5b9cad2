/**
 * Route × role access matrix (issue 8, authorization): every route the app serves, as every role of
 * access-table.ts, on owned and foreign objects of one world built through the API. Refused cells
 * must get their status and change nothing; allowed cells must be served; and no answer, allowed or
 * refused, may carry a planted value (a restricted field, an application's text, a person's e-mail
 * or name, the payee's bank account, a recusal's or an objection's reasons) to a role not entitled
 * to it.
 */
import { emailOutbox } from '@challenge/db';
import { addDays, beijingDate, CURRENT_CONFIDENTIALITY_TERMS_VERSION, DEFAULT_RUBRIC } from '@challenge/domain';
import { and, desc, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { processNotificationEvents } from '../src/services/notifications/process-events';
import { unsubscribeToken } from '../src/services/mail/settings';
import { ACCESS, expected, IMPLICIT_METHODS, NOT_IN_TABLE, ROLES, type Access, type Role, type Target } from './access-table';
import { completeDraft } from './application-helpers';
import {
  bearer, bureauToken, challengeInput, enterpriseRegistration, fingerprint, foreignSolverRegistration, login, PASSWORD, registerUser, setupTestApp,
  sharedBureauToken, unique, verifiedEnterprise, verifiedSolver, type ChallengeJson, type Member,
} from './helpers';

const env = await setupTestApp();
const { app, clock } = env;
type Json = Record<string, any>;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date('2026-03-02T02:00:00Z'); // a Monday, 10:00 in Beijing, no holiday in the weeks after
const MARK = unique('MARK');
/** Values planted in the world, each appearing nowhere else, so "not in the body" proves it did not leak. */
const PLANTED = {
  restrictedOpen: `${MARK}-restricted-open`,
  restrictedReview: `${MARK}-restricted-review`,
  applicationOpen: `${MARK}-application-open`,
  applicationReview: `${MARK}-application-review`,
  applicationFile: `${MARK}-application-file`,
  teamLead: `${MARK}-team-lead`,
  solverName: `${MARK}-solver-name`,
  expertName: `${MARK}-expert-name`,
  payee: `${MARK}-6217000011112222`,
  recusal: `${MARK}-recusal-reason`,
  objection: `${MARK}-objection-reason`,
};
const SHEET = Object.fromEntries(DEFAULT_RUBRIC.map((c) => [c.key, { score: 8, comment: '方案可行。' }]));
const TEXT_FILE = (text: string) => Buffer.from(`检测报告 test report\n${text}\n`);

// ---- requests -------------------------------------------------------------------------------------

/** Each role calls from its own address, so per-address rate limits never mix the roles up. */
const ADDRESS = Object.fromEntries(ROLES.map((r, i) => [r, `10.0.${i}.1`])) as Record<Role, string>;
let spareAddress = 0;

async function must(method: Method, url: string, token: string, payload?: unknown) {
  const res = await app.inject({ method, url, headers: bearer(token), ...(payload !== undefined ? { payload: payload as Json } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.body ? (res.json() as Json) : {};
}

const fresh = async (m: Member): Promise<Member> => ({ ...m, token: (await login(app, m.email)).accessToken });

async function verifiedMember(body: Json): Promise<Member> {
  const r = await registerUser(app, body);
  await must('POST', `/api/organizations/${r.organization.id}/verify`, await sharedBureauToken(env), {});
  return { token: (await login(app, r.user.email)).accessToken, userId: r.user.id, organizationId: r.organization.id, email: r.user.email };
}

async function staff(role: 'expert' | 'finance', displayName: string = role): Promise<Member> {
  const email = `${unique(role)}@staff.example.cn`;
  const user = await must('POST', '/api/users', await sharedBureauToken(env), { email, password: PASSWORD, displayName, role });
  return { token: (await login(app, email)).accessToken, userId: user.id, organizationId: '', email };
}

/** The token of a single-use link mailed to `userId` (verification or reset), read from the outbox before it is sent. */
async function mailedToken(userId: string, kind: 'verify_email' | 'reset_password') {
  const [mail] = await env.database.db.select().from(emailOutbox).where(and(eq(emailOutbox.userId, userId), eq(emailOutbox.kind, kind))).orderBy(desc(emailOutbox.createdAt)).limit(1);
  const m = mail?.text.match(/\?token=([\w%.-]+)/);
  if (!m) throw new Error(`no ${kind} link for ${userId}`);
  return decodeURIComponent(m[1]!);
}

// ---- the world ------------------------------------------------------------------------------------

async function buildWorld() {
  clock.set(T0);
  const soon = () => new Date(clock.now().getTime() + 10 * 60_000).toISOString();
  let owner = await verifiedEnterprise(env);
  const otherEnterprise = await verifiedEnterprise(env);
  const solverBody = foreignSolverRegistration({ displayName: PLANTED.solverName });
  const solverDomain = (solverBody.organization as Json).emailDomain as string;
  let solver = await verifiedMember(solverBody);
  const partner = await verifiedSolver(env);
  let otherSolver = await verifiedSolver(env);
  let winner2 = await verifiedSolver(env);
  let expert = await staff('expert', PLANTED.expertName);
  let expertConflicted = await staff('expert');
  const expertUnassigned = await staff('expert');
  const spareExpert = await staff('expert');
  let finance = await staff('finance');

  const publish = async (overrides: Json = {}, before?: (c: ChallengeJson) => Promise<void>) => {
    const created = await must('POST', '/api/challenges', owner.token, challengeInput(env, overrides)) as ChallengeJson;
    if (before) await before(created);
    await must('POST', `/api/challenges/${created.id}/submit`, owner.token, {});
    return must('POST', `/api/challenges/${created.id}/approve`, await sharedBureauToken(env), { specialFundFen: 50_000_000 }) as Promise<ChallengeJson>;
  };
  const apply = async (s: Member, c: ChallengeJson, draft: Json = completeDraft(c), files: Buffer[] = []) => {
    const created = await must('POST', `/api/challenges/${c.id}/applications`, s.token, draft);
    const attached: string[] = [];
    for (const file of files) {
      const res = await app.inject({
        method: 'POST', url: `/api/attachments?parentType=application&parentId=${created.id}&filename=report.txt`,
        headers: { ...bearer(s.token), 'content-type': 'application/octet-stream' }, payload: file,
      });
      attached.push(res.json().id);
    }
    await must('POST', `/api/applications/${created.id}/submit`, s.token, {});
    return { id: created.id as string, attached };
  };
  const accept = (s: Member, c: ChallengeJson) => must('POST', `/api/challenges/${c.id}/confidentiality`, s.token, { termsVersion: CURRENT_CONFIDENTIALITY_TERMS_VERSION });
  /** The solver's application, with the partner in its consortium and a planted text. */
  const consortium = (c: ChallengeJson, text: string) => {
    const d = completeDraft(c);
    return { ...d, partnerOrganizationIds: [partner.organizationId], responses: { ...d.responses, 0: `${d.responses[0]} ${text}` }, team: [{ name: PLANTED.teamLead, role: '项目负责人', lead: true }] };
  };
  /** Seven milestones of ¥100,000 each, so the project has one for every step the matrix takes. */
  const sevenMilestones = (c: ChallengeJson) => {
    const after = beijingDate(new Date(Date.parse(c.deadline as string)));
    const milestones = Array.from({ length: 7 }, (_, i) => ({ title: `第${i + 1}阶段`, deliverables: '阶段报告', dueDate: addDays(after, 30 * (i + 1)), amountFen: 10_000_000 }));
    return { ...completeDraft(c, 70_000_000), milestones };
  };

  // Challenges whose deadline passes now: reviewed, decided, finalized.
  const review = await publish({ deadline: soon(), visibility: 'restricted', descriptionZh: `炉衬侵蚀数据 ${PLANTED.restrictedReview}` });
  const [decide, notice, final, proj, sign, elig, past] = [
    await publish({ deadline: soon() }), await publish({ deadline: soon() }), await publish({ deadline: soon() }), await publish({ deadline: soon() }),
    await publish({ deadline: soon() }), await publish({ deadline: soon() }), await publish({ deadline: soon() }),
  ];
  await accept(solver, review);
  const reviewApp = await apply(solver, review, consortium(review, PLANTED.applicationReview), [TEXT_FILE(PLANTED.applicationFile)]);
  const decideApp = await apply(solver, decide);
  const noticeApp = await apply(solver, notice);
  const finalApp = await apply(solver, final);
  const projApp = await apply(solver, proj, sevenMilestones(proj));
  const projApp2 = await apply(winner2, proj);
  const signApp = await apply(solver, sign);
  const eligApp = await apply(solver, elig);

  clock.advance(11 * 60_000);
  let bureau = await sharedBureauToken(env);
  [expert, expertConflicted] = [await fresh(expert), await fresh(expertConflicted)];
  const reviewed = [[review, reviewApp.id], [decide, decideApp.id], [notice, noticeApp.id], [final, finalApp.id], [proj, projApp.id], [proj, projApp2.id], [sign, signApp.id]] as const;
  for (const [c, id] of reviewed) {
    await must('POST', `/api/applications/${id}/eligibility`, bureau, { eligible: true });
    await must('POST', `/api/challenges/${c.id}/reviewers`, bureau, { applicationIds: [id], expertIds: c === review ? [expert.userId, expertConflicted.userId] : [expert.userId] });
    await must('PUT', `/api/applications/${id}/review`, expert.token, { conflict: false });
    await must('PUT', `/api/applications/${id}/review`, expert.token, { scores: SHEET });
  }
  await must('PUT', `/api/applications/${reviewApp.id}/review`, expertConflicted.token, { conflict: true, reason: PLANTED.recusal });
  const award = (id: string, awardFen = 100_000_000) => ({ applicationId: id, awardFen });
  await must('POST', `/api/challenges/${final.id}/decision`, bureau, { selections: [award(finalApp.id)], feedback: {} });
  await must('POST', `/api/challenges/${proj.id}/decision`, bureau, { selections: [award(projApp.id, 70_000_000), award(projApp2.id, 70_000_000)], feedback: {} });
  await must('POST', `/api/challenges/${sign.id}/decision`, bureau, { selections: [award(signApp.id)], feedback: {} });

  // Ten days on: the first notices are over; a new one starts.
  clock.advance(10 * DAY);
  bureau = await sharedBureauToken(env);
  [owner, solver, otherSolver, winner2, finance] = [await fresh(owner), await fresh(solver), await fresh(otherSolver), await fresh(winner2), await fresh(finance)];
  const projects = (await must('POST', `/api/challenges/${proj.id}/finalize`, bureau, {})).projects as string[];
  const [unsignedProject] = (await must('POST', `/api/challenges/${sign.id}/finalize`, bureau, {})).projects as string[];
  await must('POST', `/api/challenges/${notice.id}/decision`, bureau, { selections: [award(noticeApp.id)], feedback: {} });
  const objection = await must('POST', `/api/challenges/${notice.id}/objections`, otherSolver.token, { reasons: `中选单位资质存疑 ${PLANTED.objection}` });

  const ofSolver = async (id: string) => (await must('GET', `/api/projects/${id}`, bureau)).organization.id === solver.organizationId;
  const activeProject = (await ofSolver(projects[0]!)) ? projects[0]! : projects[1]!;
  const stopProject = projects.find((p) => p !== activeProject)!;
  await must('POST', `/api/projects/${activeProject}/sign`, solver.token, { payee: { accountName: '某大学', bank: '中国工商银行', accountNumber: PLANTED.payee } });
  const m = ((await must('POST', `/api/projects/${activeProject}/sign`, owner.token, {})).milestones as Json[]).map((x) => x.id as string);
  await must('POST', `/api/projects/${stopProject}/sign`, winner2.token, { payee: { accountName: '另一所大学', bank: '中国银行', accountNumber: '6217 9999' } });
  await must('POST', `/api/projects/${stopProject}/sign`, owner.token, {});
  const releases: Record<string, Json> = {};
  for (const [i, id] of m.slice(0, 4).entries()) {
    await must('POST', `/api/milestones/${id}/submit`, solver.token, { report: '阶段报告已提交。' });
    await must('POST', `/api/milestones/${id}/review`, owner.token, { accept: true });
    for (const r of (await must('POST', `/api/milestones/${id}/verify`, bureau)).releases as Json[]) if (r.milestoneId === id) releases[`${i}${r.source}`] = r;
  }
  const rel = (key: string) => releases[key]!.id as string;
  // Milestone 1: both paid, the special fund's reported as not received. 2: the enterprise share paid and
  // confirmed, the special fund's due. 3: the enterprise share paid, not yet answered. 4: nothing paid yet.
  await must('POST', `/api/releases/${rel('0enterprise')}/disburse`, owner.token, {});
  await must('POST', `/api/releases/${rel('0enterprise')}/answer`, solver.token, { received: true });
  await must('POST', `/api/releases/${rel('0special_fund')}/disburse`, finance.token, { paymentReference: unique('CZ-') });
  await must('POST', `/api/releases/${rel('0special_fund')}/answer`, solver.token, { received: false, reason: '尚未到账。' });
  await must('POST', `/api/releases/${rel('1enterprise')}/disburse`, owner.token, {});
  await must('POST', `/api/releases/${rel('1enterprise')}/answer`, solver.token, { received: true });
  await must('POST', `/api/releases/${rel('2enterprise')}/disburse`, owner.token, {});
  await must('POST', `/api/milestones/${m[4]}/submit`, solver.token, { report: '阶段报告已提交。' });
  await must('POST', `/api/milestones/${m[4]}/review`, owner.token, { accept: true });
  await must('POST', `/api/milestones/${m[5]}/submit`, solver.token, { report: '阶段报告已提交。' });
  const asked = await must('POST', `/api/projects/${activeProject}/change-requests`, solver.token, { kind: 'due_date', milestoneId: m[6], dueDate: '2026-10-30', reason: '设备到货延迟。' });

  // Open challenges.
  let restrictedAttachment = '';
  const open = await publish({ visibility: 'restricted', descriptionZh: `炉衬侵蚀数据 ${PLANTED.restrictedOpen}` }, async (c) => {
    const res = await app.inject({
      method: 'POST', url: `/api/attachments?parentType=challenge&parentId=${c.id}&filename=spec.txt`,
      headers: { ...bearer(owner.token), 'content-type': 'application/octet-stream' }, payload: TEXT_FILE(PLANTED.restrictedOpen),
    });
    restrictedAttachment = res.json().id;
  });
  const publicChallenge = await publish();
  const terms = await publish({ visibility: 'restricted' });
  const draft = await must('POST', '/api/challenges', owner.token, challengeInput(env));
  const pending = await must('POST', '/api/challenges', owner.token, challengeInput(env));
  await must('POST', `/api/challenges/${pending.id}/submit`, owner.token, {});
  await accept(solver, open);
  const openApp = await apply(solver, open, consortium(open, PLANTED.applicationOpen), [TEXT_FILE('补充说明')]);
  const question = await must('POST', `/api/challenges/${publicChallenge.id}/questions`, otherSolver.token, { body: '试样由谁提供？' });
  const savedSearch = await must('POST', '/api/me/saved-searches', solver.token, { name: '高温合金', query: { q: '高温合金' } });

  const ownerOrg = (await must('GET', '/api/me', owner.token)).organization as Json;
  const joiner = await registerUser(app, enterpriseRegistration({}, { uscc: ownerOrg.uscc }));
  const joinRequest = joiner.joinRequest!.id;
  const pendingOrganization = (await registerUser(app, foreignSolverRegistration())).organization.id;
  const activeUser = (await registerUser(app, enterpriseRegistration())).user.id;
  const disabledUser = (await registerUser(app, enterpriseRegistration())).user.id;
  await must('POST', `/api/users/${disabledUser}/disable`, bureau, {});
  // The solver's colleague, let in by the solver, then disabled by the bureau.
  const colleague = await registerUser(app, foreignSolverRegistration({ email: `colleague@${solverDomain}` }, solverBody.organization as Json));
  await must('POST', `/api/join-requests/${colleague.joinRequest!.id}/approve`, solver.token, {});
  const disabledToken = (await login(app, colleague.user.email)).accessToken;
  await must('POST', `/api/users/${colleague.user.id}/disable`, bureau, {});

  await processNotificationEvents(app.ctx, 10_000);
  const notification = ((await must('GET', '/api/notifications', solver.token)).items as Json[])[0]!.id as string;
  const bureauEmail = `${unique('bureau')}@kgj.example.gov.cn`;
  const people = { owner, otherEnterprise, solver, partner, otherSolver, expert, expertUnassigned, expertConflicted, finance };
  const tokens = { anonymous: undefined, bureau: await bureauToken(env, bureauEmail), disabled: disabledToken } as Record<Role, string | undefined>;
  for (const [role, p] of Object.entries(people)) tokens[role as Role] = (await login(app, p.email)).accessToken;

  const ids: Record<Target, string> = {
    draftChallenge: draft.id, pendingChallenge: pending.id, openChallenge: open.id, publicChallenge: publicChallenge.id, termsChallenge: terms.id,
    pastDeadlineChallenge: past.id, reviewChallenge: review.id, decideChallenge: decide.id, noticeChallenge: notice.id, finalizeChallenge: final.id,
    openApplication: openApp.id, reviewApplication: reviewApp.id, eligibilityApplication: eligApp.id,
    restrictedAttachment, applicationAttachment: reviewApp.attached[0]!, question: question.id, objection: objection.id,
    activeProject, unsignedProject: unsignedProject!, stopProject,
    submitMilestone: m[6]!, reviewMilestone: m[5]!, verifyMilestone: m[4]!,
    ownerRelease: rel('3enterprise'), fundRelease: rel('1special_fund'), answerRelease: rel('2enterprise'), disputedRelease: rel('0special_fund'),
    changeRequest: (asked.changeRequests as Json[])[0]!.id,
    solverNotification: notification, solverSavedSearch: savedSearch.id,
    ownerOrganization: owner.organizationId, solverOrganization: solver.organizationId, pendingOrganization, joinRequest,
    activeUser, disabledUser, spareExpert: spareExpert.userId,
    calendarYear: '2031', budgetYear: '2030', applicationsCsv: 'applications.csv', releasesCsv: 'releases.csv', mine: '', pendingQueue: '',
  };
  const emails = { ...Object.fromEntries(Object.entries(people).map(([role, p]) => [role, p.email])), bureau: bureauEmail, disabled: colleague.user.email } as Record<Role, string>;
  const joinerEmail = joiner.user.email;
  // Users the account routes act on: signing in (for refresh tokens) and resetting a password end their sessions.
  const [signIn, reset] = [(await registerUser(app, enterpriseRegistration())).user, (await registerUser(app, enterpriseRegistration())).user];
  return { solver, publicChallenge, decideApp, reviewApp, ids, tokens, emails, joinerEmail, signIn, reset };
}

type World = Awaited<ReturnType<typeof buildWorld>>;
let world: World;

// ---- what each cell sends -------------------------------------------------------------------------

/** Routes whose allowed call uses its object up: every role allowed gets a new one. */
const FRESH: Record<string, () => Promise<string>> = {
  'POST /api/challenges/:id/submit': () => newDraft(),
  'POST /api/challenges/:id/cancel': () => newDraft(),
  'POST /api/challenges/:id/approve': () => newPending(),
  'POST /api/challenges/:id/return': () => newPending(),
  'POST /api/applications/:id/withdraw': async () => {
    const c = await must('POST', '/api/challenges', world.tokens.owner!, challengeInput(env));
    await must('POST', `/api/challenges/${c.id}/submit`, world.tokens.owner!, {});
    await must('POST', `/api/challenges/${c.id}/approve`, world.tokens.bureau!, { specialFundFen: 0 });
    return (await must('POST', `/api/challenges/${c.id}/applications`, world.tokens.solver!, {})).id;
  },
  'POST /api/questions/:id/answer': async () => (await must('POST', `/api/challenges/${world.ids.publicChallenge}/questions`, world.tokens.otherSolver!, { body: '验收标准是什么？' })).id,
  'DELETE /api/me/saved-searches/:id': async () => (await must('POST', '/api/me/saved-searches', world.tokens.solver!, { name: '铸造', query: { q: '铸造' } })).id,
  'POST /api/join-requests/:id/approve': () => newJoinRequest(),
  'POST /api/join-requests/:id/reject': () => newJoinRequest(),
  'POST /api/organizations/:id/verify': async () => (await registerUser(app, foreignSolverRegistration())).organization.id,
  'POST /api/organizations/:id/reject': async () => (await registerUser(app, foreignSolverRegistration())).organization.id,
};
const newDraft = async () => (await must('POST', '/api/challenges', world.tokens.owner!, challengeInput(env))).id as string;
async function newPending() {
  const id = await newDraft();
  await must('POST', `/api/challenges/${id}/submit`, world.tokens.owner!, {});
  return id;
}
async function newJoinRequest() {
  const uscc = (await must('GET', '/api/me', world.tokens.owner!)).organization.uscc;
  return (await registerUser(app, enterpriseRegistration({}, { uscc }))).joinRequest!.id;
}

/** A fresh sign-in's refresh token (refresh and logout use one up), from an address of its own (sign-ins are rate-limited). */
async function refreshToken() {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: `10.9.${spareAddress++}.1`, payload: { email: world.signIn.email, password: PASSWORD } });
  return { refreshToken: res.json().refreshToken as string };
}

interface Cell { route: string; access: Access; role: Role; refused: boolean }

/**
 * A valid body for the route, so the matrix tests the right to call it, not validation. Refused cells
 * get one that costs nothing to make (a placeholder token): they are turned away before it is read,
 * and making a real one would change the world inside the fingerprint.
 */
const BODY: Record<string, (cell: Cell) => unknown> = {
  'POST /api/auth/register': () => enterpriseRegistration(),
  'POST /api/auth/login': ({ role }) => ({ email: role === 'anonymous' ? world.signIn.email : world.emails[role], password: PASSWORD }),
  'POST /api/auth/refresh': ({ refused }) => (refused ? { refreshToken: 'placeholder' } : refreshToken()),
  'POST /api/auth/logout': ({ refused }) => (refused ? { refreshToken: 'placeholder' } : refreshToken()),
  'POST /api/auth/verify-email': async ({ refused }) => {
    if (refused) return { token: 'placeholder' };
    const r = await registerUser(app, foreignSolverRegistration());
    return { token: await mailedToken(r.user.id, 'verify_email') };
  },
  'POST /api/auth/password-reset/request': () => ({ email: world.reset.email }),
  'POST /api/auth/password-reset': async ({ refused }) => {
    if (refused) return { token: 'placeholder', password: 'a-brand-new-password' };
    const res = await app.inject({ method: 'POST', url: '/api/auth/password-reset/request', remoteAddress: `10.9.${spareAddress++}.1`, payload: { email: world.reset.email } });
    if (res.statusCode !== 202) throw new Error(`reset request: ${res.body}`);
    return { token: await mailedToken(world.reset.id, 'reset_password'), password: 'a-brand-new-password' };
  },
  'PATCH /api/me': () => ({ locale: 'zh-CN' }),
  'PUT /api/me/email-preferences': () => ({ kinds: [{ kind: 'question_answered', email: true }] }),
  'POST /api/me/saved-searches': () => ({ name: '耐火材料', query: { q: '耐火材料' } }),
  'PATCH /api/me/saved-searches/:id': () => ({ alerts: false }),
  'POST /api/users': () => ({ email: `${unique('staff')}@staff.example.cn`, password: PASSWORD, displayName: '新专家', role: 'expert' }),
  'POST /api/organizations/:id/reject': () => ({ reason: '资料不全。' }),
  'POST /api/join-requests/:id/reject': () => ({ reason: '不是本单位员工。' }),
  'POST /api/challenges': () => challengeInput(env),
  'PATCH /api/challenges/:id': () => ({ titleZh: '高温合金真空感应熔炼夹杂物控制（修订）' }),
  'POST /api/challenges/:id/approve': () => ({ specialFundFen: 10_000_000 }),
  'POST /api/challenges/:id/return': () => ({ reason: '请补充测试方法。' }),
  'POST /api/challenges/:id/cancel': () => ({ reason: '需求已由内部解决。' }),
  'POST /api/challenges/:id/amendments': () => ({ kind: 'clarification', textZh: '试样由发榜企业提供。' }),
  'POST /api/challenges/:id/confidentiality': () => ({ termsVersion: CURRENT_CONFIDENTIALITY_TERMS_VERSION }),
  'POST /api/challenges/:id/questions': () => ({ body: '是否接受联合体揭榜？' }),
  'POST /api/questions/:id/answer': () => ({ answer: '接受。' }),
  'POST /api/challenges/:id/applications': () => completeDraft(world.publicChallenge),
  'PATCH /api/applications/:id': () => ({ priorResults: '发表相关论文 13 篇。' }),
  'POST /api/applications/:id/eligibility': () => ({ eligible: true }),
  'PUT /api/applications/:id/review': () => ({ scores: SHEET }),
  'PUT /api/experts/:id/profile': () => ({ expertise: ['冶金'] }),
  'PUT /api/challenges/:id/rubric': () => ({ criteria: DEFAULT_RUBRIC }),
  'POST /api/challenges/:id/reviewers': () => ({ applicationIds: [world.reviewApp.id], expertIds: [world.ids.spareExpert] }),
  'POST /api/challenges/:id/decision': () => ({ selections: [{ applicationId: world.decideApp.id, awardFen: 100_000_000 }], feedback: {} }),
  'POST /api/challenges/:id/objections': () => ({ reasons: '评审过程不够公开透明。' }),
  'POST /api/objections/:id/resolve': () => ({ outcome: 'dismissed', resolution: '经核查，异议不成立。' }),
  'POST /api/projects/:id/sign': ({ role }) => (role === 'solver' ? { payee: { accountName: '某大学', bank: '中国工商银行', accountNumber: PLANTED.payee } } : {}),
  'POST /api/projects/:id/stop': () => ({ reason: '中期评估未达标。' }),
  'POST /api/projects/:id/change-requests': () => ({ kind: 'payee', payee: { accountName: '某大学', bank: '中国银行', accountNumber: '6217 3333' }, reason: '更换账户。' }),
  'PUT /api/projects/:id/indicator-results': () => ({ results: [0, 1].map((position) => ({ position, achieved: '达标', evidence: '检测报告', met: true })) }),
  'POST /api/change-requests/:id/decide': () => ({ approve: false, reason: '理由不充分。' }),
  'POST /api/milestones/:id/submit': () => ({ report: '阶段报告。' }),
  'POST /api/milestones/:id/review': () => ({ accept: false, feedback: '请补充数据。' }),
  'POST /api/releases/:id/disburse': ({ access }) => (access.on === 'fundRelease' ? { paymentReference: unique('CZ-') } : {}),
  'POST /api/releases/:id/answer': () => ({ received: true }),
  'POST /api/releases/:id/resolve': () => ({ paid: true, resolution: '已核实到账。' }),
  'PUT /api/budgets/:year': () => ({ budgetFen: 1_000_000_000 }),
  'PUT /api/calendar/:year': () => ({ holidays: [{ day: '2031-10-01', note: '国庆节' }], workdays: [] }),
};
/** Routes that take no body at all. */
const NO_BODY = new Set(['POST /api/auth/verify-email/resend', 'POST /api/milestones/:id/verify', 'PUT /api/challenges/:id/follow', 'DELETE /api/challenges/:id/follow', 'POST /api/unsubscribe']);
const QUERY: Partial<Record<Target, string>> = { mine: '?mine=1' };
const PENDING_QUEUE: Record<string, string> = { 'GET /api/challenges': '?status=pending_review', 'GET /api/organizations': '?status=pending' };
const PARENT_TYPE: Partial<Record<Target, string>> = { draftChallenge: 'challenge', openApplication: 'application', submitMilestone: 'milestone' };

async function request(cell: Cell): Promise<InjectOptions> {
  const { route, access, role, refused } = cell;
  const [method, pattern] = route.split(' ') as [Method, string];
  const id = !refused && FRESH[route] ? await FRESH[route]() : access.on ? world.ids[access.on] : '';
  let url = pattern.replace(/:\w+/, id);
  if (access.on === 'mine') url += QUERY.mine;
  if (access.on === 'pendingQueue') url += PENDING_QUEUE[route];
  const headers: Record<string, string> = world.tokens[role] ? bearer(world.tokens[role]!) : {};
  if (route.endsWith('/unsubscribe')) url += `?token=${encodeURIComponent(unsubscribeToken(app.ctx.mail!, world.solver.userId, 'question_answered'))}`;
  if (route === 'POST /api/attachments') {
    url += `?parentType=${PARENT_TYPE[access.on!]}&parentId=${id}&filename=notes.txt`;
    return { method, url, headers: { ...headers, 'content-type': 'application/octet-stream' }, payload: TEXT_FILE('补充说明'), remoteAddress: ADDRESS[role] };
  }
  const body = method === 'GET' || NO_BODY.has(route) ? undefined : await (BODY[route]?.(cell) ?? {});
  return { method, url, headers, remoteAddress: ADDRESS[role], ...(body !== undefined ? { payload: body as Json } : {}) };
}

// ---- what each answer may carry -------------------------------------------------------------------

interface Seen { route: string; on?: Target; role: Role; status: number; body: string }
const seen: Seen[] = [];
const cellText = (s: Seen) => `${s.route} (${s.on ?? '-'}) as ${s.role}: ${s.status} ${s.body.slice(0, 200)}`;

/** Each planted value, and who may read it (anywhere but `never`). */
function entitlements(): { name: string; value: string; roles: Role[]; never?: RegExp }[] {
  const e = world.emails;
  return [
    { name: 'restricted field (open challenge)', value: PLANTED.restrictedOpen, roles: ['owner', 'bureau', 'solver'] },
    // The expert reviewing one of its applications, declared free of conflict, reads what it scores against.
    { name: 'restricted field (challenge in review)', value: PLANTED.restrictedReview, roles: ['owner', 'bureau', 'solver', 'expert'] },
    // Before the deadline not even the owner reads an application.
    { name: 'application text (open challenge)', value: PLANTED.applicationOpen, roles: ['solver', 'bureau'] },
    { name: 'application text (in review)', value: PLANTED.applicationReview, roles: ['solver', 'owner', 'bureau', 'expert'] },
    { name: 'application file (in review)', value: PLANTED.applicationFile, roles: ['solver', 'owner', 'bureau', 'expert'] },
    { name: "applicant's team member", value: PLANTED.teamLead, roles: ['solver', 'owner', 'bureau', 'expert'] },
    { name: "solver's name", value: PLANTED.solverName, roles: ['solver', 'bureau'] },
    // The ranking never says who reviewed.
    { name: "reviewing expert's name", value: PLANTED.expertName, roles: ['expert', 'bureau'] },
    // Those who pay it read the account; exports carry no bank details at all.
    { name: 'payee account', value: PLANTED.payee, roles: ['solver', 'owner', 'finance', 'bureau'], never: /^GET \/api\/reports\// },
    { name: 'recusal reason', value: PLANTED.recusal, roles: ['expertConflicted', 'bureau'] },
    { name: 'objection reasons', value: PLANTED.objection, roles: ['otherSolver', 'bureau'] },
    // The disabled colleague's address is in no answer of the matrix to anyone (the bureau finds it by search).
    ...ROLES.filter((r) => r !== 'anonymous' && r !== 'disabled').map((r) => ({ name: `${r}'s e-mail`, value: e[r], roles: [r, 'bureau'] as Role[] })),
    // The organisation's admin decides who joins it, so it reads who asks.
    { name: "join requester's e-mail", value: world.joinerEmail, roles: ['owner', 'bureau'] },
  ];
}

function assertNoLeak(s: Seen) {
  const leaked = entitlements().filter((x) => (!x.roles.includes(s.role) || x.never?.test(s.route)) && s.body.includes(x.value));
  expect.soft(leaked.map((x) => x.name), `what ${cellText(s)} may not read`).toEqual([]);
}

async function run(cell: Cell) {
  const res = await app.inject(await request(cell));
  const s: Seen = { route: cell.route, on: cell.access.on, role: cell.role, status: res.statusCode, body: res.body };
  seen.push(s);
  assertNoLeak(s);
  return s;
}

const area = (c: Cell) => c.route.split('/')[2]!;
const cells = (refused: boolean): Cell[] =>
  Object.entries(ACCESS).flatMap(([route, cases]) => cases.flatMap((access) =>
    ROLES.filter((role) => (expected(access, role) !== 'ok') === refused).map((role) => ({ route, access, role, refused }))));

// ---- the matrix -----------------------------------------------------------------------------------

beforeAll(async () => {
  world = await buildWorld();
}, 120_000);

describe('route × role access matrix', () => {
  it('the table names every route the app serves, and only those', () => {
    const served = servedRoutes();
    const inTable = new Set(Object.keys(ACCESS));
    expect([...served].filter((r) => !inTable.has(r) && !(r in NOT_IN_TABLE)), 'routes missing from access-table.ts').toEqual([]);
    expect([...inTable, ...Object.keys(NOT_IN_TABLE)].filter((r) => !served.has(r)), 'entries for routes the app does not serve').toEqual([]);
    expect(served.size).toBeGreaterThan(100);
  });

  it('every refused cell gets its status, as problem details, and changes nothing', async () => {
    const refused = cells(true);
    // The database is fingerprinted after every batch of about 300 cells (whole areas of the API,
    // by the path's first segment), so a change is traced to a few routes without a fingerprint per cell.
    const areas = [...new Set(refused.map(area))];
    let before = await fingerprint(env);
    let batch: string[] = [];
    for (const [i, name] of areas.entries()) {
      for (const cell of refused.filter((c) => area(c) === name)) {
        const s = await run(cell);
        expect.soft(s.status, cellText(s)).toBe(expected(cell.access, cell.role));
        expect.soft(s.body.startsWith('{') ? JSON.parse(s.body) : s.body, cellText(s)).toMatchObject({ status: s.status, code: expect.any(String) });
      }
      batch.push(name);
      if (refused.filter((c) => batch.includes(area(c))).length < 300 && i < areas.length - 1) continue;
      const after = await fingerprint(env);
      expect(after, `refused calls under /api/{${batch.join(',')}} changed the database`).toEqual(before);
      [before, batch] = [after, []];
    }
    expect(refused.length).toBeGreaterThan(800);
  }, 120_000);

  it('every allowed cell is served', async () => {
    const allowed = cells(false);
    for (const cell of allowed) {
      const s = await run(cell);
      expect.soft(s.status >= 200 && s.status < 300, cellText(s)).toBe(true);
    }
    expect(allowed.length).toBeGreaterThan(300);
  }, 120_000);

  it('each planted value reached some reader entitled to it (so its absence elsewhere means something)', () => {
    for (const x of entitlements()) {
      expect(seen.some((s) => x.roles.includes(s.role) && s.body.includes(x.value)), x.name).toBe(true);
    }
  });
});

/** `METHOD /path` of every route the app serves, from Fastify's own route tree. */
function servedRoutes(): Set<string> {
  const routes = new Set<string>();
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n').filter((l) => l.trim())) {
    const m = line.match(/^((?:│ {3}| {4})*)[├└]── (.+) \(([^)]+)\)$/);
    if (!m) throw new Error(`unreadable route tree line: ${line}`);
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + m[2]!;
    stack.push(path);
    for (const method of m[3]!.split(', ')) if (!IMPLICIT_METHODS.includes(method)) routes.add(`${method} ${path}`);
  }
  return routes;
}
