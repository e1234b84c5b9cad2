import { accountTokens, emailOutbox, notifications, users } from '@challenge/db';
import { and, eq } from 'drizzle-orm';
import { onPostgres } from '@challenge/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processNotificationEvents } from '../src/services/notifications/process-events';
import { remindDraftDeadlines } from '../src/services/applications/deadline-reminders';
import { sendDueMails } from '../src/services/mail/send-mails';
import { smtpTransport, type MailTransport } from '../src/services/mail/transport';
import { ALERT_INTERVAL_MS, runSavedSearchAlerts } from '../src/services/subscriptions/saved-searches';
import { completeDraft } from './application-helpers';
import {
  bearer, challengeIn, fingerprint, foreignSolverRegistration, login, PASSWORD, registerUser, setupTestApp, sharedBureauToken, type Member, type TestEnv,
} from './helpers';
import { startMailServer, type TestMailServer } from './mail-server';

const env: TestEnv = await setupTestApp();
const { app } = env;
const db = env.database.db;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let smtp: TestMailServer;
let transport: MailTransport;
beforeAll(async () => {
  smtp = await startMailServer();
  transport = smtpTransport(smtp.url, 'Test <no-reply@test.example>');
});
afterAll(async () => {
  transport.close();
  await smtp.close();
});

/** What the background loops do: events become notifications (and queued mails), then due mails go out. */
async function deliver() {
  while ((await processNotificationEvents(app.ctx)) > 0);
  while ((await sendDueMails(app.ctx, transport)) > 0);
}

const linkIn = (text: string, path: string) => {
  const m = text.match(new RegExp(`https?://\\S+${path}\\?token=([\\w%.-]+)`));
  if (!m) throw new Error(`no ${path} link in: ${text}`);
  return decodeURIComponent(m[1]!);
};

/** A solver who registered, received the verification mail and opened its link. */
async function verifiedPerson(locale: 'zh-CN' | 'en'): Promise<Member> {
  const r = await registerUser(app, foreignSolverRegistration({ locale }));
  await deliver();
  const [mail] = smtp.inbox(r.user.email);
  const res = await app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token: linkIn(mail!.text, '/verify-email') } });
  expect(res.statusCode).toBe(200);
  const bureau = await sharedBureauToken(env);
  await app.inject({ method: 'POST', url: `/api/organizations/${r.organization.id}/verify`, headers: bearer(bureau), payload: {} });
  return { token: (await login(app, r.user.email)).accessToken, userId: r.user.id, organizationId: r.organization.id, email: r.user.email };
}

async function enterprise(): Promise<Member> {
  const { verifiedEnterprise } = await import('./helpers');
  return verifiedEnterprise(env);
}

async function askAndAnswer(owner: Member, asker: Member, challengeId: string) {
  const q = await app.inject({ method: 'POST', url: `/api/challenges/${challengeId}/questions`, headers: bearer(asker.token), payload: { body: '样品尺寸有要求吗？' } });
  expect(q.statusCode).toBe(201);
  const a = await app.inject({ method: 'POST', url: `/api/questions/${q.json().id}/answer`, headers: bearer(owner.token), payload: { answer: '直径 20 毫米以上即可。' } });
  expect(a.statusCode).toBe(200);
}

describe('verifying the address at registration', () => {
  it('mails a single-use link in the registrant’s language; it proves the address once, and not after 30 minutes', async () => {
    const r = await registerUser(app, foreignSolverRegistration({ locale: 'en' }));
    expect((await login(app, r.user.email)).accessToken).toBeTruthy();
    await deliver();
    const mails = smtp.inbox(r.user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('[Open Challenges] Please confirm your e-mail address');
    const token = linkIn(mails[0]!.text, '/verify-email');
    // Only the hash is kept, and the sent mail's body is blanked.
    const [stored] = await db.select().from(accountTokens).where(eq(accountTokens.userId, r.user.id));
    expect(stored!.tokenHash).not.toContain(token);
    const [outboxRow] = await db.select().from(emailOutbox).where(and(eq(emailOutbox.userId, r.user.id), eq(emailOutbox.kind, 'verify_email')));
    expect(outboxRow).toMatchObject({ status: 'sent', text: '', attempts: 1 });

    const me = async () => (await app.inject({ method: 'GET', url: '/api/me', headers: bearer((await login(app, r.user.email)).accessToken) })).json().user.emailVerified;
    expect(await me()).toBe(false);
    expect((await app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token } })).statusCode).toBe(200);
    expect(await me()).toBe(true);
    const again = await app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token }, headers: { 'accept-language': 'zh-CN' } });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ code: 'link_invalid', title: '链接无效' });

    // A second registrant waits 31 minutes: the link has expired.
    const late = await registerUser(app, foreignSolverRegistration({ locale: 'zh-CN' }));
    await deliver();
    const [lateMail] = smtp.inbox(late.user.email);
    expect(lateMail!.subject).toBe('[揭榜挂帅] 请验证您的邮箱地址');
    env.clock.advance(31 * MINUTE);
    const expired = await app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token: linkIn(lateMail!.text, '/verify-email') } });
    expect(expired.json()).toMatchObject({ code: 'link_invalid' });
    const [lateUser] = await db.select().from(users).where(eq(users.id, late.user.id));
    expect(lateUser!.emailVerifiedAt).toBeNull();
  });

  it('refuses a made-up token and a malformed body with problem details, changing nothing', async () => {
    const before = await fingerprint(env);
    const forged = await app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token: 'not-a-token' } });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().code).toBe('link_invalid');
    const malformed = await app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token: '' } });
    expect(malformed.statusCode).toBe(422);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect(await fingerprint(env)).toEqual(before);
  });
});

describe('notification e-mail', () => {
  it('reaches exactly the people concerned, once, each in their own language; followers hear as followers; unverified addresses get nothing', async () => {
    const owner = await enterprise();
    const challenge = await challengeIn(env, owner, 'published');
    const asker = await verifiedPerson('en');
    const follower = await verifiedPerson('zh-CN');
    const bystander = await verifiedPerson('en');
    // Registered but never opened the verification link: in-app only.
    const unverified = await registerUser(app, foreignSolverRegistration());
    const unverifiedToken = (await login(app, unverified.user.email)).accessToken;
    for (const who of [follower.token, unverifiedToken]) {
      expect((await app.inject({ method: 'PUT', url: `/api/challenges/${challenge.id}/follow`, headers: bearer(who) })).json()).toEqual({ following: true });
    }
    const counts = () => Object.fromEntries([asker, follower, bystander].map((m) => [m.email, smtp.inbox(m.email).length]));
    const before = counts();

    await askAndAnswer(owner, asker, challenge.id);
    await deliver();
    await deliver(); // a second pass sends nothing again

    const after = counts();
    expect(after[asker.email]! - before[asker.email]!).toBe(1);
    expect(after[follower.email]! - before[follower.email]!).toBe(1);
    expect(after[bystander.email]).toBe(before[bystander.email]);
    expect(smtp.inbox(unverified.user.email).filter((m) => !m.subject.includes('验证') && !m.subject.includes('confirm'))).toHaveLength(0);
    // The unverified follower still has the in-app notification.
    const inApp = await db.select().from(notifications).where(eq(notifications.userId, unverified.user.id));
    expect(inApp.map((n) => n.kind)).toContain('question_answered');

    const toAsker = smtp.inbox(asker.email).at(-1)!;
    expect(toAsker.subject).toBe(`[Open Challenges] Your question about “${challenge.titleEn}” has been answered.`);
    expect(toAsker.text).toContain(`/challenges/${challenge.id}`);
    const toFollower = smtp.inbox(follower.email).at(-1)!;
    expect(toFollower.subject).toBe(`[揭榜挂帅] 您关注的榜单「${challenge.titleZh}」有一个问题得到了答复。`);
    // Nothing about anyone else: no other address, not the question's text.
    for (const m of [toAsker, toFollower]) {
      expect(m.text).not.toContain(owner.email);
      expect(m.text).not.toContain('样品尺寸');
      expect(m.to).toHaveLength(1);
    }
    expect(toAsker.text).not.toContain(follower.email);
    // RFC 8058 one-click unsubscribe header, to the API.
    expect(toAsker.headers.get('list')).toMatchObject({ unsubscribe: { url: expect.stringMatching(/\/api\/unsubscribe\?token=/) }, 'unsubscribe-post': { name: 'List-Unsubscribe=One-Click' } });
  });

  it('respects the preference per kind, and the unsubscribe link turns a kind off without signing in', async () => {
    const owner = await enterprise();
    const challenge = await challengeIn(env, owner, 'published');
    const asker = await verifiedPerson('en');

    const prefs = await app.inject({ method: 'GET', url: '/api/me/email-preferences', headers: bearer(asker.token) });
    expect(prefs.json().emailVerified).toBe(true);
    expect(prefs.json().kinds.find((k: { kind: string }) => k.kind === 'question_answered')).toEqual({ kind: 'question_answered', email: true });

    await askAndAnswer(owner, asker, challenge.id);
    await deliver();
    const mail = smtp.inbox(asker.email).at(-1)!;
    const token = linkIn(mail.text, '/unsubscribe');
    // Reading the link changes nothing (mail scanners open links); posting it does.
    expect((await app.inject({ method: 'GET', url: `/api/unsubscribe?token=${encodeURIComponent(token)}` })).json()).toEqual({ kind: 'question_answered', email: true });
    const oneClick = await app.inject({
      method: 'POST', url: `/api/unsubscribe?token=${encodeURIComponent(token)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.json()).toEqual({ kind: 'question_answered', email: false });

    const sent = smtp.inbox(asker.email).length;
    await askAndAnswer(owner, asker, challenge.id);
    await deliver();
    expect(smtp.inbox(asker.email)).toHaveLength(sent);
    const inApp = await db.select().from(notifications).where(and(eq(notifications.userId, asker.userId), eq(notifications.kind, 'question_answered')));
    expect(inApp).toHaveLength(2);

    // Turned back on from the account page.
    const put = await app.inject({ method: 'PUT', url: '/api/me/email-preferences', headers: bearer(asker.token), payload: { kinds: [{ kind: 'question_answered', email: true }] } });
    expect(put.json().kinds.find((k: { kind: string }) => k.kind === 'question_answered').email).toBe(true);
    await askAndAnswer(owner, asker, challenge.id);
    await deliver();
    expect(smtp.inbox(asker.email)).toHaveLength(sent + 1);

    // A token for another user cannot be made by editing one: the signature no longer matches.
    const [body, sig] = token.split('.');
    const decoded = JSON.parse(Buffer.from(body!, 'base64url').toString()) as [string, string];
    const forged = `${Buffer.from(JSON.stringify([owner.userId, decoded[1]])).toString('base64url')}.${sig}`;
    const refused = await app.inject({ method: 'POST', url: `/api/unsubscribe?token=${encodeURIComponent(forged)}` });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('link_invalid');
    const bad = await app.inject({ method: 'PUT', url: '/api/me/email-preferences', headers: bearer(asker.token), payload: { kinds: [{ kind: 'no_such_kind', email: false }] } });
    expect(bad.statusCode).toBe(422);
    expect((await app.inject({ method: 'GET', url: '/api/me/email-preferences' })).statusCode).toBe(401);
  });

  it('waits in the outbox while SMTP is down and goes out once when it is back', async () => {
    const owner = await enterprise();
    const challenge = await challengeIn(env, owner, 'published');
    const asker = await verifiedPerson('zh-CN');
    const sent = smtp.inbox(asker.email).length;
    await smtp.stop();
    try {
      await askAndAnswer(owner, asker, challenge.id);
      while ((await processNotificationEvents(app.ctx)) > 0);
      await sendDueMails(app.ctx, transport);
      const [row] = await db.select().from(emailOutbox).where(and(eq(emailOutbox.userId, asker.userId), eq(emailOutbox.kind, 'question_answered')));
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row!.lastError).toBeTruthy();
      expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(env.clock.now().getTime());
      // Operations see the backlog in the health check.
      const health = (await app.inject({ method: 'GET', url: '/api/health' })).json();
      expect(health.outbox.mailPending).toBeGreaterThanOrEqual(1);
      expect(health.outbox.eventsPending).toBe(0);
    } finally {
      await smtp.start();
    }
    // Not before its retry time …
    await sendDueMails(app.ctx, transport);
    expect(smtp.inbox(asker.email)).toHaveLength(sent);
    // … and then exactly once.
    env.clock.advance(2 * MINUTE);
    await deliver();
    await deliver();
    expect(smtp.inbox(asker.email)).toHaveLength(sent + 1);
    const [row] = await db.select().from(emailOutbox).where(and(eq(emailOutbox.userId, asker.userId), eq(emailOutbox.kind, 'question_answered')));
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json().outbox).toEqual({ eventsPending: 0, eventsOldestSeconds: null, mailPending: 0, mailFailed: 0, mailOldestDueSeconds: null });
  });
});

describe('password reset', () => {
  it('mails a link only for a known active address (answering the same either way); the link sets the password once and ends old sign-ins', async () => {
    const person = await verifiedPerson('en');
    const oldSession = await login(app, person.email);
    const count = smtp.received.length;
    const unknown = await app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: 'nobody@nowhere.example' } });
    expect(unknown.statusCode).toBe(202);
    await deliver();
    expect(smtp.received).toHaveLength(count);

    const known = await app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: person.email.toUpperCase() } });
    expect(known.statusCode).toBe(202);
    await deliver();
    const mail = smtp.inbox(person.email).at(-1)!;
    expect(mail.subject).toBe('[Open Challenges] Reset your password');
    const token = linkIn(mail.text, '/reset-password');

    const weak = await app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { token, password: 'short' } });
    expect(weak.statusCode).toBe(422);
    const done = await app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { token, password: 'a-brand-new-password' } });
    expect(done.statusCode).toBe(204);
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: person.email, password: PASSWORD } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: person.email, password: 'a-brand-new-password' } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: oldSession.refreshToken } })).statusCode).toBe(401);
    const reused = await app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { token, password: 'yet-another-password' } });
    expect(reused.json().code).toBe('link_invalid');
  });
});

describe('reminders and alerts', () => {
  it('tells a draft’s author 3 days and 1 day before the deadline, once each, and not after submitting', async () => {
    const owner = await enterprise();
    const challenge = await challengeIn(env, owner, 'published', { deadline: new Date(env.clock.now().getTime() + 5 * DAY).toISOString() });
    const author = await verifiedPerson('en');
    const other = await verifiedPerson('en');
    for (const who of [author, other]) {
      const res = await app.inject({ method: 'POST', url: `/api/challenges/${challenge.id}/applications`, headers: bearer(who.token), payload: completeDraft(challenge) });
      expect(res.statusCode).toBe(201);
      if (who === other) expect((await app.inject({ method: 'POST', url: `/api/applications/${res.json().id}/submit`, headers: bearer(who.token), payload: {} })).statusCode).toBe(200);
    }
    const reminders = async (m: Member) => (await db.select().from(notifications).where(and(eq(notifications.userId, m.userId), eq(notifications.kind, 'application_deadline_soon'))))
      .map((n) => (n.payload as { days: number }).days).sort();

    await remindDraftDeadlines(app.ctx);
    await deliver();
    expect(await reminders(author)).toEqual([]);
    env.clock.advance(2 * DAY + MINUTE); // 3 days minus a minute to go
    await remindDraftDeadlines(app.ctx);
    await remindDraftDeadlines(app.ctx);
    await deliver();
    expect(await reminders(author)).toEqual([3]);
    expect(smtp.inbox(author.email).at(-1)!.subject).toContain('close within 3 days');
    env.clock.advance(2 * DAY); // 1 day minus a minute
    await remindDraftDeadlines(app.ctx);
    await deliver();
    expect(await reminders(author)).toEqual([1, 3]);
    expect(await reminders(other)).toEqual([]);
  });

  it('a saved search tells its owner of newly published matching challenges only', async () => {
    const owner = await enterprise();
    const seeker = await verifiedPerson('en');
    await challengeIn(env, owner, 'published', { titleZh: '连铸结晶器铜板寿命提升' });
    const created = await app.inject({ method: 'POST', url: '/api/me/saved-searches', headers: bearer(seeker.token), payload: { name: 'Casting', query: { q: '结晶器' } } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Casting', alerts: true, path: `/challenges?q=${encodeURIComponent('结晶器')}` });
    const badRange = await app.inject({ method: 'POST', url: '/api/me/saved-searches', headers: bearer(seeker.token), payload: { name: 'x', query: { minBountyFen: 10, maxBountyFen: 5 } } });
    expect(badRange.statusCode).toBe(422);

    env.clock.advance(MINUTE);
    const match = await challengeIn(env, owner, 'published', { titleZh: '结晶器振动参数在线优化' });
    await challengeIn(env, owner, 'published', { titleZh: '液压支架立柱密封寿命' });
    env.clock.advance(ALERT_INTERVAL_MS);
    await runSavedSearchAlerts(app.ctx);
    await runSavedSearchAlerts(app.ctx);
    await deliver();
    const alerts = await db.select().from(notifications).where(and(eq(notifications.userId, seeker.userId), eq(notifications.kind, 'saved_search_match')));
    expect(alerts).toHaveLength(1);
    // The challenge published before the search was saved is not news.
    expect(alerts[0]!.payload).toMatchObject({ name: 'Casting', count: 1, challengeIds: [match.id] });
    expect(smtp.inbox(seeker.email).at(-1)!.subject).toBe('[Open Challenges] Your saved search “Casting” has a newly published challenge.');

    // Another user cannot touch it (both sign in again: the clock moved past their tokens).
    seeker.token = (await login(app, seeker.email)).accessToken;
    const stranger = await verifiedPerson('en');
    expect((await app.inject({ method: 'DELETE', url: `/api/me/saved-searches/${created.json().id}`, headers: bearer(stranger.token) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/me/saved-searches', headers: bearer(stranger.token) })).json().items).toEqual([]);
    expect((await app.inject({ method: 'DELETE', url: `/api/me/saved-searches/${created.json().id}`, headers: bearer(seeker.token) })).statusCode).toBe(204);
  });

  it('follows only published challenges, and only signed in', async () => {
    const owner = await enterprise();
    const draft = await challengeIn(env, owner, 'draft');
    const person = await verifiedPerson('en');
    expect((await app.inject({ method: 'PUT', url: `/api/challenges/${draft.id}/follow`, headers: bearer(person.token) })).statusCode).toBe(404);
    const published = await challengeIn(env, owner, 'published');
    expect((await app.inject({ method: 'PUT', url: `/api/challenges/${published.id}/follow` })).statusCode).toBe(401);
    expect((await app.inject({ method: 'PUT', url: `/api/challenges/${published.id}/follow`, headers: bearer(person.token) })).statusCode).toBe(200);
    const list = await app.inject({ method: 'GET', url: '/api/me/follows', headers: bearer(person.token) });
    expect(list.json().items.map((c: { id: string }) => c.id)).toEqual([published.id]);
    expect((await app.inject({ method: 'DELETE', url: `/api/challenges/${published.id}/follow`, headers: bearer(person.token) })).json()).toEqual({ following: false });
    expect((await app.inject({ method: 'GET', url: `/api/challenges/${published.id}/follow`, headers: bearer(person.token) })).json()).toEqual({ following: false });
  });
});

describe.runIf(onPostgres())('the outbox under concurrency (PostgreSQL)', () => {
  it('three senders at once send each of 40 mails exactly once', async () => {
    const person = await verifiedPerson('en');
    const now = env.clock.now();
    const address = (i: number) => `concurrent-${i}-${person.email}`;
    await db.insert(emailOutbox).values(Array.from({ length: 40 }, (_, i) => ({
      userId: person.userId, kind: 'question_answered', toAddress: address(i), locale: 'en' as const, subject: `m${i}`, text: 'x', nextAttemptAt: now, createdAt: now,
    })));
    const senders = Array.from({ length: 3 }, () => smtpTransport(smtp.url, 'Test <no-reply@test.example>'));
    try {
      const drain = async (t: MailTransport) => { while ((await sendDueMails(app.ctx, t, 5)) > 0); };
      await Promise.all(senders.map(drain));
    } finally {
      for (const t of senders) t.close();
    }
    for (let i = 0; i < 40; i++) expect(smtp.inbox(address(i)), address(i)).toHaveLength(1);
  });
});
